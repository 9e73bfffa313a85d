"""Evaluate rule sets on a labelled data set: predictions and their scores, no printing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from msa_check.checker import Checker
from msa_check.classifier.corpus import LabelledStatement, read_labelled
from msa_check.defaults import LABEL_SET
from msa_check.evaluation.metrics import ScoredSentence, Scores, score
from msa_check.evaluation.predict import SentencePrediction, predict_statement


@dataclass(frozen=True)
class Evaluation:
    dataset: str
    statements: int
    sentences: int
    scores: Scores


def evaluate(
    dataset: Path,
    checker: Checker,
    *,
    predictions_out: TextIO | None = None,
    label_set: str = LABEL_SET,
) -> Evaluation:
    """Predict every sentence of every statement, score against the expert labels."""
    scored: list[ScoredSentence] = []
    statements = 0
    for statement, predictions in _predictions(dataset, checker, label_set):
        statements += 1
        by_idx = {p.idx: p for p in predictions}
        for sentence in statement.sentences:
            prediction = by_idx[sentence.idx]
            scored.append(
                ScoredSentence(
                    statement.id, sentence.labels, prediction.labels, statement.annotated_labels
                )
            )
            if predictions_out is not None:
                predictions_out.write(json.dumps(prediction_line(prediction)) + "\n")
    return Evaluation(str(dataset), statements, len(scored), score(scored))


def _predictions(
    dataset: Path, checker: Checker, label_set: str
) -> Iterator[tuple[LabelledStatement, list[SentencePrediction]]]:
    for statement in read_labelled(dataset):
        yield statement, predict_statement(statement, checker, label_set)


def prediction_line(prediction: SentencePrediction) -> dict[str, object]:
    return {
        "id": prediction.statement,
        "idx": prediction.idx,
        "labels": sorted(prediction.labels),
        "scores": {label: round(value, 3) for label, value in sorted(prediction.scores.items())},
    }
