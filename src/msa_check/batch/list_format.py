"""A supplier list's file as text: is it text at all, in what encoding, split at which
delimiter, and are its quotes closed. The other tables a batch reads (the list that
`--registry` gives URLs, the registry's CSV export) are read through `open_table`, so
they are taken in the same encodings and delimiters.

Each check refuses what would otherwise lose suppliers without a word: a PDF or an image
given as the list (every line of it a failed item), a header split at the wrong character
(no URL column found), a quote left open (Python's csv reads every line after it into one
cell, so a list of 300 suppliers becomes one).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from msa_check.errors import ExtractError, UsageError
from msa_check.extract.decode import bom_encoding
from msa_check.extract.sniff import describe_binary, is_blank, sniff_content
from msa_check.models import ContentKind
from msa_check.plurals import counted

ENCODING = "utf-8-sig"  # spreadsheets often start a UTF-8 CSV with a byte-order mark
# Excel's "Unicode Text" is UTF-16 with a byte-order mark; these codecs read and drop it.
_WIDE_ENCODINGS = {"utf-16-le": "utf-16", "utf-16-be": "utf-16", "utf-32-le": "utf-32",
                   "utf-32-be": "utf-32"}  # fmt: skip
_SNIFF_BYTES = 8192
DELIMITERS = {",": "a comma", ";": "a semicolon", "\t": "a tab", "|": "a bar (|)"}
_STATEMENT_KINDS = {ContentKind.PDF: "a PDF file", ContentKind.HTML: "an HTML page"}
_SPREADSHEETS = ("an Excel workbook (.xlsx)", "a legacy Microsoft Office file (.doc, .xls or .ppt)")


def list_encoding(path: Path, expected: str = "a supplier list") -> str | None:
    """The encoding to read the list in, None for an empty file; UsageError if it is not text
    (`expected`: what the file should have been, for the message)."""
    try:
        with path.open("rb") as stream:
            head = stream.read(_SNIFF_BYTES)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    bom = bom_encoding(head)
    if bom in _WIDE_ENCODINGS:
        return _WIDE_ENCODINGS[bom]
    if is_blank(head) and len(head) < _SNIFF_BYTES:
        return None
    what = _what_else(head)
    if what is not None:
        raise UsageError(f"{path} is not {expected}: it looks like {what} ({_hint(what)})")
    return ENCODING


def _what_else(head: bytes) -> str | None:
    """What the start of a file looks like if not a text list: "a PDF file", "a PNG image"."""
    try:
        kind = sniff_content(head)  # the same sniffing as `check` does on a statement's bytes
    except ExtractError:
        return describe_binary(head) or "binary data"
    return _STATEMENT_KINDS.get(kind)


def _hint(what: str) -> str:
    if what in _STATEMENT_KINDS.values():
        return "to check it as a statement, give it to `msa-check check`"
    if what in _SPREADSHEETS:
        return "save the sheet as CSV and give that file"
    return "a supplier list is a CSV with a URL column or a text file of URLs, one a line"


def first_line(path: Path, encoding: str) -> str:
    """The file's first line (a CSV's header), without its line break."""
    try:
        with path.open(encoding=encoding, errors="replace") as stream:
            return stream.readline().rstrip("\r\n")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc


@dataclass(frozen=True)
class TextTable:
    """A delimited text file as `open_table` found it: how to read it, and its header."""

    path: Path
    encoding: str
    delimiter: str
    header: list[str]  # as written; empty for an empty file

    def rows(self, one_line: frozenset[int] = frozenset()) -> Iterator[list[str]]:
        """Each row after the header, checked as a supplier list's are (see csv_rows)."""
        for _, row in csv_rows(self.path, self.encoding, self.delimiter, one_line):
            yield row


def open_table(
    path: Path, accepts: Callable[[list[str]], bool], expected: str = "a supplier list"
) -> TextTable:
    """A table in any encoding and delimiter a supplier list may have: the delimiter is the
    one whose header names `accepts` takes (see choose_delimiter). UsageError if the file
    is not text; an empty file is a table with no header and no rows, for the caller to
    refuse in its own words."""
    encoding = list_encoding(path, expected) or ENCODING
    delimiter, header = choose_delimiter(first_line(path, encoding), accepts)
    return TextTable(path, encoding, delimiter, header)


