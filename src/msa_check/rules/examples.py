"""Run the pass and fail examples each criterion carries (STYLE.md habit 2).

A passing example must, on its own, make its criterion `met`; a failing one must not.
The test suite runs every bundled example, and `rules validate` runs a user's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.language import Language

from msa_check.analyse_criterion import judge_criterion
from msa_check.models import Block, BlockKind, ContentKind, CriterionResult, Document, Verdict
from msa_check.nlp import parse_document
from msa_check.rules.matching import RuleSetMatcher
from msa_check.rules.schema import CheckedBy, Criterion, RuleSet


@dataclass(frozen=True)
class ExampleOutcome:
    rule_set: str
    criterion: str
    expected_pass: bool
    sentence: str
    result: CriterionResult

    @property
    def ok(self) -> bool:
        return (self.result.verdict is Verdict.MET) == self.expected_pass

    def describe(self) -> str:
        expected = "met" if self.expected_pass else "not met"
        matched = "; ".join(m for e in self.result.evidence for m in e.matched) or "nothing"
        return (
            f"{self.rule_set}/{self.criterion}: {self.sentence!r} should be {expected}, "
            f"got {self.result.verdict.value} (matched: {matched})"
        )


def document_from_text(text: str) -> Document:
    """A one-paragraph Document, for examples and quick experiments."""
    block = Block(text=text, kind=BlockKind.PARAGRAPH, start=0, end=len(text))
    return Document(kind=ContentKind.TEXT, text=text, blocks=(block,))


def run_examples(rule_set: RuleSet, nlp: Language) -> Iterator[ExampleOutcome]:
    """Judge every example sentence of every text-checked criterion on its own."""
    matcher = RuleSetMatcher(rule_set, nlp)
    for criterion in rule_set.criteria:
        if criterion.checked_by is not CheckedBy.TEXT:
            continue  # judged on a homepage, not on sentences
        for expected_pass, sentences in (
            (True, criterion.examples.passing),
            (False, criterion.examples.failing),
        ):
            for sentence in sentences:
                result = judge_example(criterion, sentence, matcher, nlp)
                yield ExampleOutcome(rule_set.id, criterion.id, expected_pass, sentence, result)


def judge_example(
    criterion: Criterion, sentence: str, matcher: RuleSetMatcher, nlp: Language
) -> CriterionResult:
    # An example is judged on one sentence, so it needs one piece of evidence, whatever
    # the criterion's min_evidence asks of a whole statement.
    single = criterion if criterion.min_evidence == 1 else _with_min_evidence(criterion, 1)
    parsed = parse_document(document_from_text(sentence), nlp)
    return judge_criterion(single, matcher.find_hits(parsed), parsed)


def _with_min_evidence(criterion: Criterion, count: int) -> Criterion:
    return replace(criterion, min_evidence=count)
