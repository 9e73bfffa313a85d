"""Supplier lists in: a CSV with a URL column, a text file of URLs, a folder, the registry.

`open_input` decides what the input is and checks it before anything is fetched: the file
exists and is text (batch/list_format.py), a CSV has a URL column under one of its
delimiters and no quote left open, and at least one row names a URL or a path.
`BatchInput.items()` then streams its items, reading one row or line at a time, so a list
of any length costs the same memory.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import NoReturn

from msa_check.batch.items import BatchItem
from msa_check.batch.list_format import (
    ENCODING,
    choose_delimiter,
    csv_rows,
    describe_split,
    first_line,
    list_encoding,
    shown_line,
)
from msa_check.batch.registry import KEPT_COLUMNS, claims_from_row, is_registry_header
from msa_check.errors import SETTING, Setting, UsageError


def normalise(column: str) -> str:
    """`StatementURL`, `statement_url` and `Statement URL` all become `statementurl`."""
    return re.sub(r"[^a-z0-9]", "", column.lower())


# The column names looked for, as the README and the error messages show them, in order of
# preference; a header matches them normalised (any case, spaces and underscores ignored).
STATEMENT_NAMES = ("statement_url", "url", "pdf_url")  # every one present is tried, in order
HOMEPAGE_NAMES = ("website", "homepage")  # a location only when no statement column is
STATEMENT_COLUMNS = tuple(normalise(name) for name in STATEMENT_NAMES)
HOMEPAGE_COLUMNS = tuple(normalise(name) for name in HOMEPAGE_NAMES)
NAME_COLUMNS = (
    "organisationname", "name", "suppliername", "companyname",
    "organisation", "organization", "company", "supplier",
)  # fmt: skip
ID_COLUMNS = ("id", "supplierid", "companynumber", "statementid", "companyid", "organisationid")
COMMENT = "#"


def url_column_names() -> str:
    """The URL columns looked for, as a message or the README names them."""
    *first, last = STATEMENT_NAMES + HOMEPAGE_NAMES
    return f"{', '.join(first)} or {last}"


class InputKind(str, Enum):
    CSV = "csv"
    REGISTRY = "registry"  # the UK registry's CSV export: a CSV with claims to cross-check
    LIST = "list"  # one URL or path a line
    FOLDER = "folder"


@dataclass(frozen=True)
class CsvLayout:
    """Which columns of a CSV hold what: indices into each row."""

    delimiter: str
    header: tuple[str, ...]  # normalised
    locations: tuple[int, ...]
    name: int | None
    input_id: int | None
    homepage: int | None = None  # beside a statement column: where to check its link
    columns: tuple[str, ...] = ()  # the header as written, made unique (input_columns)


@dataclass(frozen=True)
class BatchInput:
    path: Path
    kind: InputKind
    layout: CsvLayout | None = None
    exclude: frozenset[Path] = frozenset()
    encoding: str = ENCODING

    def items(self) -> Iterator[BatchItem]:
        """The items, read lazily in input order."""
        if self.kind is InputKind.FOLDER:
            return _folder_items(self.path, self.exclude)
        if self.layout is not None:
            registry = self.kind is InputKind.REGISTRY
            return _csv_items(self.path, self.encoding, self.layout, registry)
        return _list_items(self.path, self.encoding)

    def count(self) -> int:
        """How many items there are, by reading the input once more (streamed)."""
        return sum(1 for _ in self.items())

    def columns(self) -> tuple[str, ...]:
        """The input's own column names as written, each once; none for a list or a folder."""
        return self.layout.columns if self.layout is not None else ()

    def describe(self) -> str:
        if self.layout is None:
            return f"{self.kind.value} {self.path}"
        columns = ", ".join(self.layout.header[i] for i in self.layout.locations)
        return f"{self.kind.value} {self.path} (locations from {columns})"


def open_input(
    path: Path, *, url_column: str | None = None, exclude: Collection[Path] = ()
) -> BatchInput:
    """Work out what `path` is; raise UsageError if it cannot be a supplier list.

    A file is read through once here, so a list that would lose suppliers (not text, a
    quote left open, no suppliers at all) is refused before anything is fetched.
    """
    if path.is_dir():
        return BatchInput(path, InputKind.FOLDER, exclude=frozenset(p.resolve() for p in exclude))
    if not path.is_file():
        raise UsageError(f"no input at {path}: give a CSV, a text file of URLs or a folder")
    encoding = list_encoding(path)
    if encoding is None:
        raise UsageError(f"{path}: no suppliers in the list: the file is empty")
    header_line = first_line(path, encoding)
    delimiter, written = choose_delimiter(
        header_line, lambda names: bool(_location_columns(_normalised(names), url_column))
    )
    header = _normalised(written)
    looks_csv = path.suffix.lower() in (".csv", ".tsv") or url_column is not None
    if looks_csv or _location_columns(header, None):
        layout = _layout(path, header_line, written, delimiter, url_column)
        kind = InputKind.REGISTRY if is_registry_header(header) else InputKind.CSV
        batch_input = BatchInput(path, kind, layout, encoding=encoding)
    else:
        batch_input = BatchInput(path, InputKind.LIST, encoding=encoding)
    _check_not_empty(batch_input, header_line)
    return batch_input


def _normalised(names: list[str]) -> tuple[str, ...]:
    return tuple(normalise(name) for name in names)