def choose_delimiter(line: str, has_urls: Callable[[list[str]], bool]) -> tuple[str, list[str]]:
    """The delimiter of a CSV's header `line` and the names it splits it into.

    The first delimiter, most frequent first, whose names `has_urls` accepts (so a
    semicolon or tab file just works); else the most frequent one, for the message.
    """
    present = sorted((d for d in DELIMITERS if d in line), key=line.count, reverse=True)
    for delimiter in present:
        names = split_line(line, delimiter)
        if has_urls(names):
            return delimiter, names
    delimiter = present[0] if present else ","
    return delimiter, split_line(line, delimiter)


def split_line(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [])


def describe_split(names: list[str], delimiter: str) -> str:
    """How a header line was split, for a message that shows the line as it is."""
    if len(names) > 1:
        return f"read as {len(names)} columns separated by {DELIMITERS[delimiter]}"
    *others, last = DELIMITERS.values()
    return f"read as one column: columns are separated by {', '.join(others)} or {last}"


def shown_line(line: str, limit: int = 200) -> str:
    """A line as it is, cut to `limit` characters, for a message."""
    return line if len(line) <= limit else line[:limit] + "..."


def csv_rows(
    path: Path, encoding: str, delimiter: str, one_line: frozenset[int]
) -> Iterator[tuple[int, list[str]]]:
    """Each row after the header, with the line it starts on.

    A row over several lines is a cell with line breaks in it: fine in a notes column, but
    a quote left open reads every following line into one cell. UsageError when such a
    row is not well-formed CSV read strictly, when a column in `one_line` (a URL, a name,
    an id: never over two lines) has a line break, or when the cell grows past csv's
    field limit (an open quote early in a long list).
    """
    with path.open(encoding=encoding, errors="replace", newline="") as stream:
        lines = _LinesTaken(stream)
        rows = csv.reader(lines, delimiter=delimiter)
        try:
            next(rows, None)  # the header
            lines.taken.clear()
            for row in rows:
                start = rows.line_num - len(lines.taken) + 1
                if len(lines.taken) > 1 and not _quotes_closed(
                    lines.taken, row, delimiter, one_line
                ):
                    raise _open_quote(path, start, len(lines.taken) - 1, delimiter)
                lines.taken.clear()
                yield start, row
        except csv.Error as exc:
            if len(lines.taken) > 1:  # inside a row over several lines: an open quote
                start = rows.line_num - len(lines.taken) + 1
                raise _open_quote(path, start, len(lines.taken) - 1, delimiter) from exc
            raise UsageError(f"{path}, line {rows.line_num}: not readable as CSV: {exc}") from exc


class _LinesTaken:
    """The lines of a stream, keeping those the csv reader has taken for the current row."""

    def __init__(self, stream: Iterable[str]) -> None:
        self.lines = iter(stream)
        self.taken: list[str] = []

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.taken.append(line)
        return line


def _quotes_closed(
    taken: list[str], row: list[str], delimiter: str, one_line: frozenset[int]
) -> bool:
    """Whether a row read from several lines is a quoted cell with line breaks, as meant."""
    try:
        for _ in csv.reader(taken, delimiter=delimiter, strict=True):
            pass
    except csv.Error:
        return False
    return not any(i < len(row) and ("\n" in row[i] or "\r" in row[i]) for i in one_line)


def _open_quote(path: Path, start: int, after: int, delimiter: str) -> UsageError:
    return UsageError(
        f'{path}, line {start}: a field opens with a quote (") that is not closed on that '
        f"line, so the {counted(after, 'line')} after it would be read into that one field and "
        "their suppliers lost; add the closing quote or remove the stray one (a cell with "
        f"{DELIMITERS[delimiter]} in it needs a quote at each end)"
    )
