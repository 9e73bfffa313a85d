"""Calibrated probabilities: the maps' arithmetic, where they apply, and the bundled file."""

from __future__ import annotations

import pytest

from msa_check.calibration import (
    FEATURES,
    CalibrationMap,
    bundled_maps,
    calibrate,
    features,
    maps_from_json,
)
from msa_check.models import CriterionResult, Evidence, EvidenceStatus, Verdict
from msa_check.rules.loading import load_rule_set


def evidence(status: EvidenceStatus = EvidenceStatus.TAKEN, strength: float = 1.0) -> Evidence:
    return Evidence("We trained buyers.", 0, 0, 18, None, None, ("phrase",), status, strength)


def result(verdict: Verdict, found: tuple[Evidence, ...] = ()) -> CriterionResult:
    return CriterionResult("training", "Training", None, False, verdict, 0.75, found)


A_MAP = CalibrationMap(
    rule_set="demo",
    version="1",
    criterion="training",
    labels=("c4_risk_mitigation",),
    intercept=-2.0,
    coefficients=(1.5, 0.2, 1.0, 0.5, -1.0),
    statements=40,
    positives=20,
)


def test_features_count_direct_evidence_apart_from_the_rest() -> None:
    found = (evidence(), evidence(), evidence(strength=0.5), evidence(EvidenceStatus.PLANNED))
    direct, other, met, partial, denied = features(Verdict.MET, found)
    assert (met, partial, denied) == (1.0, 0.0, 0.0)
    assert direct == pytest.approx(1.0986, abs=1e-4)  # log1p(2)
    assert other == pytest.approx(1.0986, abs=1e-4)


def test_more_direct_evidence_gives_a_higher_probability_under_a_positive_weight() -> None:
    one = A_MAP.probability(Verdict.MET, (evidence(),))
    three = A_MAP.probability(Verdict.MET, (evidence(), evidence(), evidence()))
    none = A_MAP.probability(Verdict.MISSING, ())
    assert 0.0 < none < one < three < 1.0
    assert none == pytest.approx(1 / (1 + 2.718281828**2.0), abs=1e-6)  # the intercept alone


def test_calibrate_fills_only_criteria_with_a_map_and_skips_not_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        "msa_check.calibration.bundled_maps", lambda: {("demo", "1", "training"): A_MAP}
    )
    met, other = calibrate("demo", "1", [result(Verdict.MET, (evidence(),)), result(Verdict.MET)])
    assert met.probability == round(A_MAP.probability(Verdict.MET, (evidence(),)), 3)
    assert (
        met.probability_basis
        == "calibrated on 40 expert-labelled statements (20 with c4_risk_mitigation)"
    )
    assert other.probability is not None  # same criterion id, no evidence
    (unchecked,) = calibrate("demo", "1", [result(Verdict.NOT_CHECKED)])
    assert unchecked.probability is None
    (other_version,) = calibrate("demo", "2", [result(Verdict.MET)])
    assert other_version.probability is None  # a changed rule set has no map


def test_maps_with_other_features_are_refused() -> None:
    with pytest.raises(ValueError, match="features"):
        maps_from_json({"features": ["direct"], "maps": []})


def test_every_bundled_map_names_a_bundled_criterion_and_its_labels() -> None:
    maps = bundled_maps()
    assert maps, "the shipped calibration file has no maps"
    for (rule_set_id, version, criterion_id), found in maps.items():
        rule_set = load_rule_set(rule_set_id)
        assert rule_set.version == version, f"{rule_set_id}: refit the calibration maps"
        criterion = rule_set.criterion(criterion_id)
        assert found.labels == tuple(criterion.labels["aims"])
        assert len(found.coefficients) == len(FEATURES)
        assert 0 < found.positives <= found.statements
