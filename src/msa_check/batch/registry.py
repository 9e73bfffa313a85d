"""The UK Modern Slavery Statement Registry's CSV export, and the cross-check against it.

Each registry row says which of the six areas of s54(5) the organisation claims its
statement covers (StatementIncludesOrgStructure, ...). The cross-check compares each claim
with what msa-check found in the text under uk-msa-s54: a verdict of met or partial counts
as found. It reports two lists: claimed but not found, and found but not claimed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

CROSS_CHECK_RULE_SET = "uk-msa-s54"
FOUND_VERDICTS = frozenset({"met", "partial"})

# Registry column (normalised: lower case, letters and digits only) -> uk-msa-s54 criterion.
CLAIM_COLUMNS: dict[str, str] = {
    "statementincludesorgstructure": "structure",
    "statementincludespolicies": "policies",
    "statementincludesrisksassessment": "risk",
    "statementincludesduediligence": "due_diligence",
    "statementincludestraining": "training",
    "statementincludesgoals": "effectiveness",
}
# Columns that mark a CSV as the registry's export even if no claim column survived.
REGISTRY_MARKERS = frozenset({"statementyear", "pdfurl", "organisationname"})
# Registry columns kept with each item, as the export names them.
KEPT_COLUMNS: dict[str, str] = {"statementyear": "StatementYear", "dateapproved": "DateApproved"}

_TRUE = frozenset({"true", "yes", "y", "1", "t"})
_FALSE = frozenset({"false", "no", "n", "0", "f"})


def is_registry_header(normalised: Sequence[str]) -> bool:
    names = set(normalised)
    return bool(names & CLAIM_COLUMNS.keys()) or names >= REGISTRY_MARKERS


def parse_claim(value: str | None) -> bool | None:
    """A registry flag as a bool; blank or unrecognised is None (no claim either way)."""
    text = (value or "").strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def claims_from_row(row: Mapping[str, str | None]) -> dict[str, bool | None]:
    """The claims of a registry row whose keys are normalised column names."""
    return {
        criterion: parse_claim(row.get(column))
        for column, criterion in CLAIM_COLUMNS.items()
        if column in row
    }


@dataclass(frozen=True)
class CrossCheck:
    """Where a registry row and the text disagree, as uk-msa-s54 criterion ids."""

    claimed_not_found: tuple[str, ...]
    found_not_claimed: tuple[str, ...]

    @property
    def agrees(self) -> bool:
        return not self.claimed_not_found and not self.found_not_claimed


def cross_check(claims: Mapping[str, bool | None], report: Mapping[str, Any]) -> CrossCheck | None:
    """Compare claims with a report; None if the report has no uk-msa-s54 results."""
    verdicts = uk_verdicts(report)
    if verdicts is None:
        return None
    claimed_not_found: list[str] = []
    found_not_claimed: list[str] = []
    for criterion, claimed in claims.items():
        if claimed is None or criterion not in verdicts:
            continue
        found = verdicts[criterion] in FOUND_VERDICTS
        if claimed and not found:
            claimed_not_found.append(criterion)
        elif found and not claimed:
            found_not_claimed.append(criterion)
    return CrossCheck(tuple(claimed_not_found), tuple(found_not_claimed))


def uk_verdicts(report: Mapping[str, Any]) -> dict[str, str] | None:
    for rule_set in report.get("rule_sets", []):
        if rule_set.get("id") == CROSS_CHECK_RULE_SET:
            return {c["id"]: c["verdict"] for c in rule_set.get("criteria", [])}
    return None


def describe(check: CrossCheck | None) -> str:
    """One cell of text: '' when there is nothing to say, else the disagreements."""
    if check is None or check.agrees:
        return ""
    parts = []
    if check.claimed_not_found:
        parts.append("claimed not found: " + ", ".join(check.claimed_not_found))
    if check.found_not_claimed:
        parts.append("found not claimed: " + ", ".join(check.found_not_claimed))
    return "; ".join(parts)
