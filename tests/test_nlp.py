"""The spaCy pipeline: loaded once, lower-case lemmas, sentences that never cross blocks."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from msa_check import sentences_and_lemmas
from msa_check.errors import ExitCode, ModelError
from msa_check.extract.assemble import DraftBlock, assemble_document
from msa_check.models import BlockKind, ContentKind
from msa_check.nlp import (
    LOWERCASE_LEMMAS,
    SENTENCES_AND_LEMMAS,
    TOKENIZER_CACHE_CHUNKS,
    load_pipeline,
    parse_document,
)


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


CORPUS_TEXTS = Path(__file__).parents[1].parent / "shared" / "corpus" / "uk_texts_unlabelled.jsonl"
SAMPLES = Path(__file__).parents[1] / "samples"


def _reference_pipeline() -> spacy.language.Language:
    """The pipeline before the cached lemma step: spaCy's lookup lemmatizer, then lower case."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe(LOWERCASE_LEMMAS)
    nlp.initialize()
    return nlp


def _sample_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    texts.append(
        "Suppliers Were Trained and Approved. APPROVED BY THE BOARD. \u017ftatement, 1,240"
    )
    if CORPUS_TEXTS.is_file():  # 60 real statements when the shared corpus is beside the clone
        with CORPUS_TEXTS.open(encoding="utf-8") as lines:
            texts += [json.loads(line)["text"] for _, line in zip(range(60), lines, strict=False)]
    return texts


def test_cached_lemmas_are_identical_to_spacys_lookup_lemmatizer_lower_cased() -> None:
    texts = _sample_texts()
    expected = [[(t.text, t.lemma_) for t in doc] for doc in _reference_pipeline().pipe(texts)]
    actual = [[(t.text, t.lemma_) for t in doc] for doc in load_pipeline().pipe(texts)]
    assert sum(map(len, actual)) > 1000
    assert actual == expected


def test_the_lemma_cache_starts_again_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sentences_and_lemmas, "LEMMA_CACHE_SIZE", 3)
    nlp = spacy.blank("en")
    nlp.add_pipe(SENTENCES_AND_LEMMAS)
    doc = nlp("Suppliers were Trained, audits were APPROVED by directors")
    assert [t.lemma_ for t in doc] == [
        "supplier", "be", "train", ",", "audit", "be", "approve", "by", "director",
    ]  # fmt: skip
    assert len(nlp.get_pipe(SENTENCES_AND_LEMMAS).table) <= 3


def test_sentences_split_exactly_where_spacys_sentencizer_splits() -> None:
    reference = spacy.blank("en")
    reference.add_pipe("sentencizer")
    texts = [*_sample_texts(), "Yes!!) Then no.", '"Quoted." Next', "...", "a", "!? x"]
    expected = [[s.text for s in doc.sents] for doc in reference.pipe(texts)]
    assert [[s.text for s in doc.sents] for doc in load_pipeline().pipe(texts)] == expected


_PIECES = [
    "Yes",
    "no",
    "12",
    "1,240",
    ".",
    "!",
    "?",
    "!!",
    ")",
    "(",
    '"',
    "•",
    "-",
    "...",
    "Ltd.",
    "\u0964",
]
_TOKENS = st.one_of(st.sampled_from(_PIECES), st.text(alphabet="abAB.!)-1", min_size=1, max_size=4))
_BLOCKS = st.lists(st.lists(_TOKENS, min_size=1, max_size=12).map(" ".join), min_size=1, max_size=5)


@functools.cache
def _reference_with_sentencizer() -> spacy.language.Language:
    return _reference_pipeline()


@settings(max_examples=300, deadline=None)
@given(_BLOCKS)
def test_parsed_sentences_and_lemmas_are_spacys_block_by_block(blocks: list[str]) -> None:
    """A document's blocks are parsed together: sentence starts, the sentences kept (those
    with a word or number) and lemmas as spaCy's Sentencizer and lookup lemmas give them
    for each block on its own."""
    drafts = [DraftBlock(text, BlockKind.PARAGRAPH) for text in blocks]
    document = assemble_document(ContentKind.TEXT, drafts)
    parsed = parse_document(document, load_pipeline())
    expected_sentences, expected_lemmas = [], []
    for block in document.blocks:
        doc = _reference_with_sentencizer()(block.text)
        expected_lemmas += [(t.text, t.lemma_) for t in doc]
        for span in doc.sents:
            if any(token.is_alpha or token.like_num for token in span):
                expected_sentences.append((span.text, block.start + span.start_char))
    assert [(s.text, s.start) for s in parsed.document.sentences] == expected_sentences
    lemmas = [(t.text, t.lemma_) for block in parsed.blocks for t in block.doc]
    assert lemmas == expected_lemmas
    starts = [t.is_sent_start for block in parsed.blocks for t in block.doc]
    assert starts == [
        t.is_sent_start for b in document.blocks for t in _reference_with_sentencizer()(b.text)
    ]


def test_the_tokenizer_remembers_more_chunks_than_spacys_default() -> None:
    # spaCy stops caching at 10,000 distinct chunks, well under a register's vocabulary.
    assert spacy.blank("en").tokenizer.max_cache_size < TOKENIZER_CACHE_CHUNKS
    assert load_pipeline().tokenizer.max_cache_size == TOKENIZER_CACHE_CHUNKS


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from(list("ab.,'-:)(\"/ \nE.g.don't U.K. 5%")), max_size=40),
        min_size=1,
        max_size=8,
    )
)
def test_the_cache_never_changes_a_split(texts: list[str]) -> None:
    # The enlarged cache only remembers splits: each text, tokenised after the others
    # have filled the cache, splits as a tokenizer that caches nothing splits it.
    uncached = _uncached_blank()
    nlp = load_pipeline()
    for text in texts + texts:
        assert [t.text for t in nlp.make_doc(text)] == [t.text for t in uncached(text)]


@functools.cache
def _uncached_blank() -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.tokenizer.max_cache_size = 0
    return nlp
