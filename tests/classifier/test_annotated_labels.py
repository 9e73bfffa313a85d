"""A statement that does not annotate a label is left out of that label's fit (the
corpus README: a label not in `annotated_labels` was not annotated there), so files that
annotate different labels, such as our own annotations beside the experts', can be
trained on together without counting the missing labels as negatives."""

from __future__ import annotations

import numpy as np

from msa_check.classifier.linear import LinearSentenceClassifier
from msa_check.classifier.linear_train import fit_linear

LABELS = ["signature", "c4_risk_mitigation"]
EXPERT = [
    "Jane Doe Director",
    "We buy cotton from Turkey",
    "We audit our suppliers every year",
    "Sam Lee Director",
    "Our offices are in Leeds",
]
EXPERT_LABELS = [
    frozenset({"signature"}),
    frozenset(),
    frozenset({"c4_risk_mitigation"}),
    frozenset({"signature"}),
    frozenset(),
]
# Ours: a signature block we did not label as one, since this file does not annotate it.
OURS = ["John Roe Director", "We audit our suppliers twice a year", "Ann Poe Director"]
OURS_LABELS = [frozenset(), frozenset({"c4_risk_mitigation"}), frozenset()]


def fitted(annotated_of: list[frozenset[str]] | None) -> LinearSentenceClassifier:
    return fit_linear(
        [EXPERT, OURS], [EXPERT_LABELS, OURS_LABELS], LABELS, annotated_of=annotated_of
    )


def test_a_label_a_statement_does_not_annotate_is_not_learnt_as_absent_there() -> None:
    every = frozenset(LABELS)
    counted_as_absent = fitted(None).score(["Kim Day Director"])[0]["signature"]
    left_out = fitted([every, frozenset({"c4_risk_mitigation"})]).score(["Kim Day Director"])[0]
    assert left_out["signature"] > counted_as_absent + 0.1


def test_the_other_labels_still_learn_from_that_statement() -> None:
    every = frozenset(LABELS)
    with_ours = fitted([every, frozenset({"c4_risk_mitigation"})])
    without_ours = fit_linear([EXPERT], [EXPERT_LABELS], LABELS)
    sentence = ["We audit our suppliers twice a year"]
    assert (
        with_ours.score(sentence)[0]["c4_risk_mitigation"]
        > (without_ours.score(sentence)[0]["c4_risk_mitigation"])
    )


def test_statements_annotating_every_label_fit_as_if_no_annotation_were_given() -> None:
    every = frozenset(LABELS)
    plain, masked = fitted(None), fitted([every, every])
    assert np.array_equal(plain.weights, masked.weights)
    assert np.array_equal(plain.intercepts, masked.intercepts)
