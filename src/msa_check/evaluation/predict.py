"""Classify the sentences of a labelled statement with the same engine `check` uses.

The statement's given sentences become the blocks of one Document, in order, so each
sentence is judged with the rest of its statement as context, and every prediction maps
back to the given sentences it came from. Given sentences that break off mid-sentence
("This statement was approved by" / "the Board of Directors") are joined into one block,
as `check` joins such lines of a PDF or text file, and its prediction goes to each part.
A sentence is predicted to carry a label when it is evidence (of any status: the expert
labels count planned and negative evidence too) for a criterion whose `labels` map it to
that label.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from msa_check.analyse import analyse_document
from msa_check.checker import Checker
from msa_check.classifier.corpus import LabelledStatement
from msa_check.classifier.rule_hits import given_of_blocks, parse_statement
from msa_check.defaults import LABEL_SET
from msa_check.models import RuleSetResult
from msa_check.nlp import ParsedDocument


@dataclass(frozen=True)
class SentencePrediction:
    statement: str
    idx: int
    labels: frozenset[str]
    scores: dict[str, float] = field(default_factory=dict)


def predict_statement(
    statement: LabelledStatement, checker: Checker, label_set: str = LABEL_SET
) -> list[SentencePrediction]:
    parsed, results = judge_statement(statement, checker)
    given_of_block = given_of_blocks(statement)
    block_of_sentence = [b for b, block in enumerate(parsed.blocks) for _ in block.sentence_spans]
    scores: list[dict[str, float]] = [{} for _ in statement.sentences]
    for label, sentence_index, strength in _labelled_evidence(results, checker, label_set):
        for given in given_of_block[block_of_sentence[sentence_index]]:
            scores[given][label] = max(scores[given].get(label, 0.0), strength)
    return [
        SentencePrediction(statement.id, s.idx, frozenset(scores[i]), scores[i])
        for i, s in enumerate(statement.sentences)
    ]


def judge_statement(
    statement: LabelledStatement, checker: Checker
) -> tuple[ParsedDocument, tuple[RuleSetResult, ...]]:
    """The statement's given sentences as one Document (a block each, in order), judged
    by every rule set of the checker."""
    parsed = parse_statement(statement, checker.nlp)
    return parsed, analyse_document(parsed, checker.matchers)


def _labelled_evidence(
    results: Sequence[RuleSetResult], checker: Checker, label_set: str
) -> list[tuple[str, int, float]]:
    found = []
    for rule_set, result in zip(checker.rule_sets, results, strict=True):
        for criterion, outcome in zip(rule_set.criteria, result.criteria, strict=True):
            for label in criterion.labels.get(label_set, ()):
                found += [(label, e.sentence_index, e.strength) for e in outcome.evidence]
    return found
