"""The results store: one SQLite file, one row per item, written as each item finishes.

SQLite in WAL mode with synchronous=NORMAL: each item is one atomic statement, so a
process killed at any moment (kill -9) leaves every row it committed intact and none
half-written; only a power cut may roll back the last few commits, never corrupt the
file. The key is the primary key and writes are upserts, so nothing duplicates.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from msa_check.batch.items import ItemOutcome, JsonObject
from msa_check.batch.store_file import (
    CHECKED,
    FAILED,
    SCHEMA_VERSION,
    StoreError,
    StoreNotReady,
    open_connection,
    store_error,
)

F = TypeVar("F", bound=Callable[..., Any])
# The file's schema and errors are store_file's; these are imported from here too.
__all__ = [
    "CHECKED", "FAILED", "SCHEMA_VERSION", "ResultStore", "StoreError", "StoreNotReady",
    "StoredResult", "now", "store_error",
]  # fmt: skip

_UPSERT = """
INSERT INTO results (key, number, input_name, input_id, location, item, status, report,
                     error_class, error_message, exit_code, run_id, finished_at, input_row)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (key) DO UPDATE SET
    number = excluded.number, input_name = excluded.input_name,
    input_id = excluded.input_id, location = excluded.location, item = excluded.item,
    status = excluded.status, report = excluded.report, error_class = excluded.error_class,
    error_message = excluded.error_message, exit_code = excluded.exit_code,
    run_id = excluded.run_id, finished_at = excluded.finished_at,
    input_row = excluded.input_row
