"""Every output of one statement names the same organisation and period (issue 13).

Report.period and Report.organisation once had finders of their own, so the console could
print a period the batch export did not; now both read the statement metadata.
"""

from __future__ import annotations

import json
from datetime import date

from msa_check.batch.export_rows import wide_row
from msa_check.batch.store import StoredResult
from msa_check.checker import Checker, load_rule_sets
from msa_check.extract import extract_document
from msa_check.fetch.local import source_from_bytes
from msa_check.models import SourceKind
from msa_check.nlp import load_pipeline
from msa_check.report import render_text

STATEMENT = b"""Modern Slavery Statement

Tidewater Fabrics Ltd makes this statement under section 54 of the Modern Slavery Act 2015.
This statement covers the period 1 January 2024 to 31 December 2024.
We buy cotton from spinners in three countries and audit them each year.
This statement was approved by the Board of Directors on 3 March 2025.
"""
PERIOD = "period 1 January 2024 to 31 December 2024"


def test_console_json_markdown_html_and_export_agree() -> None:
    checker = Checker(load_rule_sets([]), load_pipeline())
    fetched = source_from_bytes("tidewater.txt", SourceKind.FILE, STATEMENT)
    report = checker.check_document(fetched, extract_document(fetched), today=date(2025, 6, 1))
    assert report.organisation == "Tidewater Fabrics Ltd"
    assert report.period == PERIOD
    assert report.metadata is not None and report.metadata.period is not None
    assert (report.metadata.period.start, report.metadata.period.end) == (
        date(2024, 1, 1),
        date(2024, 12, 31),
    )

    as_json = json.loads(render_text(report, "json"))
    assert (as_json["organisation"], as_json["period"]) == ("Tidewater Fabrics Ltd", PERIOD)
    assert as_json["metadata"]["organisation"] == "Tidewater Fabrics Ltd"
    assert as_json["metadata"]["period"]["text"] == PERIOD
    for fmt in ("console", "markdown", "html"):
        flat = " ".join(render_text(report, fmt).split())
        assert "Tidewater Fabrics Ltd" in flat, fmt
        assert PERIOD in flat, fmt
        assert "2024-01-01 to 2024-12-31" in flat, fmt

    row = wide_row(_stored(as_json), "uk-msa-s54")
    assert (row["organisation"], row["period"]) == ("Tidewater Fabrics Ltd", PERIOD)
    assert (row["period_start"], row["period_end"]) == ("2024-01-01", "2024-12-31")


def _stored(report: dict[str, object]) -> StoredResult:
    return StoredResult(
        key="k", number=1, input_name=None, input_id=None, location="tidewater.txt", item={},
        status="checked", report=report, error_class=None, error_message=None, exit_code=0,
        run_id=1, finished_at="2025-06-01T00:00:00+00:00",
    )  # fmt: skip
