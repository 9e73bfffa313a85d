"""Find a supplier's statement in the UK Modern Slavery Statement Registry's published CSV.

The registry's yearly export has one row per organisation and year (columns as published:
`OrganisationName`, `CompanyNumber`, `StatementYear`, `StatementURL`, `PDFURL`,
`StatementSummaryURL`, `GroupSubmission`, `ParentName`, `LastUpdated`, ...). A group
statement appears once for each organisation it covers, with the group's `ParentName` and
the same statement, so a subsidiary is found under its own name or number.

The CSV can be large (tens of thousands of rows a year, several years in one file), so it
is read once, streamed, into an SQLite index beside it (`FILE.csv.msa-index.sqlite`),
rebuilt when the CSV changes. A look-up is by UK company number (exact), else by name: the
exact name after normalising (case, punctuation, "Ltd"/"Limited"/"plc" and the like), else
the closest names that share a word with it, scored by difflib's ratio. Each match says how
it was found and how sure it is; the newest statement year wins for an organisation.
Giving a whole supplier list its URLs from the index is batch/registry_resolve.py.
"""

from __future__ import annotations

import difflib
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from msa_check.batch.inputs import normalise
from msa_check.batch.list_format import open_table
from msa_check.errors import UsageError

INDEX_SUFFIX = ".msa-index.sqlite"
INDEX_VERSION = "1"
LIKELY = 0.9  # a fuzzy score at or above this is reported as a likely match
POSSIBLE = 0.75  # below this a name is no match at all
CONTAINED = 0.8  # the score of a name that contains every word of the query
MAX_CANDIDATES = 2000  # names sharing the rarest word, scored one by one
_SUFFIXES = re.compile(
    r"\b(?:ltd|limited|plc|llp|lp|llc|inc|incorporated|corp|corporation|co|company|"
    r"group|holdings?|uk|gb|the|and)\b"
)
_NUMBER = re.compile(r"^(?:[A-Za-z]{2}\d{6}|\d{1,8})$")


@dataclass(frozen=True)
class RegistryMatch:
    name: str
    company_number: str | None
    year: str | None
    statement_url: str | None  # the statement as the organisation gave it
    pdf_url: str | None  # the registry's own copy
    summary_url: str | None
    parent_name: str | None  # for a group statement: the group that published it
    how: str  # "company number", "exact name" or "similar name"
    score: float  # 1.0 for number and exact name; the name similarity otherwise

    @property
    def url(self) -> str | None:
        """What to check: the statement's own URL, else the registry's PDF."""
        return self.statement_url or self.pdf_url

    @property
    def sureness(self) -> str:
        if self.score >= 1.0:
            return "certain"
        return "likely" if self.score >= LIKELY else "possible"


def normalise_name(name: str) -> str:
    text = re.sub(r"[^a-z0-9 ]+", " ", name.lower().replace("&", " and "))
    return " ".join(_SUFFIXES.sub(" ", text).split())


def normalise_number(value: str) -> str | None:
    text = re.sub(r"\s+", "", value or "").upper()
    if not _NUMBER.match(text):
        return None
    return text.zfill(8) if text.isdigit() else text


