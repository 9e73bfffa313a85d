"""`msa-check evaluate` on a small labelled file, and a classifier trained and used by a rule."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from msa_check.checker import Checker
from msa_check.classifier.locate import TRAINED_DIR, TRAINING_RECORD
from msa_check.classifier.model import load_classifier
from msa_check.classifier.train import train_classifier
from msa_check.cli import app
from msa_check.errors import ExitCode, ModelError, UsageError
from msa_check.nlp import load_pipeline
from msa_check.rules.examples import judge_example
from msa_check.rules.schema import Criterion
from tests.conftest import one_criterion_rule_set

runner = CliRunner()
ANNOTATED = ["approval", "signature", "c2_structure", "c4_risk_mitigation"]
STATEMENTS = [
    {
        "id": "S1",
        "annotated_labels": ANNOTATED,
        "sentences": [
            {"idx": 0, "text": "We make garden furniture in Leeds.", "labels": ["c2_structure"]},
            {
                "idx": 2,
                "text": "This statement was approved by the Board of Directors on 1 May 2024.",
                "labels": ["approval"],
            },
            {"idx": 3, "text": "We value our customers.", "labels": []},
        ],
    },
    {
        "id": "S2",
        "annotated_labels": ANNOTATED,
        "sentences": [
            {
                "idx": 0,
                "text": "All suppliers sign our code of conduct, which bans forced labour.",
                "labels": ["c4_risk_mitigation"],
            },
            {"idx": 1, "text": "Jane Doe, Director", "labels": ["signature"]},
        ],
    },
]  # fmt: skip


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    path = tmp_path / "small.jsonl"
    path.write_text("".join(json.dumps(s) + "\n" for s in STATEMENTS), encoding="utf-8")
    return path


def test_evaluate_prints_per_label_scores_and_writes_predictions(
    dataset: Path, tmp_path: Path
) -> None:
    out = tmp_path / "predictions.jsonl"
    result = runner.invoke(
        app, ["evaluate", str(dataset), "--rules", "uk-msa-s54", "--predictions-out", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())  # wrapped at words to the width
    assert "2 statements, 5 sentences" in flat
    assert "merged macro-F1 (sentence level, over approval, signature, c2, c4)" in flat
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(line["id"], line["idx"]) for line in lines] == [
        ("S1", 0), ("S1", 2), ("S1", 3), ("S2", 0), ("S2", 1),
    ]  # fmt: skip
    approval = lines[1]
    assert approval["labels"] == ["approval"] and approval["scores"] == {"approval": 1.0}
    assert lines[2] == {"id": "S1", "idx": 3, "labels": [], "scores": {}}
    assert "signature" in lines[4]["labels"]


def test_evaluate_rejects_a_malformed_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(bad)])
    assert result.exit_code == ExitCode.USAGE
    assert f"{bad}:1: not a labelled statement" in result.stderr


def criterion_checker(criterion: dict[str, Any]) -> tuple[Checker, Criterion]:
    rule_set = one_criterion_rule_set(criterion)
    return Checker([rule_set], load_pipeline()), rule_set.criteria[0]


def test_a_trained_classifier_is_a_signal_inside_a_rule(dataset: Path, tmp_path: Path) -> None:
    model = tmp_path / "model"
    result = train_classifier([dataset] * 30, model, epochs=8, architecture="bow")
    assert result.labels["approval"] == 30
    meta = json.loads((model / "msa-check-training.json").read_text())
    assert meta["data"][0]["file"] == "small.jsonl" and len(meta["data"][0]["sha256"]) == 64
    assert meta["members"] == {"count": 3, "seeds": [0, 1, 2]}  # the default
    classifier = load_classifier(str(model))
    [approval, other] = classifier.score(
        ["This statement was approved by the Board of Directors.", "We value our customers."]
    )
    assert approval["approval"] > 0.5 > other["approval"]
    checker, criterion = criterion_checker(
        {
            "id": "approval",
            "title": "Approval",
            "match": {"classifier": {"label": "approval", "min_score": 0.5, "model": str(model)}},
        }
    )
    verdict = judge_example(
        criterion,
        "This statement was approved by the Board of Directors.",
        checker.matchers[0],
        checker.nlp,
    )
    assert verdict.verdict.value == "met"
    assert verdict.evidence[0].matched[0].startswith("classifier approval 0.")
    assert verdict.evidence[0].matched[0].endswith("(>= 0.5)")


def test_a_low_classifier_score_vetoes_a_rule_match(dataset: Path, tmp_path: Path) -> None:
    model = tmp_path / "model"
    train_classifier([dataset] * 30, model, epochs=8, architecture="bow", members=1)
    approved = "This statement was approved by the Board of Directors."
    valued = "We value the board."
    scores = load_classifier(str(model)).score([approved, valued])
    assert scores[0]["approval"] > 0.45 > scores[1]["approval"]  # the premise of this test
    board = {"id": "approval", "title": "Approval", "match": {"phrases": ["board"]}}
    veto = {"classifier": {"label": "approval", "below": 0.45, "model": str(model)}}

    checker, criterion = criterion_checker(board)
    assert judge_example(criterion, valued, checker.matchers[0], checker.nlp).verdict.value == "met"
    checker, criterion = criterion_checker({**board, "exclude": veto})
    kept = judge_example(criterion, approved, checker.matchers[0], checker.nlp)
    vetoed = judge_example(criterion, valued, checker.matchers[0], checker.nlp)
    assert kept.verdict.value == "met" and kept.evidence[0].matched == ('phrase "Board"',)
    assert vetoed.verdict.value == "missing" and not vetoed.evidence


def test_an_ensemble_scores_the_mean_of_its_members(dataset: Path, tmp_path: Path) -> None:
    sentences = ["This statement was approved by the Board.", "We make garden furniture."]
    alone = []
    for seed in (4, 5):
        train_classifier(
            [dataset] * 3,
            tmp_path / f"seed{seed}",
            epochs=2,
            seed=seed,
            members=1,
            architecture="ensemble",
        )
        alone.append(load_classifier(str(tmp_path / f"seed{seed}")).score(sentences))
    train_classifier(
        [dataset] * 3, tmp_path / "pair", epochs=2, seed=4, members=2, architecture="ensemble"
    )
    pair = load_classifier(str(tmp_path / "pair"))

    assert len(pair.members) == 2
    assert alone[0] != alone[1]  # two seeds, two models: else the mean proves nothing
    for index, scores in enumerate(pair.score(sentences)):
        for label, score in scores.items():
            mean = (alone[0][index][label] + alone[1][index][label]) / 2
            assert score == pytest.approx(mean, abs=1e-6)


def test_a_classifier_needs_a_member(dataset: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="at least one member"):
        train_classifier([dataset], tmp_path / "none", members=0)


def test_an_unknown_classifier_is_a_usage_error() -> None:
    with pytest.raises(ModelError, match="no classifier model 'nope'"):
        load_classifier("nope")


def test_evaluate_reads_at_80_columns(
    dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first line (the data set, its counts and how labels are merged) was printed
    # unwrapped, 120 columns and more, whatever the terminal's width.
    monkeypatch.setenv("COLUMNS", "80")
    result = runner.invoke(app, ["evaluate", str(dataset), "--rules", "uk-msa-s54"])
    assert result.exit_code == 0, result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    flat = " ".join(result.stdout.split())
    assert f"{dataset}: 2 statements, 5 sentences; labels merged" in flat
    assert "only annotated labels scored." in flat


def _model_trained_on(tmp_path: Path, files: dict[str, str]) -> Path:
    """The bundled model, copied, with a training record naming `files` (name: sha256)."""
    model = tmp_path / "model"
    shutil.copytree(TRAINED_DIR / "aims-sentences", model)
    record = json.loads((model / TRAINING_RECORD).read_text(encoding="utf-8"))
    record["data"] = [{"file": name, "sha256": digest} for name, digest in files.items()]
    (model / TRAINING_RECORD).write_text(json.dumps(record), encoding="utf-8")
    return model


def test_evaluate_warns_when_the_classifier_was_trained_on_the_file_it_scores(
    dataset: Path, tmp_path: Path
) -> None:
    digest = hashlib.sha256(dataset.read_bytes()).hexdigest()
    model = _model_trained_on(tmp_path, {"small.jsonl": digest, "other.jsonl": "0" * 64})
    result = runner.invoke(
        app, ["evaluate", str(dataset), "--rules", "au-msa-s16", "--classifier", str(model)]
    )
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert f"rules: au-msa-s16; classifier: {model} (trained on small.jsonl, other.jsonl)" in flat
    assert f"warning: the classifier {model} was trained on this very file" in flat
    # Said under the figures it qualifies.
    assert flat.index("warning:") > flat.index("merged macro-F1 (statement level)")


def test_evaluate_does_not_warn_for_a_classifier_trained_on_other_data(
    dataset: Path, tmp_path: Path
) -> None:
    model = _model_trained_on(tmp_path, {"other.jsonl": "0" * 64})
    result = runner.invoke(
        app, ["evaluate", str(dataset), "--rules", "au-msa-s16", "--classifier", str(model)]
    )
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert "(trained on other.jsonl)" in flat
    assert "warning" not in flat


def test_evaluate_names_no_classifier_for_rules_that_consult_none(dataset: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(dataset), "--rules", "uk-msa-s54"])
    assert result.exit_code == 0, result.stderr
    assert "rules: uk-msa-s54; classifier: none" in " ".join(result.stdout.split())
