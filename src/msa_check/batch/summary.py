"""What a store holds, in counts: suppliers per rating, verdicts per criterion, failures by
reason, registry gaps.

Read in one pass over the store, so it summarises a store of any size. A failure's reason
is its message with the item's own URL or path taken out, so "HTTP 404 Not Found from
<location>" counts every 404 together.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from msa_check.batch.export import layout_of
from msa_check.batch.items import NO_LOCATION, NO_LOCATION_REASON
from msa_check.batch.registry import cross_check
from msa_check.batch.store import ResultStore, StoredResult
from msa_check.batch.suppliers import statement_read, supplier_row
from msa_check.models import OverallStatus

LOCATION = "<location>"
# The report's `mandatory_met` stays true for a stale statement (a fact about the criteria);
# these statuses are the headline's "meets the law".
MEETS_NOW = frozenset({OverallStatus.MEETS.value, OverallStatus.MEETS_UNCHECKED.value})
_URL = re.compile(r"https?://[^\s,;)'\"]+")


@dataclass
class StoreSummary:
    items: int = 0
    checked: int = 0
    failed: int = 0
    # Statements that meet the law now, as their report's headline says (status meets or
    # meets_checked); a stale one meets what was checked but not the law now: `stale`.
    mandatory_met: int = 0
    stale: int = 0
    statements_read: int = 0  # checked items that are statements (suppliers.statement_read)
    # Rating value -> items: the plain-English rating of the dashboard and the exports.
    ratings: Counter[str] = field(default_factory=Counter)
    # (rule set id, criterion id) -> verdict -> count over the statements read (not a
    # document that is not a statement, nor a homepage that leads to none), as the dashboard
    verdicts: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    failures: Counter[tuple[str, str]] = field(default_factory=Counter)  # (class, reason)
    registry_compared: int = 0  # checked items with registry claims
    claimed_not_found: Counter[str] = field(default_factory=Counter)  # criterion -> items
    found_not_claimed: Counter[str] = field(default_factory=Counter)


def summarise_store(path: Path) -> StoreSummary:
    summary = StoreSummary()
    with ResultStore.open(path, create=False) as results:
        for rule_set in results.rule_sets():
            for criterion in rule_set["criteria"]:
                summary.verdicts[(rule_set["id"], criterion)] = Counter()
        legal_set_id = layout_of(results).legal_set_id
        for result in results.results():
            add_result(summary, result, legal_set_id)
    return summary


def add_result(summary: StoreSummary, result: StoredResult, legal_set_id: str | None) -> None:
    """Count `result` in; its rating is about the rule set `legal_set_id`, as in exports."""
    summary.items += 1
    summary.ratings[supplier_row(result, legal_set_id).rating.value] += 1
    report = result.report
    if report is None:
        summary.failed += 1
        reason = failure_reason(result.error_message or "", result.item.get("locations", []))
        summary.failures[(result.error_class or "", reason)] += 1
        return
    summary.checked += 1
    status = report.get("status")
    summary.mandatory_met += status in MEETS_NOW
    summary.stale += status == OverallStatus.STALE.value
    if statement_read(report):
        summary.statements_read += 1
        for rule_set in report["rule_sets"]:
            for criterion in rule_set["criteria"]:
                key = (rule_set["id"], criterion["id"])
                summary.verdicts.setdefault(key, Counter())[criterion["verdict"]] += 1
    claims = result.item.get("claims")
    check = cross_check(claims, report) if claims else None
    if check is not None:
        summary.registry_compared += 1
        summary.claimed_not_found.update(check.claimed_not_found)
        summary.found_not_claimed.update(check.found_not_claimed)


def failure_reason(message: str, locations: list[str]) -> str:
    """The message without the item's own locations or any URL: what failures share.

    A row with no URL names its own number and line; those rows are counted together."""
    if NO_LOCATION.fullmatch(message):
        return NO_LOCATION_REASON
    for location in sorted(locations, key=len, reverse=True):
        if location:
            message = message.replace(location, LOCATION)
    return _URL.sub(LOCATION, message)
