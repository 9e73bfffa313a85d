"""The results store's SQLite file: its schema and versions, and how each side opens it.

Only the batch that writes a store opens it to write: it sets WAL mode and makes the
schema, or migrates an older version. Everything else that reads a store (export, the
dashboard, serve's progress reader) opens it read-only and reads an older version as it
is: a reader that migrated wrote to a store a batch may be writing, and waited for the
write lock that batch holds until SQLite gave up with "database is locked".
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from msa_check.errors import UsageError

# 2 added results.input_row. A version 1 store is migrated by the batch that writes it,
# and read as it is (without input columns) by everything else.
SCHEMA_VERSION = 2
READABLE_VERSIONS = frozenset({1, SCHEMA_VERSION})
CHECKED = "checked"
FAILED = "failed"

_SCHEMA = f"""
BEGIN;
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    outcome TEXT,
    tool_version TEXT NOT NULL,
    rule_sets TEXT NOT NULL,
    input TEXT NOT NULL,
    options TEXT NOT NULL,
    counts TEXT
);
CREATE TABLE IF NOT EXISTS results (
    key TEXT PRIMARY KEY,
    number INTEGER NOT NULL,
    input_name TEXT,
    input_id TEXT,
    location TEXT NOT NULL,
    item TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('{CHECKED}', '{FAILED}')),
    report TEXT,
    error_class TEXT,
    error_message TEXT,
    exit_code INTEGER,
    run_id INTEGER NOT NULL REFERENCES runs (id),
    finished_at TEXT NOT NULL,
    input_row TEXT
);
CREATE INDEX IF NOT EXISTS results_order ON results (number, key);
PRAGMA user_version = {SCHEMA_VERSION};
COMMIT;
"""

_MIGRATE_FROM_1 = """
BEGIN;
ALTER TABLE results ADD COLUMN input_row TEXT;
PRAGMA user_version = 2;
COMMIT;
"""


class StoreNotReady(UsageError):
    """A store SQLite has made (an empty database) that its run has not yet set up."""


class StoreError(UsageError):
    """The store cannot be read or written: a full disk, a damaged file. Finished rows stay."""


def store_error(path: Path, exc: sqlite3.Error) -> StoreError:
    """The StoreError for an SQLite failure on the store at `path`, with what to do next."""
    text = str(exc)
    if "full" in text:
        return StoreError(
            f"cannot write to the results store {path}: the disk is full. Every result "
            "stored so far is kept: free some space and run the same command again to resume"
        )
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
        return StoreError(
            f"the results store {path} is damaged ({text}): results stored so far may be "
            "lost; run the batch again with another store, or restore a copy"
        )
    return StoreError(
        f"the results store {path} failed ({text}); run the same command again to resume"
    )


def open_connection(path: Path, create: bool) -> sqlite3.Connection:
    """The store at `path`, to write (made or migrated) with `create`, else read-only."""
    if not create and not path.is_file():
        raise UsageError(f"no results store at {path}")
    try:
        db = _connect(path, create)
    except sqlite3.Error as exc:
        raise UsageError(f"cannot open the results store {path}: {exc}") from exc
    try:
        _prepare(db, path, create)
    except (sqlite3.Error, UsageError) as exc:
        db.close()
        if isinstance(exc, UsageError):
            raise
        raise UsageError(f"{path} is not a usable results store: {exc}") from exc
    return db


def _writable(path: Path) -> bool:
    # WAL mode writes -wal and -shm files beside the store, so the folder must be writable too.
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _connect(path: Path, create: bool) -> sqlite3.Connection:
    if create:
        return sqlite3.connect(path, isolation_level=None)  # autocommit: each write is atomic
    # Read-only: SQLite refuses every write, and the reader takes only read locks, which
    # a batch writing in WAL mode never waits for, nor makes a reader wait for.
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not _writable(path):
        # A store on a read-only mount or in a read-only folder can still be exported: opened
        # immutable, SQLite needs neither a lock nor the -shm file it could not create there.
        uri += "&immutable=1"
    return sqlite3.connect(uri, uri=True, isolation_level=None)


def _prepare(db: sqlite3.Connection, path: Path, create: bool) -> None:
    db.execute("PRAGMA busy_timeout = 5000")
    if create:
        # Only the run that writes the store sets its journal mode (kept in the file). A
        # reader that set it too would race the run for the store it has just made: two
        # connections turning one file to WAL each hold a read lock and want the write
        # lock, and SQLite fails one at once ("database is locked"), past busy_timeout.
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
    version = db.execute("PRAGMA user_version").fetchone()[0]
    empty = not db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if version == 0 and empty and create:
        db.executescript(_SCHEMA)  # one transaction: all of the schema or none
    elif version == 0 and empty:
        raise StoreNotReady(
            f"{path} holds no results yet: an empty database, as a batch's store is for a "
            "moment when the batch starts"
        )
    elif version not in READABLE_VERSIONS:
        raise UsageError(f"{path} is not an msa-check results store")
    elif version == 1 and create:
        db.executescript(_MIGRATE_FROM_1)  # one transaction: old rows get no input row
