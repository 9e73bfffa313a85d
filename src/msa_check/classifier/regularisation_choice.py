"""Choosing each label's regularisation C inside the training data (design `tfidf-inner-c`).

A fixed C (linear_train.REGULARISATION) was chosen once, on the Canadian file. Here the
training command chooses it again for every label and every training set, by a
cross-validation by statement inside the data it is given, so no number is carried over
from a file it was not trained on. The choice is by the pooled out-of-fold F1 at
probability 0.5, the scale on which the rules' thresholds read the classifier; log-loss,
tried once before (benchmarks/ACCURACY.md), rewards calibration the balanced weights undo.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

import numpy as np

REGULARISATION_CHOICES = (1.0, 2.0, 4.0, 8.0)
INNER_FOLDS = 3
INNER_FOLD_SEED = 0


def fold_of_rows(lengths: Sequence[int], folds: int, seed: int = 0) -> np.ndarray[Any, Any]:
    """Row i: the fold of the statement sentence i belongs to (statements shuffled by
    `seed`, then dealt out in turn), so a statement's sentences are never split."""
    order = list(range(len(lengths)))
    random.Random(seed).shuffle(order)
    fold_of_document = {document: i % folds for i, document in enumerate(order)}
    return np.repeat([fold_of_document[d] for d in range(len(lengths))], lengths)


def f1(truth: np.ndarray[Any, Any], predicted: np.ndarray[Any, Any]) -> float:
    hits = int((truth & predicted).sum())
    wrong = int((truth ^ predicted).sum())
    return 2 * hits / (2 * hits + wrong) if hits else 0.0


def chosen_regularisation(
    features: Any,
    truth: np.ndarray[Any, Any],
    lengths: Sequence[int],
    choices: Sequence[float] = REGULARISATION_CHOICES,
) -> list[float]:
    """Per label (column of `truth`), the C of `choices` whose balanced logistic
    regression, fitted on two thirds of the statements and scored on the third left out,
    gives the best F1 at probability 0.5 over all sentences; ties go to the smaller C
    (the simpler model), as does a label too rare to tell."""
    from sklearn.linear_model import LogisticRegression

    folds = fold_of_rows(lengths, INNER_FOLDS, INNER_FOLD_SEED)
    chosen: list[float] = []
    for column in range(truth.shape[1]):
        y = truth[:, column]
        scores = []
        for c in sorted(choices):
            predicted = np.zeros(len(y), bool)
            for fold in range(INNER_FOLDS):
                held = folds == fold
                if y[~held].all() or not y[~held].any():
                    predicted[held] = bool(y[~held].all())
                    continue
                model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
                model.fit(features[~held], y[~held])
                predicted[held] = model.decision_function(features[held]) >= 0
            scores.append(f1(y, predicted))
        chosen.append(sorted(choices)[int(np.argmax(scores))])  # argmax: the first best
    return chosen
