"""The summary sheet of an XLSX export: what a store holds, in counts, and how it was made.

Counts are per item (whatever the export's shape): what was read (statements read, as the
dashboard and the batch summary count them, then not a statement, no statement found and
could not be read, apart), suppliers per rating and per overall status, the verdicts of
each mandatory criterion over the statements read, then the runs that filled the store.
Read in one pass over the store, item by item, so it costs no more memory than the export.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone

from msa_check.batch.export import ExportLayout, mandatory_columns
from msa_check.batch.export_rows import wide_row
from msa_check.batch.export_xlsx import SummaryTable
from msa_check.batch.store import ResultStore, StoredResult
from msa_check.batch.suppliers import NOT_FOUND_ERRORS, RATING_ORDER, statement_read

VERDICTS = ("met", "partial", "missing", "not_checked")
NO_REPORT = "no report"  # a failed item: no statement was found or read
NOT_READ = "no statement read"  # the mandatory verdicts are counted over the statements read
# What became of each item, one of these: the first is suppliers.statement_read, the one
# definition the dashboard's and the batch summary's verdict counts use.
READ = "statements read (the verdicts are counted over these)"
NOT_A_STATEMENT = "not a statement (the document is not a modern slavery statement)"
NOT_FOUND = "no statement found (none found from the homepage)"
UNREADABLE = "could not be read (the check failed)"
READ_OUTCOMES = (READ, NOT_A_STATEMENT, NOT_FOUND, UNREADABLE)
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
    read: Counter[str] = Counter()
    items = 0
    for result in results.results():
        row = wide_row(result, layout.legal_set_id)
        items += 1
        read[read_outcome(result)] += 1
        ratings[row["rating"]] += 1
        statuses[row["overall_status"] or NO_REPORT] += 1
        is_read = statement_read(result.report)
        for name in mandatory:
            verdicts[name][(row.get(name) if is_read else None) or NOT_READ] += 1
    return [
        SummaryTable(
            "Suppliers",
            ("What", "Count"),
            (("items", items), *((outcome, read[outcome]) for outcome in READ_OUTCOMES)),
        ),
        _count_table("Rating", [r.value for r in RATING_ORDER], ratings, items),
        _count_table("Overall status", [*OVERALL_STATUSES, NO_REPORT], statuses, items),
        SummaryTable(
            "Mandatory criteria",
            ("Criterion", *VERDICTS, NOT_READ),
            tuple(
                (name.removesuffix(".verdict"), *(counts[v] for v in (*VERDICTS, NOT_READ)))
                for name, counts in verdicts.items()
            ),
        ),
        _runs_table(results, layout),
    ]


def read_outcome(result: StoredResult) -> str:
    """What became of an item: a statement read (statement_read), a document that is not a
    statement, no statement found (from a homepage, or a not-found failure) or a failure."""
    report = result.report
    if statement_read(report):
        return READ
    if report is not None:
        return NOT_A_STATEMENT if report.get("status") == "not_a_statement" else NOT_FOUND
    return NOT_FOUND if result.error_class in NOT_FOUND_ERRORS else UNREADABLE


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
