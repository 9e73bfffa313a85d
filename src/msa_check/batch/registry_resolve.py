"""Give each row of a supplier list its statement URL from the registry's index.

Apart from the index (batch/registry_lookup.py), which answers one look-up, because this
reads and writes a supplier list's CSV: which columns hold a row's own URL, company number
and name, and the columns added so a reader can check each match. The list is read as
`msa-check batch` reads any list (batch/list_format.py: a comma, semicolon, tab or bar
between columns; UTF-8, or UTF-16 with a byte-order mark; a Windows-1252 file is still
read, its accents replaced), and written as a UTF-8 CSV with commas, which the batch then
reads.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from msa_check.batch.inputs import HOMEPAGE_COLUMNS, NAME_COLUMNS, STATEMENT_COLUMNS, normalise
from msa_check.batch.list_format import open_table
from msa_check.batch.registry_lookup import LIKELY, RegistryIndex, RegistryMatch, normalise_number
from msa_check.errors import UsageError

# Columns of a supplier list the resolver reads (normalised), in order of preference: the
# batch input's own name and URL columns, and the ways a company number column is headed.
LIST_NUMBER_COLUMNS = ("companynumber", "companieshousenumber", "registrationnumber", "crn")
LIST_URL_COLUMNS = (*STATEMENT_COLUMNS, *HOMEPAGE_COLUMNS)
ADDED_COLUMNS = (
    "registry_url", "registry_name", "registry_company_number", "registry_year",
    "registry_parent", "registry_how", "registry_score",
)  # fmt: skip


@dataclass(frozen=True)
class Resolution:
    rows: int
    found: int  # rows given a URL by the registry
    kept: int  # rows that already had a URL
    not_found: tuple[str, ...]  # what was looked up and not found


def resolve_supplier_list(source: Path, index: RegistryIndex, output: Path) -> Resolution:
    """Write `source` to `output` with each row's statement URL from the registry.

    Every input column is kept; the registry's answer is added (`registry_url`, the matched
    name, number, year, group parent, how it was found and its score), so a reader can
    check each match. A row with its own URL keeps it. The batch reads `registry_url`.
    """
    table = open_table(source, lambda names: _ListColumns.find(names).can_look_up)
    header = table.header
    columns = _ListColumns.of(header, source)
    rows = found = kept = 0
    missing: list[str] = []
    with output.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([*header, *ADDED_COLUMNS])
        for row in table.rows(columns.one_line):
            if not any(cell.strip() for cell in row):
                continue
            rows += 1
            own_url, number, name = columns.cells(row)
            added = [""] * len(ADDED_COLUMNS)
            if own_url:
                kept += 1
                added[0], added[5] = own_url, "input"  # registry_url, registry_how
            else:
                match = _best(index, number, name)
                if match is None or match.url is None:
                    missing.append(number or name)
                else:
                    found += 1
                    added = _match_cells(match)
            writer.writerow([*row, *added])
    return Resolution(rows, found, kept, tuple(missing))


@dataclass(frozen=True)
class _ListColumns:
    """Where a supplier list has its own URL, the company number and the name (or None)."""

    url: int | None
    number: int | None
    name: int | None

    @classmethod
    def find(cls, header: list[str]) -> _ListColumns:
        normal = [normalise(h) for h in header]

        def first(names: tuple[str, ...]) -> int | None:
            return next((normal.index(n) for n in names if n in normal), None)

        return cls(first(LIST_URL_COLUMNS), first(LIST_NUMBER_COLUMNS), first(NAME_COLUMNS))

    @property
    def can_look_up(self) -> bool:
        """Whether there is a name or a company number to look up in the registry."""
        return self.name is not None or self.number is not None

    @property
    def one_line(self) -> frozenset[int]:
        """The columns never over two lines (a URL, a number, a name): one with a line
        break in it is a quote left open (batch/list_format.py's csv_rows)."""
        return frozenset(i for i in (self.url, self.number, self.name) if i is not None)

    @classmethod
    def of(cls, header: list[str], source: Path) -> _ListColumns:
        """The columns of `header`; UsageError when it has nothing to look up."""
        columns = cls.find(header)
        if not columns.can_look_up:
            raise UsageError(
                f"{source}: no name or company number column to look up in the registry "
                f"(header: {', '.join(header) or 'empty'})"
            )
        return columns

    def cells(self, row: list[str]) -> tuple[str, str, str]:
        """The row's own URL, company number and name, stripped ("" where it has none)."""

        def cell(at: int | None) -> str:
            return row[at].strip() if at is not None and at < len(row) else ""

        return cell(self.url), cell(self.number), cell(self.name)


def _match_cells(match: RegistryMatch) -> list[str]:
    """The ADDED_COLUMNS of a row the registry gave a URL."""
    return [
        match.url or "", match.name, match.company_number or "", match.year or "",
        match.parent_name or "", match.how, f"{match.score:g}",
    ]  # fmt: skip


def _best(index: RegistryIndex, number: str, name: str) -> RegistryMatch | None:
    """By number when there is one (exact), else by name; a name match under LIKELY is
    not used for a batch (it is listed by `registry find` for a person to judge)."""
    if number and normalise_number(number):
        matches = index.find(number, limit=1)
        if matches:
            return matches[0]
    if name:
        matches = index.find(name, limit=1)
        if matches and matches[0].score >= LIKELY:
            return matches[0]
    return None
