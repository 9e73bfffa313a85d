"""Token patterns' cue words: a block without them is not scanned, and no match is lost."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.strings import get_string_id

from msa_check.extract.assemble import DraftBlock, assemble_document
from msa_check.models import BlockKind, ContentKind
from msa_check.nlp import ParsedBlock, load_pipeline, parse_document
from msa_check.rules.examples import document_from_text
from msa_check.rules.loading import bundled_rule_sets, load_rule_set
from msa_check.rules.token_cues import TokenCues, pattern_cues

EMPLOYS = [{"LEMMA": {"IN": ["employ", "have"]}}, {"IS_ALPHA": True, "OP": "?"}, {"LIKE_NUM": True}]


def test_cues_are_the_values_required_tokens_ask_for() -> None:
    assert pattern_cues(EMPLOYS) == ((LEMMA, frozenset(map(get_string_id, ["employ", "have"]))),)
    optional = [{"LOWER": "head", "OP": "?"}, {"lower": "of"}, {"LOWER": "x", "OP": "{2}"}]
    assert pattern_cues(optional) == (
        (LOWER, frozenset({get_string_id("of")})),
        (LOWER, frozenset({get_string_id("x")})),
    )
    assert pattern_cues([{"TEXT": {"REGEX": "^A"}}, {"LOWER": "b", "OP": "*"}]) == ()


def _scanned(cues: TokenCues, text: str, nlp: Language) -> list[str]:
    block = parse_document(document_from_text(text), nlp).blocks[0]
    ranges = cues.sentences_to_scan(block)
    if ranges is None:
        return ["all"]
    return [block.doc[start:end].text for start, end in ranges]


def test_only_sentences_with_every_cue_of_a_pattern_are_scanned(nlp: Language) -> None:
    cues = TokenCues()
    cues.add([[{"LOWER": "we"}, {"LEMMA": "employ"}]])
    text = "We have offices. They employ staff. We employ 640 people."
    assert _scanned(cues, text, nlp) == ["We employ 640 people."]
    cues.add([[{"IS_TITLE": True}]])  # no cue: every sentence may match
    assert _scanned(cues, text, nlp) == ["all"]
    assert _scanned(TokenCues(), text, nlp) == []


@pytest.mark.parametrize("name", sorted(bundled_rule_sets()))
def test_bundled_patterns_find_the_same_in_cued_sentences_as_everywhere(
    name: str, nlp: Language
) -> None:
    """Each pattern of the set over all the set's example sentences run together."""
    rule_set = load_rule_set(name)
    sentences = [s for c in rule_set.criteria for s in (*c.examples.passing, *c.examples.failing)]
    block = parse_document(document_from_text(" ".join(sentences)), nlp).blocks[0]
    bounds = [(s.start, s.end) for s in block.sentence_spans]
    patterns: list[tuple[dict[str, Any], ...]] = [
        p for c in rule_set.criteria for spec in (c.match, c.exclude, c.also) for p in spec.patterns
    ]
    total = 0
    for pattern in patterns:
        matcher = Matcher(nlp.vocab)
        matcher.add("P", [list(pattern)])
        cues = TokenCues()
        cues.add([pattern])
        ranges = cues.sentences_to_scan(block)
        everywhere = {  # a match counts only inside one sentence
            (start, end)
            for _, start, end in matcher(block.doc)
            if any(a <= start and end <= b for a, b in bounds)
        }
        scanned = [(0, len(block.doc))] if ranges is None else ranges
        found = {
            (first + start, first + end)
            for first, last in scanned
            for _, start, end in matcher(block.doc[first:last])
        }
        assert found == everywhere, pattern
        total += len(found)
    assert total > 0 or not patterns


_CUED = [
    [{"LEMMA": {"IN": ["employ", "have"]}}, {"SHAPE": {"IN": ["ddd", "d,ddd"]}}],
    [{"LOWER": "staff"}, {"LOWER": "of", "OP": "?"}, {"SHAPE": "dd"}],
    [{"ORTH": "\u2022"}, {"LOWER": "staff"}],  # a bullet that is a fragment counts for none
]
# Words of those patterns, sentence ends and a lone bullet (a fragment in no sentence).
_block = st.lists(
    st.sampled_from(["We", "have", "employ", "640", "1,200", "12", "staff", "of", ".", "\u2022"]),
    max_size=12,
).map(" ".join)


def _read_token_by_token(block: ParsedBlock) -> list[tuple[int, int]]:
    wanted = []
    for span in block.sentence_spans:
        lemmas = {t.lemma_ for t in span}
        shapes = {t.shape_ for t in span}
        first = bool(lemmas & {"employ", "have"}) and bool(shapes & {"ddd", "d,ddd"})
        lower = {t.lower_ for t in span}
        second = "staff" in lower and "dd" in shapes
        third = "staff" in lower and "\u2022" in lower
        if first or second or third:
            wanted.append((span.start, span.end))
    return wanted


@settings(max_examples=150, deadline=None)
@given(texts=st.lists(_block, min_size=1, max_size=6))
def test_the_blocks_of_a_document_get_the_sentences_a_token_by_token_reading_gives(
    texts: list[str],
) -> None:
    nlp = load_pipeline()
    cues = TokenCues()
    cues.add(_CUED)
    drafts = [DraftBlock(text, BlockKind.PARAGRAPH) for text in texts if text.strip()]
    parsed = parse_document(assemble_document(ContentKind.TEXT, drafts), nlp)
    expected = [_read_token_by_token(block) for block in parsed.blocks]
    assert cues.blocks_to_scan(parsed.blocks) == expected
