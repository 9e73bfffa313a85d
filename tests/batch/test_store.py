"""The results store: WAL, one row per key however often an item is written, clear errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from msa_check.batch.items import BatchItem, ItemFailure, ItemOutcome
from msa_check.batch.store import ResultStore
from msa_check.errors import UsageError


def outcome(key: str, ok: bool) -> ItemOutcome:
    item = BatchItem(key=key, number=1, locations=("https://a.example",), name="A")
    if ok:
        return ItemOutcome(item, report={"source": {}, "rule_sets": []})
    return ItemOutcome(item, failure=ItemFailure("FetchError", "HTTP 404 Not Found", 3))


def test_a_key_written_twice_is_one_row_holding_the_latest_result(tmp_path: Path) -> None:
    with ResultStore.open(tmp_path / "r.sqlite") as store:
        run = store.start_run("0", [], "list", {})
        store.record(outcome("1:a", ok=False), run)
        store.record(outcome("1:a", ok=True), run)
        [row] = store.results()
    assert (row.status, row.error_class, row.report) == (
        "checked", None, {"source": {}, "rule_sets": []},
    )  # fmt: skip


def test_the_store_is_in_wal_mode_with_a_unique_key(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite"
    ResultStore.open(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with pytest.raises(sqlite3.IntegrityError):
        for _ in range(2):
            db.execute("INSERT INTO results (key, number, location, item, status, run_id,"
                       " finished_at) VALUES ('k', 1, 'l', '{}', 'failed', 1, 'now')")  # fmt: skip
    db.close()


def test_a_file_that_is_not_a_store_is_a_usage_error(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(UsageError, match="not an msa-check results store"):
        ResultStore.open(other)
    text = tmp_path / "notes.txt"
    text.write_text("hello " * 100)
    with pytest.raises(UsageError, match="not a usable results store"):
        ResultStore.open(text)
    with pytest.raises(UsageError, match="no results store at"):
        ResultStore.open(tmp_path / "missing.sqlite", create=False)


def test_reading_a_store_never_waits_for_the_lock_a_run_writes_under(tmp_path: Path) -> None:
    """serve polls a store while its batch writes: a reader must not need the write lock.

    A reader that set the journal mode took that lock, and racing the run for the store it
    had just made failed one of them with "database is locked" past busy_timeout. Here the
    run holds a write transaction on a store not yet in WAL mode (as in its first moments):
    a reader that asks for the lock to change the journal mode fails at once.
    """
    path = tmp_path / "r.sqlite"
    with ResultStore.open(path) as store:
        store.start_run("0", [], "list", {})
    run = sqlite3.connect(path, isolation_level=None)
    run.execute("PRAGMA journal_mode = DELETE")
    run.execute("BEGIN IMMEDIATE")  # the write lock, held as a run's transaction holds it
    run.execute("UPDATE runs SET outcome = 'writing'")
    try:
        with ResultStore.open(path, create=False) as reader:
            assert len(reader.runs()) == 1 and reader.count() == 0
    finally:
        run.execute("ROLLBACK")
    assert run.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # left as it was
    run.close()
