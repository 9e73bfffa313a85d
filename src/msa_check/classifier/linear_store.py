"""Saving and loading the TF-IDF classifier (`linear.py`): one `linear.npz` of arrays,
read with numpy alone (no pickles)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from msa_check.classifier.char_block import CharBlock
from msa_check.classifier.linear import Indicators, LinearSentenceClassifier, SecondStage
from msa_check.errors import ModelError

LINEAR_FILE = "linear.npz"


def is_linear_model(path: Path) -> bool:
    return (path / LINEAR_FILE).is_file()


def load_linear(path: Path, name: str) -> LinearSentenceClassifier:
    try:
        with np.load(path / LINEAR_FILE, allow_pickle=False) as data:
            return LinearSentenceClassifier(
                name,
                [str(t) for t in data["terms"]],
                data["idf"].astype(np.float32),
                data["weights"].astype(np.float32),
                data["intercepts"].astype(np.float32),
                [str(label) for label in data["labels"]],
                _stored_second_stage(data),
                _stored_indicators(data),
                _stored_chars(data),
                data["nb_ratios"].astype(np.float32) if "nb_ratios" in data else None,
            )
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(f"cannot load the classifier at {path}: {exc}") from exc


def save_linear(path: Path, model: LinearSentenceClassifier) -> None:
    """Write `model` into the folder `path`, as `load_linear` reads it."""
    path.mkdir(parents=True, exist_ok=True)
    stage: dict[str, Any] = {}
    if model.second_stage is not None:
        stage = {
            "stage2_weights": model.second_stage.weights.astype(np.float32),
            "stage2_intercepts": model.second_stage.intercepts.astype(np.float32),
        }
    if model.indicators is not None:
        stage["indicator_names"] = np.array(model.indicators.names, dtype=str)
        stage["indicator_weights"] = model.indicators.weights.astype(np.float32)
        if model.indicators.rule_set is not None:
            stage["indicator_rule_set"] = np.array(model.indicators.rule_set, dtype=str)
    if model.nb_ratios is not None:
        stage["nb_ratios"] = model.nb_ratios.astype(np.float32)
    if model.chars is not None:
        stage["char_terms"] = np.array(model.chars.terms, dtype=str)
        stage["char_idf"] = model.chars.idf.astype(np.float32)
        stage["char_weights"] = model.chars.weights.astype(np.float16)
    np.savez_compressed(
        path / LINEAR_FILE,
        **stage,
        terms=np.array(model.terms, dtype=str),
        idf=model.idf.astype(np.float32),
        # float16 halves the file (see linear_train.py for how far scores move).
        weights=model.fitted_weights.astype(np.float16),
        intercepts=model.intercepts.astype(np.float32),
        labels=np.array(model.labels, dtype=str),
    )


def _stored_second_stage(data: Any) -> SecondStage | None:
    if "stage2_weights" not in data:
        return None
    return SecondStage(
        data["stage2_weights"].astype(np.float32), data["stage2_intercepts"].astype(np.float32)
    )


def _stored_indicators(data: Any) -> Indicators | None:
    if "indicator_names" not in data:
        return None
    names = tuple(str(name) for name in data["indicator_names"])
    rule_set = str(data["indicator_rule_set"]) if "indicator_rule_set" in data else None
    return Indicators(names, data["indicator_weights"].astype(np.float32), rule_set)


def _stored_chars(data: Any) -> CharBlock | None:
    if "char_terms" not in data:
        return None
    terms = tuple(str(term) for term in data["char_terms"])
    return CharBlock(
        terms, data["char_idf"].astype(np.float32), data["char_weights"].astype(np.float32)
    )