"""


@dataclass(frozen=True)
class StoredResult:
    """One row of the store, with its JSON columns decoded."""

    key: str
    number: int
    input_name: str | None
    input_id: str | None
    location: str
    item: JsonObject  # locations, claims, extra
    status: str  # "checked" or "failed"
    report: JsonObject | None
    error_class: str | None
    error_message: str | None
    exit_code: int | None
    run_id: int
    finished_at: str
    # The input row's cells by column name (BatchItem.input_row); empty for a text list, a
    # folder, or a result stored before input rows were kept.
    input_row: dict[str, str] = field(default_factory=dict)


def _store_errors(method: F) -> F:
    """Report an SQLite failure in `method` as a StoreError naming the store."""

    @wraps(method)
    def guarded(self: ResultStore, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise store_error(self.path, exc) from exc

    return guarded  # type: ignore[return-value]


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class ResultStore:
    """An open store. Use it from one thread; close it (or use `with`) when done."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection
        # A version 1 store opened to read has no input_row column to select.
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        self._input_row_column = "input_row" if version >= 2 else "NULL"

    @classmethod
    def open(cls, path: Path, *, create: bool = True) -> ResultStore:
        """Open the store at `path`; UsageError if it cannot be.

        With `create` (the batch that writes it) the store is made, or migrated from an
        older version; without it, opened read-only: nothing a reader does can write.
        """
        return cls(path, open_connection(path, create))

    def __enter__(self) -> ResultStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # Metadata: the rule sets the results were made with, and one row per run.

    @_store_errors
    def rule_sets(self) -> list[JsonObject]:
        row = self._db.execute("SELECT value FROM meta WHERE name = 'rule_sets'").fetchone()
        return list(json.loads(row[0])) if row else []

    @_store_errors
    def set_rule_sets(self, rule_sets: Sequence[JsonObject]) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO meta (name, value) VALUES ('rule_sets', ?)",
            (json.dumps(list(rule_sets)),),
        )

    @_store_errors
    def forget_results(self) -> None:
        """Delete every stored result: they were made with rules no longer in use."""
        self._db.execute("DELETE FROM results")
        self._db.execute("DELETE FROM meta WHERE name = 'input_columns'")

    @_store_errors
    def input_columns(self) -> list[str]:
        """The input's own column names over every run, in first-seen order (export order)."""
        row = self._db.execute("SELECT value FROM meta WHERE name = 'input_columns'").fetchone()
        return [str(name) for name in json.loads(row[0])] if row else []

    @_store_errors
    def add_input_columns(self, names: Sequence[str]) -> None:
        """Remember a run's input columns; those of earlier runs stay, new ones go last."""
        known = self.input_columns()
        wanted = known + [name for name in names if name not in known]
        if wanted != known:
            self._db.execute(
                "INSERT OR REPLACE INTO meta (name, value) VALUES ('input_columns', ?)",
                (json.dumps(wanted, ensure_ascii=False),),
            )

    @_store_errors
    def start_run(
        self, tool_version: str, rule_sets: Sequence[JsonObject], source: str, options: JsonObject
    ) -> int:
        cursor = self._db.execute(
            "INSERT INTO runs (started_at, tool_version, rule_sets, input, options)"
            " VALUES (?, ?, ?, ?, ?)",
            (now(), tool_version, json.dumps(list(rule_sets)), source, json.dumps(options)),
        )
        return int(cursor.lastrowid or 0)

    @_store_errors
    def finish_run(self, run_id: int, outcome: str, counts: dict[str, int]) -> None:
        self._db.execute(
            "UPDATE runs SET finished_at = ?, outcome = ?, counts = ? WHERE id = ?",
            (now(), outcome, json.dumps(counts), run_id),
        )

    @_store_errors
    def runs(self) -> list[JsonObject]:
        cursor = self._db.execute("SELECT * FROM runs ORDER BY id")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    # Results.

    @_store_errors
    def status_of(self, key: str) -> str | None:
        row = self._db.execute("SELECT status FROM results WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    @_store_errors
    def error_class_of(self, key: str) -> str | None:
        """The error's class of a failed item's stored result; None for any other item."""
        row = self._db.execute("SELECT error_class FROM results WHERE key = ?", (key,)).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    @_store_errors
    def record(self, outcome: ItemOutcome, run_id: int) -> None:
        """Store one finished item, replacing any earlier result with its key."""
        item, failure = outcome.item, outcome.failure
        details = {"locations": list(item.locations), "claims": item.claims, "extra": item.extra}
        report = None if outcome.report is None else json.dumps(outcome.report, ensure_ascii=False)
        input_row = json.dumps(item.input_row, ensure_ascii=False) if item.input_row else None
        self._db.execute(
            _UPSERT,
            (
                item.key, item.number, item.name, item.input_id, item.location,
                json.dumps(details, ensure_ascii=False), CHECKED if outcome.ok else FAILED,
                report, failure and failure.error_class, failure and failure.message,
                failure and failure.exit_code, run_id, now(), input_row,
            ),
        )  # fmt: skip

    def results(self) -> Iterator[StoredResult]:
        """Every result in input order, read row by row."""
        cursor = self._execute_read(
            "SELECT key, number, input_name, input_id, location, item, status, report,"
            " error_class, error_message, exit_code, run_id, finished_at,"
            f" {self._input_row_column} FROM results ORDER BY number, key"
        )
        try:
            for row in cursor:
                yield _stored(row)
        except sqlite3.Error as exc:  # a damaged page is found only when it is read
            raise store_error(self.path, exc) from exc

    @_store_errors
    def _execute_read(self, sql: str) -> sqlite3.Cursor:
        return self._db.execute(sql)

    @_store_errors
    def first_report(self) -> JsonObject | None:
        """The report of the first checked item (in input order), or None if there is none."""
        row = self._db.execute(
            "SELECT report FROM results WHERE report IS NOT NULL ORDER BY number, key LIMIT 1"
        ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    @_store_errors
    def status_counts(self, run_id: int | None = None) -> dict[str, int]:
        """How many results are checked and failed, in all or only those of run `run_id`."""
        sql = "SELECT status, count(*) FROM results"
        where = ("", ()) if run_id is None else (" WHERE run_id = ?", (run_id,))
        rows = self._db.execute(sql + where[0] + " GROUP BY status", where[1]).fetchall()
        return {CHECKED: 0, FAILED: 0, **{str(status): int(n) for status, n in rows}}

    @_store_errors
    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM results").fetchone()[0])


def _stored(row: tuple[Any, ...]) -> StoredResult:
    return StoredResult(
        key=row[0],
        number=row[1],
        input_name=row[2],
        input_id=row[3],
        location=row[4],
        item=json.loads(row[5]),
        status=row[6],
        report=None if row[7] is None else json.loads(row[7]),
        error_class=row[8],
        error_message=row[9],
        exit_code=row[10],
        run_id=row[11],
        finished_at=row[12],
        input_row={} if row[13] is None else dict(json.loads(row[13])),
    )
