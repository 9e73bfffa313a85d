"""What an evaluation ran with, and whether its classifier was trained on the data it scores.

A model scored on its own training data agrees with the experts far more than it would on
statements it never saw (the bundled model, trained on both AIMS files, gives about 0.80
on the UK file, against 0.67 when trained on the Canadian file alone). The figure is not
wrong, but it is not a held-out one, so `evaluate` says so under it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from msa_check.classifier.locate import TRAINING_RECORD, file_record, resolve_classifier
from msa_check.errors import ModelError
from msa_check.rules.schema import RuleSet


@dataclass(frozen=True)
class ClassifierUse:
    """One classifier model the evaluated rules consult, and what it was trained on."""

    model: str
    trained_on: tuple[str, ...]  # data file names from the model's training record
    trained_on_this_data: bool  # the scored file's sha256 is one of them

    def describe(self) -> str:
        where = ", ".join(self.trained_on) if self.trained_on else "no training record"
        return f"{self.model} (trained on {where})"


def classifier_models(rule_sets: Sequence[RuleSet], override: str | None) -> list[str]:
    """The models the rules consult, in rule order; `override` stands for every one."""
    named = [
        signal.model
        for rule_set in rule_sets
        for criterion in rule_set.criteria
        for spec in (criterion.match, criterion.also, criterion.exclude)
        for signal in spec.classifier
    ]
    if override is not None:
        return [override] if named else []
    return list(dict.fromkeys(named))


def classifier_uses(dataset: Path, models: list[str]) -> list[ClassifierUse]:
    digest = file_record(dataset)["sha256"]
    uses = []
    for model in models:
        record = _training_record(model)
        files = tuple(str(entry.get("file", "?")) for entry in record)
        digests = {entry.get("sha256") for entry in record}
        uses.append(ClassifierUse(model, files, digest in digests))
    return uses


def _training_record(model: str) -> list[dict[str, object]]:
    try:
        path = resolve_classifier(model) / TRAINING_RECORD
    except ModelError:
        return []  # the checker has already refused a model that does not exist
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8")).get("data", [])
    except (OSError, ValueError, AttributeError):
        return []
    return [entry for entry in data if isinstance(entry, dict)]
