"""REGEX in token patterns runs on the `regex` module with a time limit (issue 15): spaCy's
Matcher would run it on `re`, where `(a|a)+$` on one 31-letter token never finishes."""

from __future__ import annotations

import pytest
from spacy.language import Language

from msa_check.analyse import analyse_document
from msa_check.extract.assemble import DraftBlock, assemble_document
from msa_check.models import BlockKind, ContentKind, CriterionResult, Verdict
from msa_check.nlp import parse_document
from msa_check.rules import token_regex
from msa_check.rules.matching import RuleSetMatcher
from msa_check.rules.token_regex import without_token_regexes
from tests.conftest import one_criterion_rule_set

# (a|a)+$ on "aaa...ab" tries 2**30 ways to split the run at every start; the `regex`
# module defuses the textbook (a+)+$ but not this.
HOSTILE = "(a|a)+$"
LONG_TOKEN = "a" * 30 + "b"


def _criterion(nlp: Language, match: dict[str, object], *paragraphs: str) -> CriterionResult:
    rule_set = one_criterion_rule_set({"match": match})
    blocks = [DraftBlock(text, BlockKind.PARAGRAPH, None) for text in paragraphs]
    document = assemble_document(ContentKind.TEXT, blocks)
    [result] = analyse_document(parse_document(document, nlp), [RuleSetMatcher(rule_set, nlp)])
    [criterion] = result.criteria
    return criterion


def test_a_token_regex_that_runs_out_of_time_is_skipped_and_noted(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(token_regex, "REGEX_TIMEOUT_SECONDS", 0.05)
    match = {
        "patterns": [
            [{"TEXT": {"REGEX": HOSTILE}}],
            [{"LOWER": "worker"}, {"LOWER": {"REGEX": "^hot"}}],
        ]
    }
    criterion = _criterion(
        nlp,
        match,
        f"{LONG_TOKEN} is a long word.",
        f"Then {LONG_TOKEN} again, and {LONG_TOKEN} once more.",
        "We run a worker hotline.",
    )
    assert criterion.verdict is Verdict.MET  # the other pattern still found its sentence
    assert (
        f"token pattern REGEX '{HOSTILE}' took over 0.05 s on sentence 1 and was skipped"
        " there and in the rest of the statement"
    ) in criterion.note
    assert "more sentence" not in criterion.note  # not tried again after the first timeout


def test_token_regex_keeps_spacys_meaning(nlp: Language) -> None:
    # search anywhere in the attribute's text, case-sensitive on TEXT, beside other predicates
    lower = {"patterns": [[{"LOWER": {"REGEX": "line$"}}]]}
    assert _criterion(nlp, lower, "We run a worker Hotline.").verdict is Verdict.MET
    text = {"patterns": [[{"TEXT": {"REGEX": "^hot"}}]]}
    assert _criterion(nlp, text, "We run a worker Hotline.").verdict is not Verdict.MET
    both = {"patterns": [[{"LOWER": {"REGEX": "line$", "NOT_IN": ["hotline"]}}]]}
    assert _criterion(nlp, both, "We run a worker hotline.").verdict is not Verdict.MET
    assert _criterion(nlp, both, "We run a helpline.").verdict is Verdict.MET


def test_rewriting_moves_only_the_regex() -> None:
    pattern = [
        {"LOWER": "worker", "OP": "?"},
        {"LOWER": {"REGEX": "^hot", "NOT_IN": ["hotel"]}, "POS": "NOUN"},
        {"TEXT": {"REGEX": "x"}, "_": {"flag": True}},
    ]
    rewritten, tests = without_token_regexes(pattern)
    assert rewritten[0] == {"LOWER": "worker", "OP": "?"}
    assert [test.attribute for test in tests] == ["LOWER", "TEXT"]
    assert rewritten[1] == {
        "LOWER": {"NOT_IN": ["hotel"]},
        "POS": "NOUN",
        "_": {tests[0].name: True},
    }
    assert rewritten[2] == {"_": {"flag": True, tests[1].name: True}}
    assert pattern[1]["LOWER"] == {"REGEX": "^hot", "NOT_IN": ["hotel"]}  # input untouched


def test_the_textbook_nested_quantifier_on_a_long_token_finishes(nlp: Language) -> None:
    # `re` (what spaCy's Matcher uses) takes about 2**n steps for (a+)+$ on n letters and
    # a stop: minutes at 31 letters, years at 60. `regex` defuses this one outright, so it
    # neither hangs nor needs the time limit: the other pattern still decides.
    match = {"patterns": [[{"TEXT": {"REGEX": "(a+)+$"}}], [{"LOWER": "hotline"}]]}
    criterion = _criterion(nlp, match, "a" * 60 + "b is a long word.", "We run a hotline.")
    assert criterion.verdict is Verdict.MET
    assert "took over" not in criterion.note