class RegistryIndex:
    """An SQLite index of one registry CSV; build with `open`, query with `find`."""

    def __init__(self, db: sqlite3.Connection, source: Path) -> None:
        self._db = db
        self.source = source

    @classmethod
    def open(cls, csv_path: Path) -> RegistryIndex:
        if not csv_path.is_file():
            raise UsageError(f"no registry file at {csv_path}: give the registry's CSV export")
        index_path = csv_path.with_name(csv_path.name + INDEX_SUFFIX)
        stat = csv_path.stat()
        stamp = f"{INDEX_VERSION}:{stat.st_size}:{stat.st_mtime_ns}"
        db = sqlite3.connect(index_path)
        db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
        row = db.execute("SELECT value FROM meta WHERE name = 'stamp'").fetchone()
        if row is None or row[0] != stamp:
            _build(db, csv_path)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (stamp,))
            db.commit()
        return cls(db, csv_path)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> RegistryIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def find(self, query: str, limit: int = 5) -> list[RegistryMatch]:
        """The best matches for a company number or a name, surest first."""
        number = normalise_number(query)
        if number is not None:
            rows = self._newest("company_number = ?", (number,))
            return [_match(row, "company number", 1.0) for row in rows[:limit]]
        key = normalise_name(query)
        if not key:
            return []
        exact = self._newest("name_key = ?", (key,))
        if exact:
            return [_match(row, "exact name", 1.0) for row in exact[:limit]]
        scored = []
        words = set(key.split())
        for row in self._candidates(key):
            score = difflib.SequenceMatcher(None, key, row["name_key"]).ratio()
            if words <= set(row["name_key"].split()):
                # Every word given is in the name ("Northwind" for "Northwind Components"):
                # a possible match for a person to judge, never used unattended.
                score = max(score, CONTAINED)
            if score >= POSSIBLE:
                scored.append((score, row))
        scored.sort(key=lambda item: (-item[0], -int(item[1]["year"] or 0)))
        seen: set[str] = set()
        matches = []
        for score, row in scored:
            if row["name_key"] in seen:
                continue  # an older year of an organisation already matched
            seen.add(row["name_key"])
            matches.append(_match(row, "similar name", round(score, 3)))
        return matches[:limit]

    def _newest(self, where: str, args: tuple[str, ...]) -> list[sqlite3.Row]:
        self._db.row_factory = sqlite3.Row
        rows = self._db.execute(
            f"SELECT * FROM statements WHERE {where} "
            "ORDER BY CAST(year AS INTEGER) DESC, last_updated DESC",
            args,
        ).fetchall()
        newest: dict[str, sqlite3.Row] = {}
        for row in rows:
            newest.setdefault(row["name_key"] + "|" + (row["company_number"] or ""), row)
        return list(newest.values())

    def _candidates(self, key: str) -> Iterator[sqlite3.Row]:
        self._db.row_factory = sqlite3.Row
        words = key.split()
        counts = [
            (self._db.execute("SELECT COUNT(*) FROM words WHERE word = ?", (w,)).fetchone()[0], w)
            for w in words
        ]
        present = [c for c in counts if c[0] > 0]
        if not present:
            return
        _, rarest = min(present)
        yield from self._db.execute(
            "SELECT s.* FROM words w JOIN statements s ON s.rowid = w.statement "
            "WHERE w.word = ? LIMIT ?",
            (rarest, MAX_CANDIDATES),
        )


COLUMNS = {
    "organisationname": "name",
    "companynumber": "company_number",
    "statementyear": "year",
    "statementurl": "statement_url",
    "pdfurl": "pdf_url",
    "statementsummaryurl": "summary_url",
    "parentname": "parent_name",
    "lastupdated": "last_updated",
}


def _names_organisations(header: list[str]) -> bool:
    return "organisationname" in (normalise(name) for name in header)


def _build(db: sqlite3.Connection, csv_path: Path) -> None:
    db.executescript(
        """
        DROP TABLE IF EXISTS statements; DROP TABLE IF EXISTS words;
        CREATE TABLE statements (name TEXT, name_key TEXT, company_number TEXT, year TEXT,
            statement_url TEXT, pdf_url TEXT, summary_url TEXT, parent_name TEXT,
            last_updated TEXT);
        CREATE TABLE words (word TEXT, statement INTEGER);
        """
    )
    # Read as a supplier list is (batch/list_format.py): an export opened and saved again in
    # a spreadsheet may have semicolons or tabs between columns, or be UTF-16 with a BOM.
    table = open_table(csv_path, _names_organisations, "the registry's CSV export")
    header = [normalise(h) for h in table.header]
    if "organisationname" not in header:
        raise UsageError(
            f"{csv_path} is not the registry's CSV export: it has no OrganisationName column"
        )
    where = {field: header.index(col) for col, field in COLUMNS.items() if col in header}
    for row in table.rows():
        values = {f: (row[i].strip() if i < len(row) else "") for f, i in where.items()}
        name = values.get("name", "")
        if not name:
            continue
        key = normalise_name(name)
        cursor = db.execute(
            "INSERT INTO statements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                name, key, normalise_number(values.get("company_number", "")),
                values.get("year") or None, values.get("statement_url") or None,
                values.get("pdf_url") or None, values.get("summary_url") or None,
                values.get("parent_name") or None, values.get("last_updated") or None,
            ),
        )  # fmt: skip
        db.executemany(
            "INSERT INTO words VALUES (?, ?)",
            [(word, cursor.lastrowid) for word in set(key.split())],
        )
    db.executescript(
        """
        CREATE INDEX statements_number ON statements (company_number);
        CREATE INDEX statements_key ON statements (name_key);
        CREATE INDEX words_word ON words (word);
        """
    )


def _match(row: sqlite3.Row, how: str, score: float) -> RegistryMatch:
    return RegistryMatch(
        name=row["name"],
        company_number=row["company_number"],
        year=row["year"],
        statement_url=row["statement_url"],
        pdf_url=row["pdf_url"],
        summary_url=row["summary_url"],
        parent_name=row["parent_name"],
        how=how,
        score=score,
    )
