"""The XLSX export as a buyer opens it: the rows sheet first, its header frozen and filtered,
dates as dates, widths set; a summary sheet of counts and run information."""

from __future__ import annotations

import csv
import io
import sys
from datetime import datetime
from pathlib import Path

import pytest

from msa_check.batch.export import Shape
from msa_check.batch.export_formats import ExportFormat, export_store, export_to
from msa_check.batch.export_summary import READ, UNREADABLE
from msa_check.batch.export_xlsx import column_width, parse_iso_date, write_xlsx
from msa_check.batch.suppliers import Rating
from msa_check.report.dashboard_output import DashboardFormat, write_dashboard
from tests.batch.conftest import SPEND_ITEMS, FinishedRun

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture(scope="module")
def workbook_path(with_spend: FinishedRun, tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("xlsx") / "suppliers.xlsx"
    export_to(with_spend.store, output, ExportFormat.xlsx, Shape.wide, sys.stdout)
    return output


def header_of(sheet: object) -> list[str]:
    return [cell.value for cell in next(sheet.iter_rows(max_row=1))]  # type: ignore[attr-defined]


def test_the_rows_sheet_comes_first_with_a_frozen_filtered_header(workbook_path: Path) -> None:
    workbook = openpyxl.load_workbook(workbook_path)
    assert workbook.sheetnames == ["wide", "summary"]
    sheet = workbook["wide"]
    assert sheet.freeze_panes == "A2"
    header = header_of(sheet)
    last = openpyxl.utils.get_column_letter(len(header))
    assert sheet.auto_filter.ref == f"A1:{last}{SPEND_ITEMS + 1}"
    assert all(cell.font.b for cell in sheet[1])  # the header is bold
    assert "input.Spend GBP" in header


def test_the_header_is_the_csv_header(workbook_path: Path, with_spend: FinishedRun) -> None:
    stream = io.StringIO()
    export_store(with_spend.store, stream, ExportFormat.csv, Shape.wide)
    expected = next(csv.reader(io.StringIO(stream.getvalue())))
    assert header_of(openpyxl.load_workbook(workbook_path)["wide"]) == expected


def test_dates_are_date_cells_and_text_stays_text(workbook_path: Path) -> None:
    sheet = openpyxl.load_workbook(workbook_path)["wide"]
    header = header_of(sheet)
    first = next(sheet.iter_rows(min_row=2, max_row=2))
    cell = dict(zip(header, first, strict=True))
    for name in ("period_start", "period_end", "fetched_at"):
        assert cell[name].is_date and isinstance(cell[name].value, datetime), name
    assert cell["period_end"].value == datetime(2025, 3, 31)
    assert cell["period_end"].number_format == "yyyy-mm-dd"
    assert cell["fetched_at"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert cell["number"].data_type == "n" and cell["number"].value == 1
    assert cell["mandatory_met"].data_type == "b"
    assert cell["uk-msa-s54.approval.confidence"].data_type == "n"
    # The input's columns are text as written, even where they look like a number or date.
    assert cell["input.Spend GBP"].value == "1000.50"
    assert cell["input.Contract start"].value == "2025-01-01"
    assert cell["input.Company number"].value == "09999901"  # the leading zero kept
    second = dict(zip(header, next(sheet.iter_rows(min_row=3, max_row=3)), strict=True))
    assert second["input.Notes"].value == "=1+1" and second["input.Notes"].data_type == "s"


def test_columns_get_widths_by_kind(workbook_path: Path) -> None:
    sheet = openpyxl.load_workbook(workbook_path)["wide"]
    header = header_of(sheet)
    widths = {
        name: sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width
        for i, name in enumerate(header, start=1)
    }
    assert widths["error"] == 60 and widths["final_url"] == 40
    assert widths["number"] == 8 and widths["period_end"] == 12
    assert widths["uk-msa-s54.due_diligence.confidence"] == 30  # capped
    assert column_width("rating") == 8


def test_a_stated_month_or_year_keeps_its_precision() -> None:
    assert parse_iso_date("2025-06") == parse_iso_date("2025-06-01")
    assert parse_iso_date("not a date") is None and parse_iso_date("2025-13") is None
    stream = io.BytesIO()
    rows = [{"approval_date": text} for text in ("2025-06-12", "2025-06", "2025", "soon")]
    write_xlsx(stream, ["approval_date"], rows, title="wide")
    cells = [r[0] for r in openpyxl.load_workbook(stream)["wide"].iter_rows(min_row=2)]
    assert [c.number_format for c in cells[:3]] == ["yyyy-mm-dd", "yyyy-mm", "yyyy"]
    assert cells[1].value == datetime(2025, 6, 1) and cells[3].value == "soon"


def test_the_summary_sheet_counts_ratings_statuses_and_mandatory_verdicts(
    workbook_path: Path,
) -> None:
    sheet = openpyxl.load_workbook(workbook_path)["summary"]
    rows = [tuple(c for c in row) for row in sheet.iter_rows(values_only=True)]
    titles = [row[0] for row in rows if row and len([c for c in row if c is not None]) == 1]
    assert titles == ["Suppliers", "Suppliers per rating", "Suppliers per overall status",
                      "Mandatory criteria", "Run information"]  # fmt: skip
    by_label = {row[0]: row[1:] for row in rows if row and row[0] is not None}
    assert by_label["items"][0] == SPEND_ITEMS
    assert by_label[READ][0] == SPEND_ITEMS - 1 and by_label[UNREADABLE][0] == 1
    assert sum(by_label[r.value][0] for r in Rating) == SPEND_ITEMS
    assert by_label["no report"][0] == 1  # the failed item has no overall status
    approval = by_label["uk-msa-s54.approval"]
    assert sum(approval[:5]) == SPEND_ITEMS and approval[4] == 1  # one item has no statement read
    assert by_label["runs"][0] == 1
    assert "finished" in by_label["run 1"][0] and "suppliers.csv" in by_label["run 1"][0]


def test_pandas_reads_the_rows_sheet_by_default(workbook_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_excel(workbook_path)
    assert frame.shape[0] == SPEND_ITEMS
    # pandas reads the text "1000.50" as the number it spells, as it does from a CSV.
    assert frame["input.Spend GBP"].tolist() == [1000 * n + 0.5 for n in range(1, 7)]
    assert str(frame["period_end"].dtype).startswith("datetime64")
    summary = pandas.read_excel(workbook_path, sheet_name="summary", header=None)
    assert "Suppliers per rating" in summary[0].tolist()


def test_the_report_workbook_has_the_same_sheet_features(
    with_spend: FinishedRun, tmp_path: Path
) -> None:
    output = tmp_path / "dashboard.xlsx"
    write_dashboard(with_spend.store, output, DashboardFormat.xlsx, None)
    workbook = openpyxl.load_workbook(output)
    assert workbook.sheetnames == ["suppliers", "summary"]
    sheet = workbook["suppliers"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.endswith(str(SPEND_ITEMS + 1))
    assert "input.Spend GBP" in header_of(sheet)
    summary = [row[0] for row in workbook["summary"].iter_rows(values_only=True)]
    assert "does not meet the law" in summary and "approval" in summary
