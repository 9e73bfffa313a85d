"""What a person sees of a batch when it ends: summary tables of the whole store.

Progress while it runs is batch/progress.py.
"""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table

from msa_check.batch.summary import StoreSummary
from msa_check.batch.suppliers import RATING_ORDER
from msa_check.plurals import counted
from msa_check.report.console_table import WrappedName

VERDICTS = ("met", "partial", "missing", "not_checked")


def summary_tables(summary: StoreSummary) -> Group:
    """The end-of-run summary of a whole store, as rich tables."""
    parts: list[Table] = [_totals(summary)]
    if summary.ratings:
        parts.append(_ratings(summary))
    if summary.verdicts:
        parts.append(_verdicts(summary))
    if summary.failures:
        parts.append(_failures(summary))
    if summary.registry_compared:
        parts.append(_registry(summary))
    return Group(*parts)


def _table(title: str, *headers: str) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    for index, header in enumerate(headers):
        table.add_column(header, justify="left" if index == 0 else "right")
    return table


def _totals(summary: StoreSummary) -> Table:
    # "mandatory met" is what the check report calls meeting the law now; a stale statement
    # (its period ended over 18 months ago) is counted apart, as the report says it does not.
    table = _table("results in the store", "items", "checked", "failed", "mandatory met",
                   "stale (out of date)")  # fmt: skip
    table.add_row(*(str(n) for n in (summary.items, summary.checked, summary.failed,
                                     summary.mandatory_met, summary.stale)))  # fmt: skip
    return table


def _ratings(summary: StoreSummary) -> Table:
    # The dashboard's words, so a buyer reads the same rating here, there and in exports.
    table = _table("suppliers by rating", "rating", "items")
    for rating in RATING_ORDER:
        if summary.ratings[rating.value]:
            table.add_row(rating.value, str(summary.ratings[rating.value]))
    return table


def _verdicts(summary: StoreSummary) -> Table:
    headers = (verdict.replace("_", " ") for verdict in VERDICTS)  # "not checked", as said
    # The dashboard's count: statements read, not every checked item (suppliers.statement_read).
    title = f"verdicts per criterion, over the {counted(summary.statements_read, 'statement')} read"
    table = _table(title, "criterion", *headers)
    for (rule_set, criterion), counts in summary.verdicts.items():
        name = WrappedName(f"{rule_set}.{criterion}", separators="_.")
        table.add_row(name, *(str(counts[v]) for v in VERDICTS))
    return table


def _failures(summary: StoreSummary) -> Table:
    table = _table("failures by reason", "reason", "items")
    for (error_class, reason), count in summary.failures.most_common():
        table.add_row(f"{error_class}: {reason}", str(count))
    return table


def _registry(summary: StoreSummary) -> Table:
    title = f"registry claims vs the text ({counted(summary.registry_compared, 'item')} compared)"
    table = _table(title, "criterion", "claimed, not found", "found, not claimed")
    names = sorted(set(summary.claimed_not_found) | set(summary.found_not_claimed))
    for name in names:
        table.add_row(name, str(summary.claimed_not_found[name]),
                      str(summary.found_not_claimed[name]))  # fmt: skip
    if not names:
        table.add_row("(every claim agrees with the text)", "0", "0")
    return table
