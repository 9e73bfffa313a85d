"""Writing export rows as CSV, JSON lines, an .xlsx workbook or Parquet, and reading them.

Every writer streams: rows are read from the store one at a time and written as they come
(openpyxl in write-only mode, Parquet in row groups), so exporting 100,000 items costs
little memory. openpyxl, pyarrow and pandas are optional extras, imported only when asked
for.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import IO, Any

from msa_check.batch.export import Row, Shape, columns, layout_of
from msa_check.batch.export_rows import rows
from msa_check.batch.export_xlsx import import_openpyxl, starts_like_formula, write_xlsx
from msa_check.batch.store import ResultStore
from msa_check.errors import SETTING, Setting, UsageError


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    xlsx = "xlsx"
    parquet = "parquet"


BINARY_FORMATS = frozenset({ExportFormat.xlsx, ExportFormat.parquet})
OUTPUT_SETTINGS = {
    ExportFormat.xlsx: Setting.OUTPUT_FILE,
    ExportFormat.parquet: Setting.OUTPUT_PARQUET,
}


def export_to(
    store: Path, output: Path | None, output_format: ExportFormat, shape: Shape, stdout: IO[str]
) -> int:
    """Export `store` to the file `output`, or to `stdout` when None; the rows written.

    Everything that can fail early (the store, the format's extra, a binary format on
    stdout) is checked before the output file is created.
    """
    if output_format is ExportFormat.xlsx:
        import_openpyxl()
    if output_format is ExportFormat.parquet:
        from msa_check.batch.export_parquet import import_pyarrow

        import_pyarrow()
    if output_format in BINARY_FORMATS and output is None:
        raise UsageError(
            f"{output_format.value} is a binary format: give {SETTING}",
            setting=OUTPUT_SETTINGS[output_format],
        )
    if output is not None and output.exists() and output.resolve() == store.resolve():
        raise UsageError(f"{output} is the results store itself: export to another file")
    with ResultStore.open(store, create=False) as results:
        if output is None:
            return _write(results, stdout, output_format, shape)
        return _write_file(results, output, output_format, shape)


def _write_file(
    results: ResultStore, output: Path, output_format: ExportFormat, shape: Shape
) -> int:
    """Write to a temporary file beside `output`, then rename: a failure leaves no half file."""
    mode = "wb" if output_format in BINARY_FORMATS else "w"
    partial = output.with_name(f".{output.name}.partial")
    try:
        with partial.open(mode, **({} if "b" in mode else _TEXT)) as stream:
            count = _write(results, stream, output_format, shape)
        partial.replace(output)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return count


_TEXT: dict[str, Any] = {"encoding": "utf-8", "newline": ""}


def export_store(
    store: Path, stream: IO[Any], output_format: ExportFormat, shape: Shape = Shape.wide
) -> int:
    """Write every result of `store` to `stream` (text for csv/jsonl, binary otherwise)."""
    with ResultStore.open(store, create=False) as results:
        return _write(results, stream, output_format, shape)


def _write(results: ResultStore, stream: IO[Any], output_format: ExportFormat, shape: Shape) -> int:
    layout = layout_of(results)
    names = columns(shape, layout)
    found = rows(results.results(), shape, layout)
    if output_format is ExportFormat.csv:
        return write_csv(stream, names, found)
    if output_format is ExportFormat.jsonl:
        return write_jsonl(stream, names, found)
    if output_format is ExportFormat.parquet:
        from msa_check.batch.export_parquet import write_parquet

        return write_parquet(stream, names, found)
    from msa_check.batch.export_summary import export_summary

    return write_xlsx(
        stream, names, found, title=shape.value, summary=lambda: export_summary(results, layout)
    )


def csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        if starts_like_formula(value):
            value = "'" + value  # the OWASP practice: a leading quote makes it text
        # The writer quotes a field with a line feed but not one with a bare carriage
        # return, which would then end the row early in every reader.
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def write_csv(stream: IO[str], names: list[str], found: Iterable[Row]) -> int:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(names)
    count = 0
    for row in found:
        writer.writerow([csv_cell(row.get(name)) for name in names])
        count += 1
    return count


def write_jsonl(stream: IO[str], names: list[str], found: Iterable[Row]) -> int:
    count = 0
    for row in found:
        stream.write(json.dumps({name: row.get(name) for name in names}, ensure_ascii=False))
        stream.write("\n")
        count += 1
    return count


def read_store(path: str | Path, as_dataframe: bool = False, shape: str = "wide") -> Any:
    """The results of a store as a list of dicts, one per row, or a pandas DataFrame.

    `shape` is "wide" (one row per item) or "long" (one per evidence sentence); the
    columns are those of `msa-check export`. Every row is read into memory: for a large
    store, iterate with `iter_store_rows`, or export to Parquet and read it in batches.
    A DataFrame needs pandas (pip install 'msa-check[pandas]'); without it this raises
    ImportError saying so.
    """
    chosen = Shape(shape)
    if not as_dataframe:
        return list(iter_store_rows(path, chosen.value))
    try:
        import pandas
    except ImportError as exc:
        raise ImportError(
            "read_store(..., as_dataframe=True) needs pandas: pip install 'msa-check[pandas]', "
            "or call read_store(path) for plain dicts"
        ) from exc
    with ResultStore.open(Path(path), create=False) as results:
        layout = layout_of(results)
        names = columns(chosen, layout)
        return pandas.DataFrame(list(rows(results.results(), chosen, layout)), columns=names)


def iter_store_rows(path: str | Path, shape: str = "wide") -> Iterator[Row]:
    """The results of a store as dicts, read one row at a time: memory stays flat for a
    store of any size. The store is open until the iterator is exhausted or closed."""
    chosen = Shape(shape)
    results = ResultStore.open(Path(path), create=False)  # now: a missing store fails here
    return _iter_rows(results, chosen)


def _iter_rows(results: ResultStore, shape: Shape) -> Iterator[Row]:
    with results:
        layout = layout_of(results)
        names = columns(shape, layout)
        for row in rows(results.results(), shape, layout):
            yield {name: row.get(name) for name in names}