def _check_not_empty(batch_input: BatchInput, header_line: str) -> None:
    """Read every row of a CSV (a quote left open is found on the way), a list up to its
    first URL; UsageError if there is no supplier: no row, or no row that names a URL or
    a path (every item would fail). Some rows without one are failed items, each naming
    its own number and line."""
    layout = batch_input.layout
    if layout is not None:
        rows = located = 0
        for item in batch_input.items():
            rows += 1
            located += bool(item.locations)
        if located:
            return
        if rows:
            detail = f"no row gives a URL or a path ({_column_names(layout)})"
        else:
            detail = f'a header ("{shown_line(header_line)}") and no rows'
    elif next(batch_input.items(), None) is not None:
        return
    else:
        detail = "no line names a URL or a path (blank lines and lines starting with # are skipped)"
    raise UsageError(f"{batch_input.path}: no suppliers in the list: {detail}")


def _column_names(layout: CsvLayout) -> str:
    """The location columns as the header writes them: "column url", "columns a or b"."""
    *first, last = (layout.columns[i] for i in layout.locations)
    return f"columns {', '.join(first)} or {last}" if first else f"column {last}"


def input_columns(written: list[str]) -> tuple[str, ...]:
    """The header's names as written, stripped; a blank one becomes `column N` and a repeated
    one `Notes (2)`, so every cell of a row keeps a name of its own in the exports."""
    names: list[str] = []
    for position, name in enumerate(written, start=1):
        base = name.strip() or f"column {position}"
        unique, copy = base, 1
        while unique in names:
            copy += 1
            unique = f"{base} ({copy})"
        names.append(unique)
    return tuple(names)


def _layout(
    path: Path, header_line: str, written: list[str], delimiter: str, url_column: str | None
) -> CsvLayout:
    header = _normalised(written)
    locations = _location_columns(header, url_column)
    if not locations:
        _no_url_column(path, header_line, written, delimiter, url_column)
    return CsvLayout(
        delimiter=delimiter,
        header=header,
        locations=locations,
        name=_first_of(header, NAME_COLUMNS),
        input_id=_first_of(header, ID_COLUMNS),
        homepage=_homepage_column(header, locations),
        columns=input_columns(written),
    )


def _no_url_column(
    path: Path, header_line: str, written: list[str], delimiter: str, url_column: str | None
) -> NoReturn:
    """The header as it is and how it was split, so a wrong delimiter shows."""
    if url_column:
        wanted = f"no column {url_column!r}"
    else:
        wanted = f"no URL column ({url_column_names()}, in any case)"
    raise UsageError(
        f'{path}: {wanted} in the header "{shown_line(header_line)}" '
        f"({describe_split(written, delimiter)}); "
        f"name the column with {SETTING}",
        setting=Setting.URL_COLUMN,
    )


def _homepage_column(header: tuple[str, ...], locations: tuple[int, ...]) -> int | None:
    homepage = _first_of(header, HOMEPAGE_COLUMNS)
    return None if homepage in locations else homepage


def _location_columns(header: tuple[str, ...], url_column: str | None) -> tuple[int, ...]:
    if url_column is not None:
        wanted = normalise(url_column)
        return tuple(i for i, name in enumerate(header) if name == wanted)[:1]
    found = tuple(header.index(c) for c in STATEMENT_COLUMNS if c in header)
    return found or tuple(header.index(c) for c in HOMEPAGE_COLUMNS if c in header)


def _first_of(header: tuple[str, ...], names: tuple[str, ...]) -> int | None:
    return next((header.index(n) for n in names if n in header), None)


def _csv_items(path: Path, encoding: str, layout: CsvLayout, registry: bool) -> Iterator[BatchItem]:
    one_line = frozenset(
        i
        for i in (*layout.locations, layout.name, layout.input_id, layout.homepage)
        if i is not None
    )
    number = 0
    for line, row in csv_rows(path, encoding, layout.delimiter, one_line):
        if not any(cell.strip() for cell in row):
            continue  # a blank line is no supplier
        number += 1
        yield _csv_item(number, line, row, layout, registry)


def _csv_item(
    number: int, line: int, row: list[str], layout: CsvLayout, registry: bool
) -> BatchItem:
    def cell(index: int | None) -> str | None:
        value = row[index].strip() if index is not None and index < len(row) else ""
        return value or None

    found = (cell(i) for i in layout.locations)
    locations = tuple(dict.fromkeys(loc for loc in found if loc))
    claims = extra = None
    if registry:
        by_name = dict(zip(layout.header, row, strict=False))
        claims = claims_from_row(by_name)
        extra = {label: by_name.get(col, "").strip() for col, label in KEPT_COLUMNS.items()}
    return BatchItem(
        key=f"{number}:{locations[0] if locations else ''}",
        number=number,
        locations=locations,
        name=cell(layout.name),
        input_id=cell(layout.input_id),
        claims=claims,
        extra={k: v for k, v in (extra or {}).items() if v},
        homepage=cell(layout.homepage),
        # A short row leaves its last cells blank; cells past the header have no column.
        input_row={name: row[i] if i < len(row) else "" for i, name in enumerate(layout.columns)},
        line=line,
    )


def _list_items(path: Path, encoding: str) -> Iterator[BatchItem]:
    with path.open(encoding=encoding, errors="replace") as stream:
        for number, line in enumerate(stream, start=1):
            location = line.strip()
            if location and not location.startswith(COMMENT):
                yield BatchItem(
                    key=f"{number}:{location}", number=number, locations=(location,), line=number
                )


def _folder_items(folder: Path, exclude: frozenset[Path]) -> Iterator[BatchItem]:
    """Every file under `folder` that is not hidden, in sorted order at each level."""
    number = 0
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith(".") or path.resolve() in exclude:
                continue
            number += 1
            relative = path.relative_to(folder).as_posix()
            yield BatchItem(key=relative, number=number, locations=(str(path),))
