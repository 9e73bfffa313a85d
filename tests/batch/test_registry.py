"""The registry cross-check: each self-reported claim against the verdict in the text."""

from __future__ import annotations

from typing import Any

import pytest

from msa_check.batch.registry import cross_check, describe, parse_claim


def report(**verdicts: str) -> dict[str, Any]:
    criteria = [{"id": name, "verdict": verdict} for name, verdict in verdicts.items()]
    return {"rule_sets": [{"id": "uk-msa-s54", "criteria": criteria}]}


def test_met_and_partial_count_as_found_and_both_kinds_of_disagreement_are_named() -> None:
    found = report(structure="met", policies="partial", risk="missing", training="met",
                   due_diligence="missing", effectiveness="missing")  # fmt: skip
    claims = {"structure": True, "policies": False, "risk": True, "training": True,
              "due_diligence": False, "effectiveness": None}  # fmt: skip
    check = cross_check(claims, found)
    assert check is not None
    assert check.claimed_not_found == ("risk",)
    assert check.found_not_claimed == ("policies",)
    assert describe(check) == "claimed not found: risk; found not claimed: policies"


def test_agreement_says_nothing_and_a_report_without_uk_rules_cannot_be_compared() -> None:
    check = cross_check({"structure": True}, report(structure="met"))
    assert check is not None and check.agrees and describe(check) == ""
    assert cross_check({"structure": True}, {"rule_sets": [{"id": "au-msa-s16"}]}) is None


@pytest.mark.parametrize(
    ("text", "claim"),
    [("True", True), ("yes", True), ("1", True), ("FALSE", False), ("No", False), ("", None),
     (None, None), ("unknown", None)],
)  # fmt: skip
def test_registry_flags_are_read_in_their_usual_spellings(text: str | None, claim: bool) -> None:
    assert parse_claim(text) is claim
