"""Metrics as the corpus README defines them, checked by hand on small cases."""

from __future__ import annotations

import pytest

from msa_check.evaluation.metrics import Counts, ScoredSentence, merge_labels, score

ALL = frozenset(
    {"approval", "c2_structure", "c2_operations", "c4_risk_mitigation", "c4_remediation"}
)


def sentence(
    statement: str, truth: set[str], predicted: set[str], annotated: frozenset[str] = ALL
) -> ScoredSentence:
    return ScoredSentence(statement, frozenset(truth), frozenset(predicted), annotated)


def test_counts_give_precision_recall_and_f1() -> None:
    counts = Counts(tp=3, fp=1, fn=2)
    assert counts.precision == 0.75 and counts.recall == 0.6
    assert counts.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Counts().f1 == 0.0


def test_sub_labels_merge_into_c2_and_c4() -> None:
    assert merge_labels({"c2_structure", "c2_supply_chains", "c4_remediation", "approval"}) == {
        "c2", "c4", "approval",
    }  # fmt: skip


def test_a_sentence_is_c2_if_it_has_any_c2_label_and_predicting_another_c2_label_is_right() -> None:
    scores = score([sentence("a", {"c2_structure"}, {"c2_operations"})])
    assert scores.sentence["c2"].tp == 1 and scores.sentence["c2"].fp == 0


def test_only_annotated_labels_are_scored() -> None:
    only_approval = frozenset({"approval"})
    scores = score([sentence("a", {"c2_structure"}, {"c4_remediation"}, only_approval)])
    assert list(scores.sentence) == ["approval"]


def test_sentence_and_statement_levels_and_macro_f1() -> None:
    items = [
        sentence("a", {"approval"}, {"approval"}),  # approval TP
        sentence("a", {"approval"}, set()),  # approval FN
        sentence("b", set(), {"approval", "c4_risk_mitigation"}),  # approval FP, c4 FP
        sentence("b", {"c4_remediation"}, {"c4_risk_mitigation"}),  # c4 TP
    ]
    scores = score(items)
    approval = scores.sentence["approval"]
    assert (approval.tp, approval.fp, approval.fn) == (1, 1, 1)
    c4 = scores.sentence["c4"]
    assert (c4.tp, c4.fp, c4.fn) == (1, 1, 0)
    assert scores.sentence["c2"].f1 == 0.0  # no positives, none predicted
    # statement level: a statement is positive for a label when any of its sentences is
    assert (scores.statement["approval"].tp, scores.statement["approval"].fp) == (1, 1)
    assert (scores.statement["c4"].tp, scores.statement["c4"].fp) == (1, 0)
    expected = (approval.f1 + scores.sentence["c2"].f1 + c4.f1) / 3
    assert scores.macro_f1() == pytest.approx(expected)
