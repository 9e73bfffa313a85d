"""The Parquet export: the CSV's columns with real types, written in row groups.

Each column's kind (export.column_kind) gives its Arrow type: text as string, counts as
int64, confidences and scores as float64, booleans as bool, dates as date32 and
`fetched_at` as a UTC timestamp. A date stated without its day ("June 2025", "2025")
becomes the first day it covers; the CSV and JSON lines keep it as written. Rows are
gathered `ROW_GROUP_ROWS` at a time and written as one row group, so memory does not grow
with the store. pyarrow is an optional extra (`pip install 'msa-check[parquet]'`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timezone
from typing import IO, Any

from msa_check.batch.export import ColumnKind, Row, column_kind, import_format_extra
from msa_check.batch.export_xlsx import parse_iso_date, parse_iso_datetime

ROW_GROUP_ROWS = 5_000  # a row group of the wide shape is a few MB in memory


def import_pyarrow() -> Any:
    return import_format_extra("parquet", "pyarrow", "pyarrow.parquet")


def arrow_schema(names: Sequence[str]) -> Any:
    pa = import_pyarrow()
    types = {
        ColumnKind.TEXT: pa.string(),
        ColumnKind.INTEGER: pa.int64(),
        ColumnKind.NUMBER: pa.float64(),
        ColumnKind.BOOLEAN: pa.bool_(),
        ColumnKind.DATE: pa.date32(),
        ColumnKind.DATETIME: pa.timestamp("ms", tz="UTC"),  # Parquet has no whole-second unit
    }
    return pa.schema([pa.field(name, types[column_kind(name)]) for name in names])


def write_parquet(
    stream: IO[bytes], names: Sequence[str], found: Iterable[Row], row_group_rows: int = 0
) -> int:
    """Write `found` to `stream` as one Parquet file; the number of rows written."""
    pa = import_pyarrow()
    schema = arrow_schema(names)
    kinds = [column_kind(name) for name in names]
    size = row_group_rows or ROW_GROUP_ROWS
    count = 0
    with pa.parquet.ParquetWriter(stream, schema, compression="zstd") as writer:
        batch: list[list[object]] = [[] for _ in names]
        for row in found:
            for values, name, kind in zip(batch, names, kinds, strict=True):
                values.append(typed_value(kind, row.get(name)))
            count += 1
            if count % size == 0:
                writer.write_table(_table(pa, batch, schema))
                batch = [[] for _ in names]
        if batch[0] or count == 0:  # an empty store still gets a file with its columns
            writer.write_table(_table(pa, batch, schema))
    return count


def _table(pa: Any, batch: list[list[object]], schema: Any) -> Any:
    arrays = [
        pa.array(values, type=field.type) for values, field in zip(batch, schema, strict=True)
    ]
    return pa.Table.from_arrays(arrays, schema=schema)


def typed_value(kind: ColumnKind, value: object) -> object:
    """`value` as Arrow takes it for a column of `kind`; None stays None (null)."""
    if value is None or (value == "" and kind is not ColumnKind.TEXT):
        return None
    if kind is ColumnKind.TEXT:
        return value if isinstance(value, str) else str(value)  # e.g. a registry year
    if kind is ColumnKind.DATE and isinstance(value, str):
        return parse_iso_date(value)
    if kind is ColumnKind.DATETIME and isinstance(value, str):
        moment = parse_iso_datetime(value)  # read as the xlsx export reads it: naive UTC
        return moment.replace(tzinfo=timezone.utc) if moment else None
    return value
