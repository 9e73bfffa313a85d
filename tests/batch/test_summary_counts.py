"""The counts a buyer compares across the batch summary, the XLSX summary sheet and the
dashboard agree (user review): statements read by one definition (statement_read), a
document that is not a statement, no statement found and a failure counted apart, and a
stale statement never counted as meeting the law."""

from __future__ import annotations

import io
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from rich.console import Console

from msa_check.batch import run_batch
from msa_check.batch.console import summary_tables
from msa_check.batch.export import Shape
from msa_check.batch.export_formats import ExportFormat, export_to
from msa_check.batch.export_summary import (
    NOT_A_STATEMENT,
    NOT_FOUND,
    NOT_READ,
    READ,
    UNREADABLE,
)
from msa_check.batch.summary import StoreSummary, add_result, summarise_store
from msa_check.report.dashboard_output import DashboardFormat, write_dashboard
from tests.batch.conftest import local_fetch_options
from tests.batch.test_dashboard import MET, report_with, stored
from tests.batch.test_no_statement import HOMEPAGE, NEWS, RECIPE

openpyxl = pytest.importorskip("openpyxl")
ROOT = Path(__file__).parents[2]


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on: a connection to it is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def mixed_store(
    make_httpserver: HTTPServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    """The four samples, a recipe, a homepage that leads to no statement, a dead address."""
    server = make_httpserver
    server.expect_request("/").respond_with_data(HOMEPAGE, content_type="text/html")
    server.expect_request("/news/slavery").respond_with_data(NEWS, content_type="text/html")
    folder = tmp_path_factory.mktemp("mixed")
    rows = (ROOT / "samples" / "suppliers.csv").read_text(encoding="utf-8").splitlines()
    rows = [rows[0], *(row.replace("samples/", f"{ROOT / 'samples'}/") for row in rows[1:])]
    rows += [
        f"Recipe Ltd,09999905,{RECIPE / 'recipe-victoria-sponge.txt'}",
        f"Fernhill Joinery Ltd,09999906,{server.url_for('/')}",
        f"Closed Port Ltd,09999907,http://127.0.0.1:{closed_port()}/statement.pdf",
    ]
    source = folder / "suppliers.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    store = folder / "results.sqlite"
    run_batch(source, store, workers=1, fetch_options=local_fetch_options())
    server.clear()
    yield store


def summary_sheet(workbook: Path) -> dict[str, tuple[object, ...]]:
    sheet = openpyxl.load_workbook(workbook)["summary"]
    rows = [row for row in sheet.iter_rows(values_only=True) if row and row[0] is not None]
    return {str(row[0]): row[1:] for row in rows}


def test_the_xlsx_summary_counts_what_was_read_as_the_dashboard_does(
    mixed_store: Path, tmp_path: Path
) -> None:
    export_to(mixed_store, tmp_path / "x.xlsx", ExportFormat.xlsx, Shape.wide, sys.stdout)
    sheet = summary_sheet(tmp_path / "x.xlsx")
    counts = {label: sheet[label][0] for label in (READ, NOT_A_STATEMENT, NOT_FOUND, UNREADABLE)}
    assert counts == {READ: 4, NOT_A_STATEMENT: 1, NOT_FOUND: 1, UNREADABLE: 1}
    assert sheet["items"][0] == 7
    # Each mandatory criterion's verdicts are over the 4 statements read, as on the dashboard.
    approval = sheet["uk-msa-s54.approval"]
    assert sheet["Criterion"][-1] == NOT_READ and approval[-1] == 3 and sum(approval) == 7
    # The dashboard says the same: 4 statements read, its ratings over the 7 suppliers.
    write_dashboard(mixed_store, tmp_path / "d.html", DashboardFormat.html, None)
    page = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert "Over the 4 suppliers whose document was read" in page
    assert sheet["no statement found"][0] == 2 and sheet["could not be read"][0] == 1
    assert summarise_store(mixed_store).statements_read == 4


def test_the_batch_summary_counts_a_stale_statement_apart_from_those_that_meet_the_law(
    mixed_store: Path,
) -> None:
    summary = summarise_store(mixed_store)
    # Kestrel meets what was checked (a local file: its homepage link was not checked);
    # Northwind 2025 meets what was checked but is out of date.
    assert (summary.mandatory_met, summary.stale) == (1, 1)
    assert summary.ratings["meets what was checked"] == 1
    assert summary.ratings["meets the law"] + summary.ratings["meets the law, weak content"] == 0
    assert summary.ratings["out of date"] == summary.stale
    console = Console(file=io.StringIO(), width=120)
    console.print(summary_tables(summary))
    totals = console.file.getvalue().split("suppliers by rating")[0]  # type: ignore[attr-defined]
    assert "mandatory met   stale (out of date)" in totals
    assert totals.splitlines()[4].split() == ["7", "6", "1", "1", "1"]


def test_mandatory_met_counts_what_the_report_says_meets_the_law_now() -> None:
    # A stale report keeps mandatory_met true (a fact about its criteria); its headline
    # says it does not meet the law now, so the summary does not count it as met.
    meets = {**report_with(MET, {"risk": "met"}), "status": "meets_checked", "mandatory_met": True}
    stale = {**meets, "status": "stale"}
    fails = {**meets, "status": "does_not_meet", "mandatory_met": False}
    summary = StoreSummary()
    for report in (meets, stale, fails):
        add_result(summary, stored(report), "uk-msa-s54")
    assert (summary.checked, summary.mandatory_met, summary.stale) == (3, 1, 1)
