"""Calibrated probabilities for criterion verdicts, from maps fitted on expert labels.

A criterion's `probability` is the chance that expert annotators, reading the whole
statement, would label at least one of its sentences as evidence of that criterion (the
AIMS labels the criterion's `labels: {aims: ...}` names): a statement-level probability.
It is computed from what the run saw: the verdict and how many sentences of each kind
are evidence, through a logistic map fitted by `benchmarks/calibration.py` on expert-
labelled statements the engine had not been trained on, and measured there for
calibration (benchmarks/ACCURACY.md: reliability table and expected calibration error).

Only criteria whose meaning matches an expert label have a map; for the others (no
labelled examples, or a label much broader than the criterion) `probability` is None and
the report says it is not calibrated. The maps ship as a small JSON file; scoring needs
nothing beyond the standard library.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from msa_check.models import CriterionResult, Evidence, EvidenceStatus, Verdict

MAPS_RESOURCE = ("trained", "calibration", "maps.json")
# The run-time features, in the order of a map's coefficients. Counts are log1p'd: the
# tenth sentence of evidence says less than the first.
FEATURES = ("direct", "other", "met", "partial", "denied")
NOT_CALIBRATED = "not calibrated: no expert labels match this criterion"


@dataclass(frozen=True)
class CalibrationMap:
    """A logistic map from a verdict's features to the probability experts agree."""

    rule_set: str
    version: str
    criterion: str
    labels: tuple[str, ...]  # the AIMS labels a positive statement has any sentence of
    intercept: float
    coefficients: tuple[float, ...]  # one per FEATURES
    statements: int  # how many labelled statements it was fitted on
    positives: int

    def probability(self, verdict: Verdict, evidence: Sequence[Evidence]) -> float:
        z = self.intercept + sum(
            c * x for c, x in zip(self.coefficients, features(verdict, evidence), strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def basis(self) -> str:
        return (
            f"calibrated on {self.statements} expert-labelled statements"
            f" ({self.positives} with {' or '.join(self.labels)})"
        )


def features(verdict: Verdict, evidence: Sequence[Evidence]) -> tuple[float, ...]:
    """What the map reads: log1p of direct sentences of action taken, log1p of the other
    evidence (headings, planned, denied), and whether the verdict is met, partial, or
    rests on a denial."""
    direct = sum(1 for e in evidence if e.status is EvidenceStatus.TAKEN and e.strength >= 1.0)
    denied = any(e.status is EvidenceStatus.DENIED for e in evidence)
    return (
        math.log1p(direct),
        math.log1p(len(evidence) - direct),
        float(verdict is Verdict.MET),
        float(verdict is Verdict.PARTIAL),
        float(denied),
    )


def maps_from_json(data: object) -> dict[tuple[str, str, str], CalibrationMap]:
    """The maps of a calibration file, by (rule set, version, criterion)."""
    if not isinstance(data, dict) or data.get("features") != list(FEATURES):
        raise ValueError("calibration maps: features do not match this version of msa-check")
    found = {}
    for item in data["maps"]:
        entry = CalibrationMap(
            rule_set=str(item["rule_set"]),
            version=str(item["version"]),
            criterion=str(item["criterion"]),
            labels=tuple(item["labels"]),
            intercept=float(item["intercept"]),
            coefficients=tuple(float(c) for c in item["coefficients"]),
            statements=int(item["statements"]),
            positives=int(item["positives"]),
        )
        found[(entry.rule_set, entry.version, entry.criterion)] = entry
    return found


@lru_cache(maxsize=1)
def bundled_maps() -> dict[tuple[str, str, str], CalibrationMap]:
    path = resources.files("msa_check")
    for part in MAPS_RESOURCE:
        path = path.joinpath(part)
    return maps_from_json(json.loads(path.read_text(encoding="utf-8")))


def calibrate(
    rule_set: str, version: str, results: Sequence[CriterionResult]
) -> tuple[CriterionResult, ...]:
    """Each result with its calibrated probability, or None where no map fits it.

    A map is keyed by the rule set's id and version: a rule file changed without a new
    version keeps its maps, so refit them after changing a bundled rule set."""
    maps = bundled_maps()
    calibrated = []
    for result in results:
        found = maps.get((rule_set, version, result.id))
        if found is None or result.verdict is Verdict.NOT_CHECKED:
            calibrated.append(result)
            continue
        value = round(found.probability(result.verdict, result.evidence), 3)
        calibrated.append(replace(result, probability=value, probability_basis=found.basis()))
    return tuple(calibrated)
