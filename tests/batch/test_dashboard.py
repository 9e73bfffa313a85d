"""`msa-check report STORE`: the supplier dashboard and its table, from a real batch store."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from msa_check.batch.store import StoredResult
from msa_check.batch.suppliers import Rating, SupplierRow, supplier_row
from msa_check.cli import app
from msa_check.report.dashboard import render_dashboard
from msa_check.report.dashboard_output import DashboardFormat, write_dashboard
from tests.batch.conftest import BAD_EVERY, ITEMS, FinishedRun


def stored(report: dict[str, object] | None, error_class: str | None = None) -> StoredResult:
    return StoredResult(
        key="k", number=7, input_name="Northwind <Ltd>", input_id="09999901",
        location="https://northwind.example/", item={"extra": {"StatementYear": 2025}},
        status="checked" if report else "failed", report=report, error_class=error_class,
        error_message=None if report else "why it failed", exit_code=None, run_id=1,
        finished_at="2026-12-06T00:00:00+00:00",
    )  # fmt: skip


def report_with(mandatory: dict[str, str], content: dict[str, str]) -> dict[str, object]:
    criteria = [{"id": c, "mandatory": True, "verdict": v} for c, v in mandatory.items()]
    criteria += [{"id": c, "mandatory": False, "verdict": v} for c, v in content.items()]
    return {
        "source": {"location": "https://northwind.example/msa.pdf", "final_url": None},
        "organisation": "Northwind", "period": "2025", "flags": [{"id": "stale"}], "alerts": [],
        "rule_sets": [{"id": "uk-msa-s54", "criteria": criteria, "score": {"percent": 50.0}}],
    }  # fmt: skip


MET = {"approval": "met", "signature": "met", "homepage_link": "met"}
UNCHECKED = {**MET, "homepage_link": "not_checked"}


@pytest.mark.parametrize(
    ("report", "error_class", "rating"),
    [
        (None, "StatementNotFoundError", Rating.NO_STATEMENT),
        (None, "FetchError", Rating.UNREADABLE),
        (report_with({**MET, "signature": "partial"}, {"risk": "met"}), None, Rating.DOES_NOT_MEET),
        (report_with(MET, {"risk": "met", "training": "partial", "policies": "missing"}), None,
         Rating.MEETS),  # 1.5 of 3 areas is half, not under half
        (report_with(MET, {"risk": "met", "training": "missing", "policies": "missing"}), None,
         Rating.MEETS_WEAK),
        (report_with(MET, {"risk": "met", "training": "met", "policies": "partial"}), None,
         Rating.MEETS),
        # A stale statement is out of date, as its headline says, not "meets the law";
        # one that also fails a mandatory criterion does not meet the law.
        ({**report_with(MET, {"risk": "met"}), "status": "stale"}, None, Rating.OUT_OF_DATE),
        ({**report_with({**MET, "approval": "missing"}, {"risk": "met"}), "status": "stale"},
         None, Rating.DOES_NOT_MEET),
        # A mandatory criterion not checked (the homepage link): never "meets the law".
        (report_with(UNCHECKED, {"risk": "met"}), None, Rating.MEETS_CHECKED),
        (report_with({**UNCHECKED, "signature": "missing"}, {"risk": "met"}), None,
         Rating.DOES_NOT_MEET),
        ({**report_with(UNCHECKED, {"risk": "met"}), "status": "stale"}, None,
         Rating.OUT_OF_DATE),
    ],
)  # fmt: skip
def test_the_rating_follows_the_documented_rule(
    report: dict[str, object] | None, error_class: str | None, rating: Rating
) -> None:
    row = supplier_row(stored(report, error_class), "uk-msa-s54")
    assert row.rating is rating
    if report is not None:
        unchecked = report_criteria_unchecked(report)
        assert row.not_checked == unchecked
        assert row.flags == ("stale",) and row.scores == {"uk-msa-s54": 50.0}


def test_the_dashboard_of_a_batch_has_every_supplier_a_chart_and_a_table(
    two_hundred: FinishedRun, tmp_path: Path
) -> None:
    output = tmp_path / "suppliers.html"
    assert write_dashboard(two_hundred.store, output, DashboardFormat.html, None) == ITEMS
    page = output.read_text(encoding="utf-8")
    assert page.count('<tr data-rating="') == ITEMS
    assert page.count('class="supplier" id="s') == ITEMS
    assert page.count("<svg") == 2 and "<script>" in page
    assert "could not be read" in page and "http://" not in page.split("<main>")[0]
    # The ratings table beside the chart sums to the list.
    counts = re.findall(r'<tr><th scope="row">[^<]+</th><td class="num">(\d+)</td>', page)
    assert sum(int(n) for n in counts[: len(Rating)]) == ITEMS


def test_the_table_formats_carry_one_row_per_supplier(two_hundred: FinishedRun) -> None:
    stream = io.StringIO()
    assert write_dashboard(two_hundred.store, stream, DashboardFormat.csv, None) == ITEMS
    rows = list(csv.DictReader(io.StringIO(stream.getvalue(), newline="")))
    assert len(rows) == ITEMS
    assert list(rows[0])[:9] == [
        "number", "name", "supplier_id", "organisation", "statement_year",
        "statement_year_source", "period", "statement_url", "rating",
    ]  # fmt: skip
    unreadable = [r for r in rows if r["rating"] == "could not be read"]
    assert len(unreadable) == ITEMS // BAD_EVERY and all(r["error"] for r in unreadable)
    assert {"approval", "signature", "uk-msa-s54.score"} <= set(rows[0])


def test_json_and_xlsx_tables_and_the_command(two_hundred: FinishedRun, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    result = CliRunner().invoke(app, ["report", str(two_hundred.store), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == ITEMS
    workbook = tmp_path / "suppliers.xlsx"
    result = CliRunner().invoke(
        app, ["report", str(two_hundred.store), "-f", "xlsx", "-o", str(workbook)]
    )
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(workbook)["suppliers"].max_row == ITEMS + 1
    missing = CliRunner().invoke(app, ["report", str(tmp_path / "none.sqlite")])
    assert missing.exit_code == 2 and "no results store" in missing.output
    to_stdout = CliRunner().invoke(app, ["report", str(two_hundred.store), "-f", "xlsx"])
    assert to_stdout.exit_code == 2
    assert "an xlsx dashboard needs --output FILE.xlsx" in to_stdout.output


def test_five_thousand_suppliers_fit_in_one_page_under_ten_megabytes() -> None:
    long_name = "Supplier with a long registered name & <markup> Limited"
    rows = [
        SupplierRow(
            key=str(n), number=n, name=f"{long_name} {n}", supplier_id=f"{n:08d}",
            location=f"https://supplier{n}.example/", statement_year="2025",
            statement_url=f"https://supplier{n}.example/modern-slavery-statement-2025.pdf",
            rating=list(Rating)[n % 5], mandatory=MET, not_checked=("homepage_link",),
            content={a: "missing" for a in ("structure", "policies", "due_diligence", "risk",
                                            "effectiveness", "training")},
            content_share=0.0, missing_areas=("structure", "policies", "due_diligence", "risk",
                                               "effectiveness", "training"),
            flags=("stale", "no_period"), scores={"uk-msa-s54": 27.3, "disclosure-quality": 14.3},
        )
        for n in range(1, 5001)
    ]  # fmt: skip
    page = render_dashboard(
        rows, legal_title="UK Modern Slavery Act 2015, section 54",
        mandatory_ids=list(MET), content_ids=["structure", "policies"], title="t", generated="g",
    )  # fmt: skip
    assert len(page.encode("utf-8")) < 10_000_000
    assert "&lt;markup&gt;" in page and "<markup>" not in page


def test_the_year_falls_back_to_the_period_end_and_says_so() -> None:
    report = {**report_with(MET, {"risk": "met"}), "metadata": {"period": {"end": "2025-03-31"}}}
    from_registry = supplier_row(stored(report), "uk-msa-s54")
    assert (from_registry.statement_year, from_registry.statement_year_source) == (
        "2025",
        "registry",
    )
    plain = StoredResult(**{**stored(report).__dict__, "item": {}})
    row = supplier_row(plain, "uk-msa-s54")
    assert (row.statement_year, row.statement_year_source) == ("2025", "period end")
    assert (
        supplier_row(StoredResult(**{**plain.__dict__, "report": None}), None).statement_year
        is None
    )


def test_an_ordinary_list_reads_in_titles_with_a_year_and_no_empty_id_column() -> None:
    report = {
        **report_with({**MET, "approval": "missing"}, {"risk": "met"}),
        "metadata": {"period": {"end": "2024-12-31"}},
        "flags": [{"id": "stale"}, {"id": "no_steps"}],
        "alerts": [{"id": "no_steps_taken", "message": "NO STEPS TAKEN: the statement ..."}],
    }
    plain = StoredResult(**{**stored(report).__dict__, "item": {}, "input_id": None})
    row = supplier_row(plain, "uk-msa-s54")
    page = render_dashboard(
        [row], legal_title="UK", mandatory_ids=list(MET), content_ids=["risk"], title="t",
        generated="g", titles={"approval": "Approved by the board", "risk": "Risks"},
    )  # fmt: skip
    head = page[page.index('id="suppliers"') :].split("</thead>")[0]
    assert ">ID<" not in head and ">Year<" in head
    assert '<span title="approval">Approved by the board</span>' in head
    body = page[page.index("<tbody>", page.index('id="suppliers"')) :].split("</tr>")[0]
    assert '2024 <small class="id">(period end)</small>' in body
    assert "Out of date, No steps taken</td>" in body  # titles, and the alert's flag once
    assert "no_steps" not in body.replace('title="', "")
    assert "Mandatory: Approved by the board: missing" in page


def test_the_dashboard_and_the_batch_summary_count_the_same_statements() -> None:
    from msa_check.batch.console import summary_tables
    from msa_check.batch.summary import StoreSummary, add_result

    statement = report_with(MET, {"risk": "met"})
    statement["mandatory_met"] = True
    recipe = {**statement, "status": "not_a_statement", "recognition": {"score": 0, "needed": 4}}
    results = [stored(statement), stored(recipe), stored(None, "FetchError")]
    summary = StoreSummary()
    for result in results:
        add_result(summary, result, "uk-msa-s54")
    assert (summary.checked, summary.statements_read) == (2, 1)
    assert all(sum(c.values()) == 1 for c in summary.verdicts.values())
    rows = [supplier_row(r, "uk-msa-s54") for r in results]
    page = render_dashboard(
        rows, legal_title="UK", mandatory_ids=list(MET), content_ids=["risk"], title="t",
        generated="g",
    )  # fmt: skip
    assert "Over the 1 supplier whose document was read and is a modern slavery" in page
    from rich.console import Console

    console = Console(width=100, record=True)
    console.print(summary_tables(summary))
    assert "verdicts per criterion, over the 1 statement read" in console.export_text()


def report_criteria_unchecked(report: dict[str, Any]) -> tuple[str, ...]:
    [legal] = [r for r in report["rule_sets"] if r["id"] == "uk-msa-s54"]
    return tuple(
        c["id"] for c in legal["criteria"] if c["mandatory"] and c["verdict"] == "not_checked"
    )
