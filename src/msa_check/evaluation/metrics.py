"""Precision, recall and F1 per label, at sentence and statement level, and merged macro-F1.

As the corpus README defines it: c2_structure, c2_operations and c2_supply_chains merge
into c2; c4_risk_mitigation and c4_remediation into c4; F1 is computed per label over all
sentences of all statements that annotate it, and macro-F1 is their unweighted mean.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

MERGES: Mapping[str, str] = {
    "c1_reporting_entity": "c1",
    "c2_structure": "c2",
    "c2_operations": "c2",
    "c2_supply_chains": "c2",
    "c3_risk_description": "c3",
    "c4_risk_mitigation": "c4",
    "c4_remediation": "c4",
    "c5_effectiveness": "c5",
    "c6_consultation": "c6",
}
MERGED_ORDER = ("approval", "signature", "c1", "c2", "c3", "c4", "c5", "c6")


def merge_labels(labels: Iterable[str]) -> frozenset[str]:
    return frozenset(MERGES.get(label, label) for label in labels)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, truth: bool, predicted: bool) -> None:
        self.tp += truth and predicted
        self.fp += predicted and not truth
        self.fn += truth and not predicted

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn


@dataclass(frozen=True)
class ScoredSentence:
    """One sentence's expert labels and predicted labels, and which labels were annotated."""

    statement: str
    truth: frozenset[str]
    predicted: frozenset[str]
    annotated: frozenset[str]


@dataclass(frozen=True)
class Scores:
    sentence: dict[str, Counts]
    statement: dict[str, Counts]

    def macro_f1(self, level: str = "sentence") -> float:
        counts = self.sentence if level == "sentence" else self.statement
        return sum(c.f1 for c in counts.values()) / len(counts) if counts else 0.0


def score(sentences: Sequence[ScoredSentence], *, merged: bool = True) -> Scores:
    """Per-label counts at sentence level, and at statement level (any sentence positive)."""
    norm = merge_labels if merged else frozenset
    sentence_counts: dict[str, Counts] = {}
    by_statement: dict[tuple[str, str], list[bool]] = {}
    for item in sentences:
        annotated, truth, predicted = norm(item.annotated), norm(item.truth), norm(item.predicted)
        for label in annotated:
            sentence_counts.setdefault(label, Counts()).add(label in truth, label in predicted)
            flags = by_statement.setdefault((item.statement, label), [False, False])
            flags[0] |= label in truth
            flags[1] |= label in predicted
    statement_counts: dict[str, Counts] = {}
    for (_, label), (any_truth, any_predicted) in by_statement.items():
        statement_counts.setdefault(label, Counts()).add(any_truth, any_predicted)
    order = {label: i for i, label in enumerate(MERGED_ORDER)}
    ordered = sorted(sentence_counts, key=lambda lab: (order.get(lab, 99), lab))
    return Scores(
        {lab: sentence_counts[lab] for lab in ordered},
        {lab: statement_counts[lab] for lab in ordered},
    )
