"""Any text into the CSV, XLSX and Parquet exports: read back equal, and never a formula."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from msa_check.batch.export_formats import write_csv
from msa_check.batch.export_parquet import write_parquet
from msa_check.batch.export_xlsx import FORMULA_TRIGGERS, write_xlsx
from tests.fuzz.settings import FUZZ

_CELL = st.text(max_size=60) | st.sampled_from(FORMULA_TRIGGERS).flatmap(
    lambda first: st.text(max_size=30).map(lambda rest: first + rest)
)


@FUZZ
@given(st.lists(_CELL, min_size=1, max_size=8))
def test_csv_reads_back_as_written_with_formulas_neutralised(texts: list[str]) -> None:
    stream = io.StringIO(newline="")
    write_csv(stream, ["text"], [{"text": text} for text in texts])
    read = [row[0] for row in csv.reader(io.StringIO(stream.getvalue(), newline=""))][1:]
    expected = []
    for text in texts:
        plain = text.replace("\r\n", "\n").replace("\r", "\n")
        expected.append("'" + plain if text.startswith(FORMULA_TRIGGERS) else plain)
    assert read == expected


@FUZZ
@given(st.lists(_CELL, min_size=1, max_size=8))
def test_xlsx_cells_are_never_formulas_and_keep_their_text(texts: list[str]) -> None:
    stream = io.BytesIO()
    write_xlsx(stream, ["text"], [{"text": text} for text in texts], title="wide")
    sheet = openpyxl.load_workbook(io.BytesIO(stream.getvalue()))["wide"]
    cells = [row[0] for row in sheet.iter_rows(min_row=2, max_row=len(texts) + 1)]
    illegal = openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE
    for cell, text in zip(cells, texts, strict=True):
        assert cell.data_type != "f", text
        # What XML can hold: control characters become spaces, a bare CR reads as LF.
        held = illegal.sub(" ", text).replace("\r\n", "\n").replace("\r", "\n")
        assert (cell.value or "") == held, (text, cell.value)


@FUZZ
@given(st.lists(st.text(max_size=60) | st.none(), min_size=1, max_size=8))
def test_parquet_reads_back_every_text_as_written(texts: list[str | None]) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    stream = io.BytesIO()
    write_parquet(stream, ["input.Notes"], [{"input.Notes": text} for text in texts])
    stream.seek(0)
    assert pq.read_table(stream).column("input.Notes").to_pylist() == texts
