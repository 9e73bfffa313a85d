"""The input's own columns ride through every export, after ours, prefixed `input.`; a store
written before input rows were kept is migrated and exports without them."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from msa_check.batch import read_store
from msa_check.batch import store_file as store_module
from msa_check.batch.export import Shape
from msa_check.batch.export_formats import ExportFormat, export_store
from msa_check.batch.inputs import input_columns
from msa_check.batch.store import SCHEMA_VERSION, ResultStore
from msa_check.report.dashboard_output import DashboardFormat, write_dashboard
from tests.batch.conftest import SPEND_ITEMS, FinishedRun, old_store
from tests.batch.test_export import wide_header

INPUT_COLUMNS = [
    "Supplier name", "Company number", "Statement URL", "Spend GBP", "Contract start",
    "Notes", "Notes (2)", "column 8",
]  # fmt: skip


def exported(store: Path, output_format: ExportFormat, shape: Shape = Shape.wide) -> str:
    stream = io.StringIO()
    export_store(store, stream, output_format, shape)
    return stream.getvalue()


def test_a_repeated_or_blank_header_still_names_every_column() -> None:
    assert input_columns(["a", " Notes ", "Notes", "", "Notes"]) == (
        "a", "Notes", "Notes (2)", "column 4", "Notes (3)",
    )  # fmt: skip


def test_the_wide_csv_ends_with_every_input_column_as_written(with_spend: FinishedRun) -> None:
    rows = list(csv.DictReader(io.StringIO(exported(with_spend.store, ExportFormat.csv))))
    assert list(rows[0]) == wide_header(INPUT_COLUMNS)
    assert len(rows) == SPEND_ITEMS
    assert [row["input.Spend GBP"] for row in rows] == [f"{1000 * n}.50" for n in range(1, 7)]
    assert rows[0]["input_name"] == rows[0]["input.Supplier name"] == "Supplier 1 Ltd"
    assert rows[0]["input_id"] == "09999901"
    assert rows[2]["input.Notes (2)"] == "second 3" and rows[2]["input.column 8"] == "unnamed 3"
    assert rows[1]["input.Notes"] == "'=1+1"  # an input cell is neutralised as a statement's is
    failed = rows[4]  # the bad URL: still a row, with the buyer's columns
    assert failed["status"] == "failed" and failed["input.Spend GBP"] == "5000.50"


def test_json_lines_and_the_long_shape_carry_them_too(with_spend: FinishedRun) -> None:
    first = json.loads(exported(with_spend.store, ExportFormat.jsonl).splitlines()[0])
    assert first["input.Spend GBP"] == "1000.50"  # as the input wrote it: text
    long_rows = list(
        csv.DictReader(io.StringIO(exported(with_spend.store, ExportFormat.csv, Shape.long)))
    )
    assert list(long_rows[0])[-len(INPUT_COLUMNS) :] == [f"input.{c}" for c in INPUT_COLUMNS]
    assert {row["input.Spend GBP"] for row in long_rows if row["number"] == "3"} == {"3000.50"}


@pytest.mark.parametrize("dashboard_format", [DashboardFormat.csv, DashboardFormat.json])
def test_the_report_table_carries_them(
    with_spend: FinishedRun, tmp_path: Path, dashboard_format: DashboardFormat
) -> None:
    output = tmp_path / f"suppliers.{dashboard_format.value}"
    write_dashboard(with_spend.store, output, dashboard_format, None)
    text = output.read_text(encoding="utf-8")
    rows = (
        list(csv.DictReader(io.StringIO(text)))
        if dashboard_format is DashboardFormat.csv
        else json.loads(text)
    )
    assert list(rows[0])[-len(INPUT_COLUMNS) :] == [f"input.{c}" for c in INPUT_COLUMNS]
    assert [row["input.Spend GBP"] for row in rows] == [f"{1000 * n}.50" for n in range(1, 7)]


def test_an_old_store_exports_without_input_columns_and_stays_version_1(
    with_spend: FinishedRun, tmp_path: Path
) -> None:
    old = old_store(with_spend, tmp_path)
    rows = list(csv.DictReader(io.StringIO(exported(old, ExportFormat.csv))))
    # Same columns in the same order (the mandatory criteria read from a report), none of input.
    assert list(rows[0]) == wide_header()
    assert len(rows) == SPEND_ITEMS
    with sqlite3.connect(old) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1  # only a writer migrates
    with ResultStore.open(old):  # the batch's own open, to write: migrated
        pass
    with sqlite3.connect(old) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert "input_row" in {r[1] for r in db.execute("PRAGMA table_info(results)")}


def test_an_old_store_that_cannot_be_written_is_read_as_it_is(
    with_spend: FinishedRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = old_store(with_spend, tmp_path)
    # As root every file is writable, so say it is not: the store is then opened immutable.
    monkeypatch.setattr(store_module, "_writable", lambda path: False)
    rows = read_store(old)
    assert len(rows) == SPEND_ITEMS and not any(k.startswith("input.") for k in rows[0])
    with sqlite3.connect(old) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1  # not touched


def test_a_later_run_with_a_new_column_adds_it_at_the_end(tmp_path: Path) -> None:
    with ResultStore.open(tmp_path / "store.sqlite") as results:
        results.add_input_columns(["name", "url"])
        results.add_input_columns(["name", "Spend GBP", "url"])
        assert results.input_columns() == ["name", "url", "Spend GBP"]
        results.forget_results()  # a store started again forgets them with its rows
        assert results.input_columns() == []
