"""The supplier dashboard of a batch store, or its table, written out: for `msa-check report`
and for the web page's finished lists, which both call `write_dashboard`.

The page is rendered by report.dashboard; the table (CSV, JSON, XLSX) has the columns of
batch.suppliers. Nothing here prints: the caller names the file, or the stream for stdout.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import IO

from msa_check.batch.export_formats import write_csv
from msa_check.batch.export_summary import NO_REPORT, VERDICTS
from msa_check.batch.export_xlsx import SummaryTable, write_xlsx
from msa_check.batch.store import ResultStore
from msa_check.batch.suppliers import (
    RATING_ORDER,
    SupplierRow,
    legal_rule_set,
    supplier_rows,
    table_columns,
    table_row,
)
from msa_check.errors import SETTING, Setting, UsageError


class DashboardFormat(str, Enum):
    html = "html"
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


def write_dashboard(
    store: Path, output: Path | IO[str], output_format: DashboardFormat, title: str | None
) -> int:
    """Write the dashboard of `store` to the file or text stream `output`; the suppliers
    written. An xlsx workbook needs a file."""
    from msa_check.report.dashboard import render_dashboard

    if output_format is DashboardFormat.xlsx and not isinstance(output, Path):
        raise UsageError(f"an xlsx dashboard needs {SETTING}", setting=Setting.OUTPUT_FILE)
    if not store.exists():
        raise UsageError(f"no results store at {store}: run msa-check batch first")
    with ResultStore.open(store, create=False) as results:
        rule_set_ids = [r["id"] for r in results.rule_sets()]
        input_columns = results.input_columns()
        # The store lists only criterion ids; a report says which are mandatory.
        first = next((r.report for r in results.results() if r.report is not None), None)
        legal = legal_rule_set(first["rule_sets"]) if first else None
        rows = list(supplier_rows(results.results(), legal["id"] if legal else None))
    criteria = (legal or {}).get("criteria", [])
    if output_format is DashboardFormat.html:
        generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        text = render_dashboard(
            rows,
            legal_title=legal.get("title") if legal else None,
            mandatory_ids=[c["id"] for c in criteria if c.get("mandatory")],
            content_ids=[c["id"] for c in criteria if not c.get("mandatory")],
            title=title or f"Supplier modern slavery statements: {store.stem}",
            generated=generated,
            titles={
                **{r["id"]: r.get("title") or r["id"] for r in (first or {}).get("rule_sets", ())},
                **{c["id"]: c.get("title") or c["id"] for c in criteria},
            },
        )
        _write_text(text, output)
        return len(rows)
    names = table_columns(legal, rule_set_ids, input_columns)
    cells = [table_row(row, rule_set_ids) for row in rows]
    if output_format is DashboardFormat.xlsx:
        assert isinstance(output, Path)
        with output.open("wb") as handle:
            mandatory_ids = [c["id"] for c in criteria if c.get("mandatory")]
            write_xlsx(
                handle, names, cells, title="suppliers",
                summary=lambda: dashboard_summary(rows, mandatory_ids, store),
            )  # fmt: skip
        return len(rows)
    stream = io.StringIO()
    if output_format is DashboardFormat.csv:
        write_csv(stream, names, cells)
    else:
        json.dump(cells, stream, ensure_ascii=False, indent=1)
        stream.write("\n")
    _write_text(stream.getvalue(), output)
    return len(rows)


def dashboard_summary(
    rows: Sequence[SupplierRow], mandatory_ids: Sequence[str], store: Path
) -> list[SummaryTable]:
    """The workbook's summary sheet: suppliers per rating and each mandatory verdict."""
    ratings = Counter(row.rating for row in rows)
    total = len(rows)
    verdicts = {c: Counter(row.mandatory.get(c, NO_REPORT) for row in rows) for c in mandatory_ids}
    return [
        SummaryTable(
            "Suppliers per rating",
            ("Rating", "Suppliers", "Share (%)"),
            tuple(
                (r.value, ratings[r], round(100 * ratings[r] / total, 1) if total else None)
                for r in RATING_ORDER
            ),
        ),
        SummaryTable(
            "Mandatory criteria",
            ("Criterion", *VERDICTS, NO_REPORT),
            tuple((c, *(v[k] for k in (*VERDICTS, NO_REPORT))) for c, v in verdicts.items()),
        ),
        SummaryTable(
            "Run information",
            ("What", "Value"),
            (
                ("store", str(store)),
                ("suppliers", total),
                ("written at (UTC)", datetime.now(timezone.utc).isoformat(timespec="seconds")),
            ),
        ),
    ]


def _write_text(text: str, output: Path | IO[str]) -> None:
    if isinstance(output, Path):
        output.write_text(text, encoding="utf-8")
    else:
        output.write(text)
