"""The spaCy pipeline: loaded once, lower-case lemmas, sentences that never cross blocks."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from msa_check.errors import ExitCode, ModelError
from msa_check.extract.assemble import DraftBlock, assemble_document
from msa_check.models import BlockKind, ContentKind
from msa_check.nlp import LOWERCASE_LEMMAS, load_pipeline, parse_document


def test_pipeline_is_loaded_once_per_process() -> None:
    assert load_pipeline() is load_pipeline()


def test_lemmas_are_lower_case_even_for_capitalised_words() -> None:
    doc = load_pipeline()("Suppliers Were Trained and Approved.")
    assert [t.lemma_ for t in doc][:5] == ["supplier", "be", "train", "and", "approve"]


def test_sentences_keep_their_page_and_section_and_never_cross_blocks() -> None:
    drafts = [
        DraftBlock("Training", BlockKind.HEADING, 1),
        DraftBlock(
            "All staff were trained. The course ran online and took an hour to",
            BlockKind.PARAGRAPH,
            1,
        ),
        DraftBlock("complete. It is mandatory.", BlockKind.PARAGRAPH, 2),
        DraftBlock("•", BlockKind.LIST_ITEM, 2),
    ]
    document = assemble_document(ContentKind.PDF, drafts, page_numbers=[1, 2])
    parsed = parse_document(document, load_pipeline())
    sentences = parsed.document.sentences
    assert [(s.text, s.page) for s in sentences] == [
        ("Training", 1),
        ("All staff were trained.", 1),
        ("The course ran online and took an hour to", 1),
        ("complete.", 2),
        ("It is mandatory.", 2),
    ]
    assert all(document.text[s.start : s.end] == s.text for s in sentences)
    assert {s.section for s in sentences} == {"Training"}
    assert parsed.sentence_kinds[0] is BlockKind.HEADING


def test_an_unknown_model_is_a_usage_error_naming_it() -> None:
    with pytest.raises(ModelError, match="'en_core_web_zz' is not installed") as caught:
        load_pipeline("en_core_web_zz")
    assert caught.value.exit_code == ExitCode.USAGE


def test_model_option_loads_an_installed_pipeline_from_its_folder(tmp_path: Path) -> None:
    """Any spaCy pipeline can be named; one without a sentence splitter gets one."""
    saved = spacy.blank("en")
    saved.to_disk(tmp_path / "my_pipeline")
    nlp = load_pipeline(str(tmp_path / "my_pipeline"))
    assert "sentencizer" in nlp.pipe_names and nlp.pipe_names[-1] == LOWERCASE_LEMMAS
    doc = nlp("Suppliers Were Audited. Staff were trained.")
    assert [s.text for s in doc.sents] == ["Suppliers Were Audited.", "Staff were trained."]
    assert doc[0].lemma_ == "suppliers"  # no lemmatizer in it: lower case at least
