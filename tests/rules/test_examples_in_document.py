"""Every bundled example again, inside a small document with a heading (issue 13 item 5).

tests/rules/test_examples.py judges each example as a lone sentence with min_evidence
relaxed to 1. Here the sentence sits under a heading in a document, and the criterion is
judged as a statement would be: with its own min_evidence (the sentence written that many
times) and its `headings:` in play. A second test puts a neutral sentence under each
criterion's own heading words, so `headings:` is tested rule by rule.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from msa_check.analyse_criterion import judge_criterion
from msa_check.extract.assemble import DraftBlock, assemble_document
from msa_check.models import BlockKind, ContentKind, CriterionResult, Verdict
from msa_check.nlp import load_pipeline, parse_document
from msa_check.rules.loading import bundled_rule_sets, load_rule_set
from msa_check.rules.matching import RuleSetMatcher
from msa_check.rules.schema import CheckedBy, Criterion

# Headings that tell nothing; each criterion gets the first that none of its heading
# words (match, exclude, scope) occurs in.
NEUTRAL_HEADINGS = ("Introduction", "About this document", "Overview")
NEUTRAL_SENTENCE = "Further detail is given below."

CASES = [
    (name, criterion, expected_pass, sentence)
    for name in bundled_rule_sets()
    for criterion in load_rule_set(name).criteria
    if criterion.checked_by is CheckedBy.TEXT
    for expected_pass, sentences in (
        (True, criterion.examples.passing),
        (False, criterion.examples.failing),
    )
    for sentence in sentences
]
HEADED = [
    (name, criterion)
    for name in bundled_rule_sets()
    for criterion in load_rule_set(name).criteria
    if criterion.checked_by is CheckedBy.TEXT and criterion.match.headings
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="module")
def matchers(nlp: Language) -> dict[str, RuleSetMatcher]:
    return {name: RuleSetMatcher(load_rule_set(name), nlp) for name in bundled_rule_sets()}


def neutral_heading(criterion: Criterion) -> str:
    words = [*criterion.match.headings, *criterion.exclude.headings, *criterion.scope_headings]
    return next(h for h in NEUTRAL_HEADINGS if not any(w.lower() in h.lower() for w in words))


def judge_result(
    nlp: Language, matcher: RuleSetMatcher, criterion: Criterion, heading: str, text: str
) -> CriterionResult:
    drafts = [DraftBlock(heading, BlockKind.HEADING), DraftBlock(text, BlockKind.PARAGRAPH)]
    parsed = parse_document(assemble_document(ContentKind.TEXT, drafts), nlp)
    return judge_criterion(criterion, matcher.find_hits(parsed), parsed)


def judge(
    nlp: Language, matcher: RuleSetMatcher, criterion: Criterion, heading: str, text: str
) -> Verdict:
    return judge_result(nlp, matcher, criterion, heading, text).verdict


@pytest.mark.parametrize(
    ("name", "criterion", "expected_pass", "sentence"),
    CASES,
    ids=[f"{n}/{c.id}/{'pass' if p else 'fail'}{i}" for i, (n, c, p, _) in enumerate(CASES)],
)
def test_example_under_a_heading_with_the_criterions_own_min_evidence(
    nlp: Language,
    matchers: dict[str, RuleSetMatcher],
    name: str,
    criterion: Criterion,
    expected_pass: bool,
    sentence: str,
) -> None:
    # A scoped criterion only counts sentences under its scope's headings.
    heading = (
        criterion.scope_headings[0] if criterion.scope_headings else neutral_heading(criterion)
    )
    # min_evidence counts distinct sentences: the example written as often as it asks.
    text = " ".join([sentence] * criterion.min_evidence)
    verdict = judge(nlp, matchers[name], criterion, heading, text)
    assert (verdict is Verdict.MET) == expected_pass, f"{sentence!r} under {heading!r}: {verdict}"
    if criterion.min_evidence > 1 and expected_pass:
        once = judge(nlp, matchers[name], criterion, heading, sentence)
        assert once is not Verdict.MET, (
            f"one sentence should not meet min_evidence {criterion.min_evidence}"
        )


@pytest.mark.parametrize(("name", "criterion"), HEADED, ids=[f"{n}/{c.id}" for n, c in HEADED])
def test_the_criterions_heading_words_alone_count_as_a_heading_does(
    nlp: Language, matchers: dict[str, RuleSetMatcher], name: str, criterion: Criterion
) -> None:
    heading = criterion.match.headings[0].title()
    result = judge_result(nlp, matchers[name], criterion, heading, NEUTRAL_SENTENCE)
    verdict = result.verdict
    neutral = judge(nlp, matchers[name], criterion, neutral_heading(criterion), NEUTRAL_SENTENCE)
    if criterion.match.classifier:
        # The classifier reads the heading as context too, and may lift the sentence to
        # met; the heading must at least count. A criterion with a classifier veto may set
        # the sentence aside, but only as the veto: matched by the heading, then vetoed.
        vetoed = [
            e
            for e in result.set_aside
            if e.text == NEUTRAL_SENTENCE
            and any(m.startswith("heading ") for m in e.matched)
            and any(m.startswith("excluded by classifier ") for m in e.matched)
        ]
        if criterion.exclude.classifier and verdict is Verdict.MISSING:
            assert vetoed, f"{heading!r} did not count before the veto: {result.set_aside}"
        else:
            assert verdict in (Verdict.PARTIAL, Verdict.MET)
        assert neutral is not Verdict.MET
        return
    # A heading is half-strength evidence (partial) unless the criterion counts headings
    # as evidence, and never enough for a min_evidence over 1.
    expected = Verdict.MET if criterion.headings_are_evidence else Verdict.PARTIAL
    assert verdict is (Verdict.PARTIAL if criterion.min_evidence > 1 else expected)
    assert neutral is Verdict.MISSING
