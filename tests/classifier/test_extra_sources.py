"""Training on more than the expert files: a statement that does not annotate a label is
left out of that label's fit (the corpus README: a label not in `annotated_labels` was
not annotated there), so files that annotate different labels, such as our own
annotations beside the experts', can be trained on together without counting the
missing labels as negatives; and a source can be weighted (`classifier train --extra`)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from msa_check.classifier.linear import LinearSentenceClassifier
from msa_check.classifier.linear_train import DESIGNS, fit_linear
from msa_check.cli import app
from msa_check.errors import UsageError
from tests.classifier.training_files import write_training_file

runner = CliRunner()

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


def test_a_statement_weighted_near_zero_hardly_moves_the_fit() -> None:
    # Ours contradicts the experts: an audit sentence we did not label as mitigation.
    contrary = [frozenset(), frozenset(), frozenset()]
    sentence = ["We audit our suppliers every year"]
    alone = fit_linear([EXPERT, EXPERT], [EXPERT_LABELS, EXPERT_LABELS], LABELS)
    light = fit_linear(
        [EXPERT, EXPERT, OURS],
        [EXPERT_LABELS, EXPERT_LABELS, contrary],
        LABELS,
        document_weights=[1.0, 1.0, 1e-6],
    )
    full = fit_linear([EXPERT, EXPERT, OURS], [EXPERT_LABELS, EXPERT_LABELS, contrary], LABELS)
    scores = [m.score(sentence)[0]["c4_risk_mitigation"] for m in (alone, light, full)]
    assert abs(scores[1] - scores[0]) < abs(scores[2] - scores[0]) / 4


def test_weights_of_one_fit_as_if_none_were_given() -> None:
    plain = fit_linear([EXPERT, OURS], [EXPERT_LABELS, OURS_LABELS], LABELS)
    weighted = fit_linear(
        [EXPERT, OURS], [EXPERT_LABELS, OURS_LABELS], LABELS, document_weights=[1.0, 1.0]
    )
    assert np.allclose(plain.weights, weighted.weights)


def test_classifier_train_weighs_extra_files_to_count_as_much_as_the_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("sklearn")
    statement = [(text, set(labels)) for text, labels in zip(EXPERT, EXPERT_LABELS, strict=True)]
    data = write_training_file(tmp_path / "experts.jsonl", LABELS, statement, copies=2)
    ours = write_training_file(tmp_path / "ours.jsonl", LABELS, statement, copies=8)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["classifier", "train", str(data), "--extra", str(ours)])
    assert result.exit_code == 0, result.stderr
    record = json.loads((tmp_path / "msa-check-classifier" / "msa-check-training.json").read_text())
    assert record["extra"][0]["file"] == "ours.jsonl" and len(record["extra"][0]["sha256"]) == 64
    # 10 sentences of data, 40 of extra: each extra sentence weighs a quarter.
    assert "weighted 0.2500" in record["extra_weight"]


def test_extra_files_need_a_tfidf_architecture(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    statement = [(text, set(labels)) for text, labels in zip(EXPERT, EXPERT_LABELS, strict=True)]
    data = write_training_file(tmp_path / "experts.jsonl", LABELS, statement)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        app, ["classifier", "train", str(data), "--extra", str(data), "--architecture", "bow"]
    )
    assert result.exit_code == 2
    assert "--extra files need a TF-IDF architecture" in result.stderr


def test_designs_that_read_every_row_alike_refuse_partly_annotated_statements() -> None:
    with pytest.raises(UsageError, match="need a design without a second stage"):
        fit_linear(
            [EXPERT, OURS],
            [EXPERT_LABELS, OURS_LABELS],
            LABELS,
            design=DESIGNS["tfidf-stage2"],
            annotated_of=[frozenset(LABELS), frozenset({"c4_risk_mitigation"})],
        )


def test_a_label_no_statement_annotates_never_fires() -> None:
    model = fit_linear(
        [EXPERT, OURS],
        [EXPERT_LABELS, OURS_LABELS],
        LABELS,
        annotated_of=[frozenset({"c4_risk_mitigation"})] * 2,
    )
    assert model.score(["Jane Doe Director"])[0]["signature"] < 0.01


def test_an_extra_file_trains_only_the_labels_the_data_files_have(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("sklearn")
    statement = [(text, set(labels)) for text, labels in zip(EXPERT, EXPERT_LABELS, strict=True)]
    data = write_training_file(tmp_path / "experts.jsonl", LABELS, statement)
    ours = write_training_file(
        tmp_path / "ours.jsonl",
        [*LABELS, "c1_reporting_entity"],
        [*statement, ("This statement is made by Harbour Foods Limited", {"c1_reporting_entity"})],
    )
    monkeypatch.chdir(tmp_path)
    assert (
        runner.invoke(app, ["classifier", "train", str(data), "--extra", str(ours)]).exit_code == 0
    )
    record = json.loads((tmp_path / "msa-check-classifier" / "msa-check-training.json").read_text())
    assert set(record["positives"]) == set(LABELS)
    again = runner.invoke(app, ["classifier", "train", str(data), "--extra", str(data)])
    assert again.exit_code == 2
    assert "both a data file and an --extra file" in again.stderr
