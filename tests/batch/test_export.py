"""Exports: the pinned columns, each shape in each format, and read_store for notebooks."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from msa_check.batch import iter_store_rows, read_store
from msa_check.batch.export import Shape
from msa_check.batch.export_formats import ExportFormat, export_store, export_to
from msa_check.batch.export_rows import metadata_cells
from msa_check.batch.store import ResultStore
from msa_check.batch.suppliers import supplier_rows
from msa_check.errors import UsageError
from tests.batch.conftest import ITEMS, FinishedRun

# The documented columns and their order (docs/batch.md): identity, outcome, mandatory
# verdicts, scores, metadata, every criterion, the input's own columns. Never rename or drop.
IDENTITY_COLUMNS = [
    "key", "number", "input_name", "input_id", "location", "final_url", "organisation",
    "identifiers", "statement_year", "statement_year_source",
]  # fmt: skip
OUTCOME_COLUMNS = [
    "rating", "overall_status", "status_criteria", "mandatory_met", "status", "error_class",
    "error", "exit_code",
]  # fmt: skip
METADATA_COLUMNS = [
    "period", "period_start", "period_end", "period_exact", "approved_by", "approved_by_board",
    "approval_date", "signatories", "signed_by_director", "signature_date", "statement_date",
    "flags", "alerts", "language", "document_kind", "page_count", "word_count", "http_status",
    "sha256", "fetched_at", "registry_claimed_not_found", "registry_found_not_claimed",
]  # fmt: skip
STATEMENT_METADATA_COLUMNS = [
    "identifiers", "period_start", "period_end", "period_exact", "approved_by",
    "approved_by_board", "approval_date", "signatories", "signed_by_director", "signature_date",
    "statement_date", "page_count", "language", "flags", "overall_status", "status_criteria",
]  # fmt: skip
DOCS = Path(__file__).resolve().parents[2] / "docs" / "batch.md"
UK_MANDATORY = ["steps_taken", "approval", "signature", "homepage_link"]
UK_CRITERIA = [
    "steps_taken", "approval", "signature", "financial_year", "homepage_link", "structure",
    "policies", "due_diligence", "risk", "effectiveness", "training",
]  # fmt: skip
LONG_COLUMNS = [
    "key", "number", "input_name", "input_id", "location", "status", "rule_set", "criterion",
    "mandatory", "verdict", "confidence", "probability", "registry_claimed", "evidence_index",
    "sentence",
    "page", "section", "evidence_status", "matched", "strength", "error_class", "error",
]  # fmt: skip


def exported(store: Path, output_format: ExportFormat, shape: Shape) -> str:
    stream = io.StringIO()
    export_store(store, stream, output_format, shape)
    return stream.getvalue()


def wide_header(input_columns: Sequence[str] = ()) -> list[str]:
    mandatory = [f"uk-msa-s54.{c}.verdict" for c in UK_MANDATORY]
    fields = ("verdict", "confidence", "probability")
    criteria = [f"uk-msa-s54.{c}.{f}" for c in UK_CRITERIA for f in fields]
    return [
        *IDENTITY_COLUMNS, *OUTCOME_COLUMNS, *mandatory, "uk-msa-s54.score", *METADATA_COLUMNS,
        *(c for c in criteria if c not in mandatory), *(f"input.{c}" for c in input_columns),
    ]  # fmt: skip


def test_the_wide_csv_has_the_pinned_columns_and_a_row_per_item(two_hundred: FinishedRun) -> None:
    rows = list(
        csv.DictReader(io.StringIO(exported(two_hundred.store, ExportFormat.csv, Shape.wide)))
    )
    assert list(rows[0]) == wide_header()  # a text list has no input columns
    assert len(rows) == ITEMS
    assert {row["status"] for row in rows} == {"checked", "failed"}
    failed = next(row for row in rows if row["status"] == "failed")
    assert failed["error"] and not failed["sha256"]
    assert failed["rating"] in ("could not be read", "no statement found")
    checked = [row for row in rows if row["status"] == "checked"]
    assert {row["rating"] for row in checked} <= {
        "meets the law", "meets the law, weak content", "meets what was checked", "out of date",
        "does not meet the law",
    }  # fmt: skip


def test_the_long_csv_has_a_row_per_evidence_sentence_and_one_per_failure(
    two_hundred: FinishedRun,
) -> None:
    text = exported(two_hundred.store, ExportFormat.csv, Shape.long)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == LONG_COLUMNS
    assert sum(1 for row in rows if row["status"] == "failed") == 40
    checked = [row for row in rows if row["status"] == "checked"]
    assert {row["criterion"] for row in checked} == set(UK_CRITERIA)
    with_evidence = [row for row in checked if row["sentence"]]
    assert with_evidence and all(row["evidence_status"] for row in with_evidence)
    keys = {row["key"] for row in checked}
    assert len(keys) == 160  # every checked item has at least one row per criterion


def test_json_lines_carry_typed_values(two_hundred: FinishedRun) -> None:
    lines = exported(two_hundred.store, ExportFormat.jsonl, Shape.wide).splitlines()
    assert len(lines) == ITEMS
    first = json.loads(lines[0])
    assert list(first) == wide_header()
    assert isinstance(first["number"], int) and isinstance(first["mandatory_met"], bool)
    long_lines = exported(two_hundred.store, ExportFormat.jsonl, Shape.long).splitlines()
    assert list(json.loads(long_lines[0])) == LONG_COLUMNS


@pytest.mark.parametrize("shape", list(Shape))
def test_an_xlsx_workbook_has_the_same_header_and_rows(
    two_hundred: FinishedRun, tmp_path: Path, shape: Shape
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    output = tmp_path / f"{shape.value}.xlsx"
    count = export_to(two_hundred.store, output, ExportFormat.xlsx, shape, sys.stdout)
    workbook = openpyxl.load_workbook(output, read_only=True)
    rows = list(workbook[shape.value].iter_rows(values_only=True))
    workbook.close()  # a read-only workbook keeps its file open until closed
    assert len(rows) == 1 + count
    expected = next(csv.reader(io.StringIO(exported(two_hundred.store, ExportFormat.csv, shape))))
    assert list(rows[0]) == expected


def test_xlsx_without_openpyxl_or_without_an_output_file_is_a_clear_error(
    two_hundred: FinishedRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(UsageError, match=r"binary format: give an output path FILE\.xlsx"):
        export_to(two_hundred.store, None, ExportFormat.xlsx, Shape.wide, sys.stdout)
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now fails
    output = tmp_path / "out.xlsx"
    with pytest.raises(UsageError, match=r"pip install 'msa-check\[xlsx\]'"):
        export_to(two_hundred.store, output, ExportFormat.xlsx, Shape.wide, sys.stdout)
    assert not output.exists()


def test_read_store_gives_a_list_of_dicts_or_a_dataframe(
    two_hundred: FinishedRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = read_store(two_hundred.store)
    assert isinstance(rows, list) and len(rows) == ITEMS
    assert list(rows[0]) == wide_header()
    assert len(read_store(two_hundred.store, shape="long")) > ITEMS
    with monkeypatch.context() as patch:
        patch.setitem(sys.modules, "pandas", None)
        with pytest.raises(ImportError, match=r"pip install 'msa-check\[pandas\]'"):
            read_store(two_hundred.store, as_dataframe=True)
    pytest.importorskip("pandas")
    frame = read_store(two_hundred.store, as_dataframe=True)
    assert frame.shape[0] == ITEMS
    assert list(frame.columns) == wide_header()


def test_iter_store_rows_streams_the_same_rows(two_hundred: FinishedRun, tmp_path: Path) -> None:
    streamed = iter_store_rows(two_hundred.store)
    assert not isinstance(streamed, list)
    first = next(streamed)
    assert first == read_store(two_hundred.store)[0]
    assert 1 + sum(1 for _ in streamed) == ITEMS
    with pytest.raises(UsageError, match="no results store"):
        iter_store_rows(tmp_path / "none.sqlite")  # at the call, not at the first row


def test_exporting_a_missing_store_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no results store"):
        export_store(tmp_path / "none.sqlite", io.StringIO(), ExportFormat.csv)


def test_the_wide_export_carries_the_statement_metadata_and_flags(
    two_hundred: FinishedRun,
) -> None:
    rows = list(
        csv.DictReader(io.StringIO(exported(two_hundred.store, ExportFormat.csv, Shape.wide)))
    )
    checked = [row for row in rows if row["status"] == "checked"]
    # Every statement states its year; about 70% state an approval and a signature.
    assert {(row["period_start"], row["period_end"]) for row in checked} == {
        ("2024-04-01", "2025-03-31")
    }
    approved = [row for row in checked if row["approved_by"]]
    assert len(checked) / 2 < len(approved) < len(checked)
    assert {row["approved_by"] for row in approved} == {"board of directors"}
    assert {(row["approved_by_board"], row["approval_date"]) for row in approved} == {
        ("true", "2025-06-12")
    }
    signed = [row for row in checked if row["signatories"]]
    assert signed and all(row["signatories"].endswith("(Director)") for row in signed)
    assert {row["signed_by_director"] for row in signed} == {"true"}
    assert {row["language"] for row in checked} == {"en"}
    assert not any("no_period" in row["flags"] for row in checked)
    failed = next(row for row in rows if row["status"] == "failed")
    assert failed["flags"] == "" and failed["period_end"] == ""


def test_the_export_s_year_is_the_dashboard_s_with_its_source(two_hundred: FinishedRun) -> None:
    # A list that is not the registry's: the year is the one the statement's period ends,
    # said so, as in the dashboard's table; blank (no source either) for a failed item.
    exported_rows = list(iter_store_rows(two_hundred.store))
    with ResultStore.open(two_hundred.store, create=False) as results:
        dashboard = list(supplier_rows(results.results(), "uk-msa-s54"))
    assert [(r["statement_year"], r["statement_year_source"]) for r in exported_rows] == [
        (row.statement_year, row.statement_year_source) for row in dashboard
    ]
    by_status = {
        (r["status"], r["statement_year"], r["statement_year_source"]) for r in exported_rows
    }
    assert by_status == {("checked", "2025", "period end"), ("failed", None, None)}


def _documented_columns(section: str) -> set[str]:
    """The columns named in the first cell of the column table under `section` of
    docs/batch.md (a cell may name several: "`page`, `section`")."""
    text = DOCS.read_text(encoding="utf-8").split(section, 1)[1].split("\n#", 1)[0]
    cells = (line.split("|")[1] for line in text.splitlines() if line.startswith("| `"))
    return {name for cell in cells for name in re.findall(r"`([^`]+)`", cell)}


def test_the_docs_describe_every_export_column() -> None:
    # A column added to the export (statement_year_source, say) needs its line in the docs.
    wide = _documented_columns("### Wide: one row per item")
    assert set(IDENTITY_COLUMNS + OUTCOME_COLUMNS + METADATA_COLUMNS) - wide == set()
    assert set(LONG_COLUMNS) - _documented_columns("### Long: one row per evidence") == set()


def test_a_report_stored_before_metadata_existed_exports_blank_metadata() -> None:
    cells = metadata_cells({"rule_sets": []})
    assert list(cells) == STATEMENT_METADATA_COLUMNS
    assert cells["flags"] == "" and cells["period_end"] is None
