"""Every example sentence of every bundled criterion: passing ones are met, failing ones not."""

from __future__ import annotations

import pytest

from msa_check.nlp import load_pipeline
from msa_check.rules.examples import ExampleOutcome, run_examples
from msa_check.rules.loading import bundled_rule_sets, load_rule_set


def _all_outcomes() -> list[ExampleOutcome]:
    nlp = load_pipeline()
    return [
        outcome
        for name in bundled_rule_sets()
        for outcome in run_examples(load_rule_set(name), nlp)
    ]


OUTCOMES = _all_outcomes()


@pytest.mark.parametrize(
    "outcome",
    OUTCOMES,
    ids=[f"{o.rule_set}/{o.criterion}/{'pass' if o.expected_pass else 'fail'}" for o in OUTCOMES],
)
def test_example(outcome: ExampleOutcome) -> None:
    assert outcome.ok, outcome.describe()


def test_every_criterion_has_a_passing_and_a_failing_example() -> None:
    for name in bundled_rule_sets():
        for criterion in load_rule_set(name).criteria:
            assert criterion.examples.passing, f"{name}/{criterion.id} has no passing example"
            assert criterion.examples.failing, f"{name}/{criterion.id} has no failing example"


def test_uk_rule_set_has_the_stable_ids() -> None:
    ids = [c.id for c in load_rule_set("uk-msa-s54").criteria]
    assert ids == [
        "steps_taken", "approval", "signature", "financial_year", "homepage_link",
        "structure", "policies", "due_diligence", "risk", "effectiveness", "training",
    ]  # fmt: skip


STABLE_IDS = {
    "au-msa-s16": [
        "approval", "signature", "c1_reporting_entity", "c2_structure", "c2_operations",
        "c2_supply_chains", "c3_risk_description", "c4_risk_mitigation", "c4_remediation",
        "c5_effectiveness", "c6_consultation", "reporting_period",
    ],
    "ca-s211": [
        "structure_activities_supply_chains", "policies_due_diligence", "risk", "remediation",
        "income_loss_remediation", "training", "effectiveness", "approval", "attestation",
    ],
    "us-ca-sb657": [
        "verification", "audits", "certification", "internal_accountability", "training",
        "homepage_link",
    ],
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(STABLE_IDS))
def test_bundled_sets_keep_their_stable_ids(name: str) -> None:
    assert [c.id for c in load_rule_set(name).criteria] == STABLE_IDS[name]


def test_au_criteria_map_to_the_corpus_labels_of_the_same_name() -> None:
    for criterion in load_rule_set("au-msa-s16").criteria:
        if criterion.id != "reporting_period":
            assert criterion.labels.get("aims") == (criterion.id,), criterion.id


def test_seven_sets_are_bundled() -> None:
    assert set(bundled_rule_sets()) == {
        "uk-msa-s54", "au-msa-s16", "ca-s211", "us-ca-sb657", "electronics", "monitoring",
        "disclosure-quality",
    }  # fmt: skip
