"""The literal pre-filter of rule regexes: what it derives, and that it never skips a match."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

import pytest
import regex
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from msa_check.rules.literal_search import (
    CASE_TWINS,
    Requirement,
    SentenceLiterals,
    has_required_literals,
    literal_haystack,
)
from msa_check.rules.literals import required_literals
from msa_check.rules.loading import bundled_rule_sets, load_rule_set
from msa_check.rules.schema import MatchSpec, RuleSet


def _met(requirements: tuple[Requirement, ...], text: str) -> bool:
    haystack = literal_haystack(text)
    return has_required_literals(haystack, requirements)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bsuppliers?\b", [{"supplier"}]),
        (r"organi[sz]ation", [{"organisation", "organization"}]),
        (r"\b(?:must|shall)\s+sign\b", [{"sign"}, {"must", "shall"}]),
        (r"(?-i:ABN)\s*\d", [{"abn"}]),
        (r"\bfree(?=\s+of)\s+of\b", [{"free"}, {"of"}]),
        (r"\d{1,3}\s?%", [{"%"}]),
        (r"(?:ab){2}", [{"abab"}]),
        (r"(su)\w+\1", [{"su"}]),  # a back-reference needs what its group needed
        # what a lookahead needs is in the sentence searched, though not in the match
        (r"^(?=.*\bapprov)\w+\s+board", [{"approv"}, {"board"}]),
        (r"(?<=board\s)of", [{"board"}, {"of"}]),
    ],
)
def test_required_literals_of_a_pattern(pattern: str, expected: list[set[str]]) -> None:
    assert [set(r) for r in required_literals(pattern)] == expected


@pytest.mark.parametrize(
    "pattern",
    [
        r"\w+\s+\d+",  # no literal at all
        r"(?:suppliers?)?\s*\d",  # the only literal is optional
        r"abc|\d+",  # one branch needs no literal
        r"^(?!.*\bnot\b)\w+",  # a negative lookahead needs nothing
        r"(?:cat){e<=1}",  # fuzzy matching in `regex`: "cot" matches too
        r"[[:alpha:]]+x",  # a POSIX class in `regex`, a set of letters to `re`
        r"\p{Lu}ltd",  # `regex` syntax `re` cannot parse
    ],
)
def test_no_requirement_where_none_is_safe(pattern: str) -> None:
    assert required_literals(pattern) == ()


def test_case_twins_are_every_character_ignorecase_matches_with_an_ascii_letter() -> None:
    """The long s matches "s" under IGNORECASE, though it lower-cases to itself."""
    everything = "".join(chr(i) for i in range(128, 0x110000) if not 0xD800 <= i < 0xE000)
    twins = {
        char: letter.lower()
        for letter in string.ascii_letters
        for char in regex.findall(letter, everything, regex.IGNORECASE)
    }
    assert twins and all(literal_haystack(char) == letter for char, letter in twins.items())
    assert set(twins) == set(CASE_TWINS)
    assert _met(required_literals(r"\bstatement\b"), "this \u017ftatement")


def _regexes(spec: MatchSpec) -> Iterator[str]:
    yield from spec.regex


def _rule_set_regexes(rule_set: RuleSet) -> Iterator[str]:
    for criterion in rule_set.criteria:
        for spec in (criterion.match, criterion.exclude, criterion.also):
            yield from _regexes(spec)
        for alert in criterion.alerts:
            yield from _regexes(alert.match)
        for qualifier in criterion.qualifiers:
            yield from _regexes(qualifier.match)


def _examples(rule_set: RuleSet) -> list[str]:
    return [
        sentence
        for criterion in rule_set.criteria
        for sentence in (*criterion.examples.passing, *criterion.examples.failing)
    ]


@pytest.mark.parametrize("name", sorted(bundled_rule_sets()))
def test_the_filter_never_skips_a_sentence_a_bundled_regex_matches(name: str) -> None:
    """Every regex of the set against every example sentence of the set."""
    rule_set = load_rule_set(name)
    examples = _examples(rule_set)
    matched = filtered = 0
    for expression in _rule_set_regexes(rule_set):
        requirements = required_literals(expression)
        pattern = regex.compile(expression, regex.IGNORECASE)
        for text in examples:
            if pattern.search(text):
                matched += 1
                assert _met(requirements, text), (expression, text, requirements)
            elif requirements and not _met(requirements, text):
                filtered += 1
    assert matched > 0 and filtered > 0  # the examples exercise both sides


# Letters the literals are made of, the separator of the joined text, a case twin and a
# letter outside ASCII: literals over sentence ends and overlapping ones are likely.
_ALPHABET = "ab\n\u017fS\u00e9"
_texts = st.lists(st.text(_ALPHABET, max_size=12), max_size=8)
_literals = st.text("abs\n", max_size=3)
_requirements = st.lists(st.frozensets(_literals, min_size=1, max_size=3), max_size=3)
# Each example takes microseconds: many, with no deadline on a shared machine.
_MANY = settings(max_examples=400, deadline=None)


@_MANY
@given(texts=_texts, literal=_literals)
def test_sentences_holding_a_literal_are_those_whose_haystack_has_it(
    texts: list[str], literal: str
) -> None:
    literals = SentenceLiterals(texts)
    expected = [i for i, text in enumerate(texts) if literal in literal_haystack(text)]
    assert literals.holding(literal) == expected


@_MANY
@given(texts=_texts, requirements=_requirements)
def test_sentences_meeting_requirements_are_those_the_per_sentence_test_passes(
    texts: list[str], requirements: list[Requirement]
) -> None:
    literals = SentenceLiterals(texts)
    expected = [i for i, text in enumerate(texts) if _met(tuple(requirements), text)]
    assert literals.meeting(tuple(requirements)) == expected


@pytest.mark.parametrize("name", sorted(bundled_rule_sets()))
def test_the_document_index_never_skips_a_sentence_a_bundled_regex_matches(name: str) -> None:
    """The set's example sentences as one document: every sentence a regex matches is
    one the index hands it, and it hands fewer than all."""
    rule_set = load_rule_set(name)
    examples = _examples(rule_set)
    literals = SentenceLiterals(examples)
    skipped = 0
    for expression in _rule_set_regexes(rule_set):
        pattern = regex.compile(expression, regex.IGNORECASE)
        handed = set(literals.meeting(required_literals(expression)))
        matching = {i for i, text in enumerate(examples) if pattern.search(text)}
        assert matching <= handed, (expression, [examples[i] for i in matching - handed])
        skipped += len(examples) - len(handed)
    assert skipped > 0


def test_verbose_patterns_are_read_with_their_flags() -> None:
    """Under VERBOSE the spaces are layout, so "goal" is needed, not " goal "; the
    requirements go rarest first."""
    pattern = r"\b(?:our|the) \s+ goal \s+ is  # a comment"
    assert [set(r) for r in required_literals(pattern, re.VERBOSE)] == [
        {"goal"},
        {"is"},
        {"our", "the"},
    ]
    assert _met(required_literals(pattern, re.VERBOSE), "Our  GOAL is")
    assert not _met(required_literals(pattern), "Our  GOAL is")  # read without the flag


def test_the_rarest_alternative_of_a_branch_is_chosen() -> None:
    """A stop word ("the", "to") rejects next to no sentence: "goal" and "yet" do."""
    assert [set(r) for r in required_literals(r"(?:the|our)\s+goal|yet\s+to")] == [{"goal", "yet"}]


def _bundled_regexes() -> list[str]:
    """Every regex of every bundled set that `re` reads (hypothesis generates matches
    of `re` patterns only; one `re` cannot read gets no pre-filter anyway)."""
    found: set[str] = set()
    for name in bundled_rule_sets():
        for expression in _rule_set_regexes(load_rule_set(name)):
            try:
                re.compile(expression, re.IGNORECASE)
            except re.error:
                continue
            found.add(expression)
    return sorted(found)


_BUNDLED = _bundled_regexes()


@settings(max_examples=1500, deadline=None)
@given(data=st.data())
def test_the_filter_passes_generated_matches_of_every_bundled_regex(
    data: st.DataObject,
) -> None:
    """Random text holding a match of a bundled regex (any of the seven sets) always
    meets that regex's requirements."""
    expression = data.draw(st.sampled_from(_BUNDLED))
    text = data.draw(st.from_regex(re.compile(expression, re.IGNORECASE)))
    # `re` and `regex` differ at the edges (`re`'s \s holds \x1f): the engine runs `regex`.
    assume(regex.search(expression, text, regex.IGNORECASE) is not None)
    assert _met(required_literals(expression), text), (expression, text)


def test_a_branch_takes_the_string_another_branch_brings() -> None:
    """The second branch needs "no", which the first needs too: testing "taken" or "sign"
    as well would pass more sentences for nothing ("not" holds "no")."""
    assert [set(r) for r in required_literals(r"(?:have|has)\s+taken\s+no|\bno\b")] == [{"no"}]
    assert [set(r) for r in required_literals(r"did\s+not\s+sign|\bno\b")] == [{"no"}]
    # Without the shared string each branch keeps its rarest.
    assert [set(r) for r in required_literals(r"did\s+not\s+sign|\bno\s+steps")] == [
        {"sign", "steps"}
    ]
