"""`msa-check export --format parquet`: the CSV's columns with real types, in row groups."""

from __future__ import annotations

import csv
import io
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from msa_check.batch.export import Shape
from msa_check.batch.export_formats import ExportFormat, export_store, export_to
from msa_check.batch.export_parquet import write_parquet
from msa_check.cli import app
from msa_check.errors import UsageError
from tests.batch.conftest import SPEND_ITEMS, FinishedRun

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


@pytest.fixture(scope="module")
def parquet_path(with_spend: FinishedRun, tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("parquet") / "suppliers.parquet"
    export_to(with_spend.store, output, ExportFormat.parquet, Shape.wide, sys.stdout)
    return output


def test_the_columns_are_the_csv_columns_with_their_types(
    parquet_path: Path, with_spend: FinishedRun
) -> None:
    stream = io.StringIO()
    export_store(with_spend.store, stream, ExportFormat.csv, Shape.wide)
    expected = next(csv.reader(io.StringIO(stream.getvalue())))
    schema = pq.read_schema(parquet_path)
    assert schema.names == expected
    types = {name: schema.field(name).type for name in schema.names}
    assert types["number"] == pa.int64() and types["word_count"] == pa.int64()
    assert types["mandatory_met"] == pa.bool_() and types["period_exact"] == pa.bool_()
    assert types["period_end"] == pa.date32() and types["approval_date"] == pa.date32()
    assert types["fetched_at"] == pa.timestamp("ms", tz="UTC")
    assert types["uk-msa-s54.approval.confidence"] == pa.float64()
    assert types["uk-msa-s54.score"] == pa.float64()
    assert types["rating"] == pa.string() and types["input.Spend GBP"] == pa.string()


def test_the_values_read_back(parquet_path: Path) -> None:
    table = pq.read_table(parquet_path)
    assert table.num_rows == SPEND_ITEMS
    rows = table.to_pylist()
    assert rows[0]["period_end"] == date(2025, 3, 31) and rows[0]["number"] == 1
    assert rows[0]["input.Spend GBP"] == "1000.50" and rows[1]["input.Notes"] == "=1+1"
    failed = rows[4]
    assert failed["status"] == "failed" and failed["mandatory_met"] is None
    assert failed["fetched_at"] is None and failed["input.Company number"] == "09999905"


def test_rows_are_written_in_row_groups(tmp_path: Path) -> None:
    names = ["number", "period_end", "input.Spend GBP"]
    rows = ({"number": n, "period_end": "2025-03", "input.Spend GBP": str(n)} for n in range(25))
    output = tmp_path / "groups.parquet"
    with output.open("wb") as stream:
        assert write_parquet(stream, names, rows, row_group_rows=10) == 25
    metadata = pq.ParquetFile(output).metadata
    assert [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)] == [10, 10, 5]
    assert pq.read_table(output).column("period_end")[0].as_py() == date(2025, 3, 1)


def test_pandas_reads_it_batch_by_batch(parquet_path: Path) -> None:
    pytest.importorskip("pandas")
    batches = pq.ParquetFile(parquet_path).iter_batches(batch_size=4, columns=["rating"])
    sizes = [batch.to_pandas().shape[0] for batch in batches]
    assert sizes == [4, 2]


def test_without_pyarrow_or_an_output_file_it_is_a_clear_usage_error(
    with_spend: FinishedRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(UsageError, match=r"parquet is a binary format: give an output path"):
        export_to(with_spend.store, None, ExportFormat.parquet, Shape.wide, sys.stdout)
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now fails
    output = tmp_path / "out.parquet"
    runner = CliRunner()
    result = runner.invoke(
        app, ["export", str(with_spend.store), "--format", "parquet", "-o", str(output)]
    )
    assert result.exit_code == 2
    assert "pip install 'msa-check[parquet]'" in result.output
    assert "Traceback" not in result.output and not output.exists()


def test_the_long_shape_is_typed_too(with_spend: FinishedRun, tmp_path: Path) -> None:
    output = tmp_path / "long.parquet"
    count = export_to(with_spend.store, output, ExportFormat.parquet, Shape.long, sys.stdout)
    table = pq.read_table(output)
    assert table.num_rows == count > SPEND_ITEMS
    types = {field.name: field.type for field in table.schema}
    assert types["page"] == pa.int64() and types["strength"] == pa.float64()
    assert types["mandatory"] == pa.bool_() and types["sentence"] == pa.string()
    assert table.schema.names[-1] == "input.column 8"
