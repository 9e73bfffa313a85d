"""The status patterns read lower-case text case-sensitively: the same as IGNORECASE."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msa_check.models import EvidenceStatus
from msa_check.rules import status
from msa_check.rules.literal_search import (
    CASE_TWINS,
    Requirement,
    has_required_literals,
    literal_haystack,
)

PATTERNS = [status._DENIED, status._PLANNED, status._TAKEN]
# Every character but the surrogates, which a str can hold but no text has.
EVERYTHING = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)


def test_the_patterns_are_lower_case_and_not_ignorecase() -> None:
    for pattern in PATTERNS:
        assert not pattern.flags & re.IGNORECASE
        assert not any(char.isupper() for char in pattern.pattern), pattern.pattern[:60]


@pytest.mark.parametrize("char", [c for c in string.printable if not c.isupper()])
def test_a_literal_matches_under_ignorecase_what_it_matches_in_the_haystack(char: str) -> None:
    """Any character a pattern may name: IGNORECASE takes exactly the characters whose
    lower-case form (literal_haystack) is that character."""
    literal = re.escape(char)
    ignoring_case = {m.start() for m in re.finditer(literal, EVERYTHING, re.IGNORECASE)}
    lowered = {m.start() for m in re.finditer(literal, literal_haystack(EVERYTHING))}
    assert ignoring_case == lowered


@pytest.mark.parametrize("category", [r"\w", r"\s", r"\d", r"\b"])
def test_the_classes_hold_the_same_characters_in_the_haystack(category: str) -> None:
    haystack = literal_haystack(EVERYTHING)
    assert len(haystack) == len(EVERYTHING)  # offsets line up, so \b sees the same words
    before = [m.start() for m in re.finditer(category, EVERYTHING)]
    assert before == [m.start() for m in re.finditer(category, haystack)]


# Words and pieces of the three patterns, in any case, with case twins and look-alikes.
_TEXT = (
    "we have not yet been taken no steps did didn't will shall be plan to is are considering"
    " next financial year in the future over was were trained 2024/25 fy 2023 our goal would"
    " like 'd 12 months priorities for \u017fteps \u212aept L\u0130KE \u0131s ST\u00c9PS"
)
_WORDS = _TEXT.split()
_word = st.sampled_from(_WORDS).flatmap(
    lambda w: st.sampled_from([w, w.upper(), w.title(), w.swapcase()])
)
_sentence = st.lists(_word, max_size=14).flatmap(
    lambda words: st.sampled_from([" ".join(words), "  ".join(words), "\n".join(words)])
)


@settings(max_examples=400, deadline=None)
@given(sentence=_sentence)
def test_each_pattern_finds_on_the_haystack_what_ignorecase_finds(sentence: str) -> None:
    for pattern in PATTERNS:
        ignoring_case = re.compile(pattern.pattern, pattern.flags | re.IGNORECASE)
        expected = ignoring_case.search(sentence)
        found = pattern.search(literal_haystack(sentence))
        assert (found and found.span()) == (expected and expected.span()), sentence


def test_case_twins_reach_the_status_patterns() -> None:
    assert set(CASE_TWINS) <= set(EVERYTHING)
    assert status.evidence_status("We HAVE NOT YET \u017fIGNED it") is EvidenceStatus.DENIED


_NEEDS = [(status._DENIED, status.DENIED_NEEDS), (status._PLANNED, status.PLANNED_NEEDS)]


@pytest.mark.parametrize(("pattern", "needs"), _NEEDS, ids=["denied", "planned"])
@settings(max_examples=600, deadline=None)
@given(data=st.data())
def test_every_match_holds_one_of_the_strings_its_pattern_needs(
    pattern: re.Pattern[str], needs: tuple[Requirement, ...], data: st.DataObject
) -> None:
    """Text the pattern finds something in (generated from the pattern, so every
    alternative is reached) passes the pre-test: evidence_status skips no sentence the
    pattern would match."""
    text = data.draw(st.from_regex(pattern))
    assert pattern.search(text) is not None
    assert has_required_literals(literal_haystack(text), needs), text


@pytest.mark.parametrize(("pattern", "needs"), _NEEDS, ids=["denied", "planned"])
@settings(max_examples=600, deadline=None)
@given(sentence=_sentence)
def test_the_pre_test_passes_every_sentence_of_the_patterns_words_they_match(
    pattern: re.Pattern[str], needs: tuple[Requirement, ...], sentence: str
) -> None:
    haystack = literal_haystack(sentence)
    if pattern.search(haystack):
        assert has_required_literals(haystack, needs), sentence


def test_the_pre_test_drops_a_string_the_pattern_needs_it_would_fail() -> None:
    """Without "plan" a match holds none of the other strings (so the tests can fail)."""
    (planned,) = status.PLANNED_NEEDS
    found = status._PLANNED.search("we plans to")
    assert found is not None
    assert not has_required_literals(found.group(0), (planned - {"plan"},))


# Words in most sentences of a statement: a pre-test that lets them through rejects little.
_COMMON = {"the", "our", "to", "is", "in", "we", "of", "and", "a", "be", "have", "has", "had"}


@pytest.mark.parametrize("needs", [status.DENIED_NEEDS, status.PLANNED_NEEDS])
def test_the_derived_strings_are_selective(needs: tuple[Requirement, ...]) -> None:
    """Of each alternative the rarest string is taken: "goal" from "(?:our|the) goal",
    "yet" from "yet to", so no string is a word nearly every sentence has."""
    assert needs
    assert all(not requirement & _COMMON for requirement in needs), needs
    sentences = [
        "We are committed to the highest standards of conduct.",
        "Our suppliers must comply with the law in all of our operations.",
        "This statement is made pursuant to section 54 of the Act.",
        "The board of directors approved this statement.",
    ]
    assert not any(has_required_literals(literal_haystack(s), needs) for s in sentences)


@pytest.mark.parametrize(
    "sentence",
    ["Our ambition is to map tier 2.", "The objective is to train buyers.", "We'd like to audit."],
)
def test_rarer_alternatives_pass_the_pre_test(sentence: str) -> None:
    assert status.evidence_status(sentence) is EvidenceStatus.PLANNED
