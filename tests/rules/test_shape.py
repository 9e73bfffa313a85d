"""Headings and running headers or footers are set aside, not taken as evidence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from msa_check.analyse import analyse_document
from msa_check.extract.assemble import DraftBlock, assemble_document
from msa_check.models import BlockKind, ContentKind, RuleSetResult
from msa_check.nlp import load_pipeline, parse_document
from msa_check.rules import shape
from msa_check.rules.loading import load_rule_set
from msa_check.rules.matching import RuleSetMatcher
from msa_check.rules.reasons import HEADING_REASON, REPEATED_REASON
from msa_check.rules.shape import looks_like_heading

H, P = BlockKind.HEADING, BlockKind.PARAGRAPH


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def judged(
    nlp: Language, rules: str, blocks: list[tuple[str, BlockKind, int | None]]
) -> RuleSetResult:
    drafts = [DraftBlock(text, kind, page) for text, kind, page in blocks]
    pages = sorted({page for _, _, page in blocks if page is not None})
    document = assemble_document(ContentKind.PDF, drafts, page_numbers=pages)
    parsed = parse_document(document, nlp)
    [result] = analyse_document(parsed, [RuleSetMatcher(load_rule_set(rules), nlp)])
    return result


@pytest.mark.parametrize(
    "text",
    [
        "Training",
        "Assessment of the effectiveness of actions",
        "POLICIES AND DUE DILIGENCE PROCESSES",
        "Supplier Risk Assessment",
        "Remediation Measures",
    ],
)
def test_lines_shaped_like_headings(text: str) -> None:
    assert looks_like_heading(text)


@pytest.mark.parametrize(
    "text",
    [
        "We trained every buyer on forced labour in 2024.",
        "Whistleblowing Policy",  # a listed document counts
        "Tern Valley Training Limited",  # a listed company counts
        "Grievance mechanisms; and",  # the start of a list item
        "received training on this subject",
        "Our training is mandatory",
        "Warehouse staff",  # names no reporting area
    ],
)
def test_lines_not_shaped_like_headings(text: str) -> None:
    assert not looks_like_heading(text)


def test_a_heading_restating_a_criterion_is_set_aside_not_quoted(nlp: Language) -> None:
    result = judged(
        nlp,
        "uk-msa-s54",
        [
            ("Assessment of the effectiveness of our actions", P, 1),
            ("Training on modern slavery", H, 1),
            ("Our people are our greatest strength.", P, 1),
        ],
    )
    by_id = {c.id: c for c in result.criteria}
    for criterion in (by_id["effectiveness"], by_id["training"]):
        assert all("effectiveness of our actions" not in e.text for e in criterion.evidence)
        assert all(e.text != "Training on modern slavery" for e in criterion.evidence)
    reasons = [m for c in result.criteria for e in c.set_aside for m in e.matched]
    assert HEADING_REASON in reasons


def test_a_registration_number_in_a_running_footer_is_not_the_reporting_entity(
    nlp: Language,
) -> None:
    footer = "Kestrel Freight Ltd, company number 01633350, 6 Bevis Marks, London EC3A 7BA"
    blocks: list[tuple[str, BlockKind, int | None]] = []
    for page in (1, 2, 3):
        blocks += [
            ("We map the risks in our supply chains every year.", P, page),
            (footer, P, page),
        ]
    result = judged(nlp, "au-msa-s16", blocks)
    entity = next(c for c in result.criteria if c.id == "c1_reporting_entity")
    assert not entity.evidence
    # Said once, the same line identifies the entity.
    once = judged(nlp, "au-msa-s16", blocks[:2])
    assert [e.text for e in next(c for c in once.criteria if c.id == entity.id).evidence]
    assert [m for e in entity.set_aside for m in e.matched][-1:] == [REPEATED_REASON]


def test_the_same_registration_sentence_once_still_identifies_the_entity(nlp: Language) -> None:
    once = (
        "Harbourline Logistics Limited is registered in England and Wales"
        " under company number 04567891."
    )
    result = judged(nlp, "au-msa-s16", [(once, P, 1), ("We buy steel.", P, 2)])
    entity = next(c for c in result.criteria if c.id == "c1_reporting_entity")
    assert [e.text for e in entity.evidence] == [once]


_heading_word = st.sampled_from(["Due", "Diligence", "training", "Risk", "and", "the", "we", "."])
_gap = st.sampled_from([" ", "  ", "\n", "\t", "\u00a0"])


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.tuples(_heading_word, _gap), max_size=10), lead=_gap)
def test_the_bounded_split_counts_words_as_a_full_split(
    words: list[tuple[str, str]], lead: str
) -> None:
    """looks_like_heading splits at most HEADING_LIKE_MAX_WORDS times: the same answer
    as counting every word, around the limit and with any whitespace."""
    text = lead + "".join(word + gap for word, gap in words)
    stripped = text.strip()
    every_word = stripped.split()
    expected = (
        0 < len(every_word) <= shape.HEADING_LIKE_MAX_WORDS
        and stripped[0].isupper()
        and not shape._END_PUNCTUATION.search(stripped)
        and shape._TOPIC.search(stripped) is not None
        and shape._SENTENCE_WORDS.search(stripped) is None
        and shape._NAMES_ONE.search(stripped) is None
    )
    assert shape.looks_like_heading(text) is expected
