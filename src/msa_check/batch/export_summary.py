"""The summary sheet of an XLSX export: what a store holds, in counts, and how it was made.

Counts are per item (whatever the export's shape): suppliers per rating and per overall
status, the verdicts of each mandatory criterion, then the runs that filled the store.
Read in one pass over the store, item by item, so it costs no more memory than the export.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone

from msa_check.batch.export import ExportLayout, mandatory_columns
from msa_check.batch.export_rows import wide_row
from msa_check.batch.export_xlsx import SummaryTable
from msa_check.batch.store import ResultStore
from msa_check.batch.suppliers import RATING_ORDER

VERDICTS = ("met", "partial", "missing", "not_checked")
NO_REPORT = "no report"  # a failed item: no statement was found or read
# Others (a status added later, NO_REPORT for a failure) follow these, as found.
OVERALL_STATUSES = (
    "meets",
    "meets_checked",
    "does_not_meet",
    "stale",
    "no_mandatory",
    "not_a_statement",
    "no_statement_found",
)


def export_summary(results: ResultStore, layout: ExportLayout) -> list[SummaryTable]:
    ratings: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    mandatory = mandatory_columns(layout)
    verdicts: dict[str, Counter[str]] = {name: Counter() for name in mandatory}
    items = checked = 0
    for result in results.results():
        row = wide_row(result, layout.legal_set_id)
        items += 1
        checked += result.report is not None
        ratings[row["rating"]] += 1
        statuses[row["overall_status"] or NO_REPORT] += 1
        for name in mandatory:
            verdicts[name][row.get(name) or NO_REPORT] += 1
    return [
        SummaryTable(
            "Suppliers",
            ("What", "Count"),
            (
                ("items", items),
                ("checked (a statement was read)", checked),
                ("failed (no statement found, or it could not be read)", items - checked),
            ),
        ),
        _count_table("Rating", [r.value for r in RATING_ORDER], ratings, items),
        _count_table("Overall status", [*OVERALL_STATUSES, NO_REPORT], statuses, items),
        SummaryTable(
            "Mandatory criteria",
            ("Criterion", *VERDICTS, NO_REPORT),
            tuple(
                (name.removesuffix(".verdict"), *(counts[v] for v in (*VERDICTS, NO_REPORT)))
                for name, counts in verdicts.items()
            ),
        ),
        _runs_table(results, layout),
    ]


def _count_table(title: str, known: list[str], counts: Counter[str], total: int) -> SummaryTable:
    """Every known value (even at 0), then any other value found, with its share."""
    values = known + sorted(v for v in counts if v not in known)
    return SummaryTable(
        f"Suppliers per {title.lower()}",
        (title, "Suppliers", "Share (%)"),
        tuple(
            (value, counts[value], round(100 * counts[value] / total, 1) if total else None)
            for value in values
        ),
    )


def _runs_table(results: ResultStore, layout: ExportLayout) -> SummaryTable:
    runs = results.runs()
    rule_sets = "; ".join(
        f"{r['id']} {r['version']} ({r.get('title', '')})" for r in layout.rule_sets
    )
    exported = datetime.now(timezone.utc).isoformat(timespec="seconds")
    rows: list[tuple[object, ...]] = [
        ("store", str(results.path)),
        ("rule sets", rule_sets),
        ("exported at (UTC)", exported),
        ("runs", len(runs)),
    ]
    for run in runs:
        rows.append(
            (
                f"run {run['id']}",
                f"{run['started_at']} to {run['finished_at'] or '(not finished)'}, "
                f"{run['outcome'] or 'killed'}, msa-check {run['tool_version']}, "
                f"input {run['input']}",
            )
        )
    return SummaryTable("Run information", ("What", "Value"), tuple(rows))
