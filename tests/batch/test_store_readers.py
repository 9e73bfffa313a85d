"""Readers of a store never write to it: export, the dashboard and serve's progress reader.

A reader that migrated a version 1 store wrote to it, and took the write lock a running
batch holds: it waited, then failed "database is locked". Readers open the store
read-only and read a version 1 store as version 1; only `msa-check batch` migrates it.
"""

from __future__ import annotations

import hashlib
import io
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from msa_check.batch import read_store
from msa_check.batch.export import Shape
from msa_check.batch.export_formats import ExportFormat, export_store
from msa_check.batch.store import ResultStore, StoreError
from msa_check.batch.summary import summarise_store
from msa_check.report.dashboard_output import DashboardFormat, write_dashboard
from msa_check.serve.batch_progress import read_store_state
from tests.batch.conftest import SPEND_ITEMS, FinishedRun, old_store

# Well under the store's 5 s busy_timeout: a reader that waited for the lock is too slow.
PROMPT_SECONDS = 2.0


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def each_reader(store: Path, folder: Path) -> Iterator[tuple[str, Callable[[], object]]]:
    """Every way msa-check reads a store, each by name."""
    yield "export", lambda: export_store(store, io.StringIO(), ExportFormat.csv, Shape.long)
    yield "read_store", lambda: read_store(store)
    yield "summary", lambda: summarise_store(store)
    yield "dashboard", lambda: write_dashboard(store, folder / "d.csv", DashboardFormat.csv, None)
    yield "serve progress", lambda: read_store_state(store)


def test_reading_an_old_store_leaves_it_byte_for_byte_as_it_was(
    with_spend: FinishedRun, tmp_path: Path
) -> None:
    old = old_store(with_spend, tmp_path)
    before = digest(old)
    for name, read in each_reader(old, tmp_path):
        read()
        assert digest(old) == before, f"{name} changed the store"
    assert len(read_store(old)) == SPEND_ITEMS
    assert read_store_state(old).counts["run"] == SPEND_ITEMS
    with sqlite3.connect(old) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1


@pytest.mark.parametrize("version", [1, 2])
def test_a_reader_works_while_a_batch_holds_the_write_lock(
    with_spend: FinishedRun, tmp_path: Path, version: int
) -> None:
    store = old_store(with_spend, tmp_path) if version == 1 else tmp_path / "current.sqlite"
    if version == 2:
        store.write_bytes(with_spend.store.read_bytes())
    writer = sqlite3.connect(store, isolation_level=None)
    writer.execute("PRAGMA journal_mode = WAL")  # as `msa-check batch` writes it
    writer.execute("BEGIN IMMEDIATE")  # the write lock, as a batch's write holds it
    writer.execute("UPDATE runs SET outcome = 'writing'")
    try:
        for name, read in each_reader(store, tmp_path):
            started = time.monotonic()
            read()
            assert time.monotonic() - started < PROMPT_SECONDS, f"{name} waited for the lock"
        assert read_store_state(store).problem is None
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_store_opened_to_read_refuses_every_write(
    with_spend: FinishedRun, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(with_spend.store.read_bytes())
    with (
        ResultStore.open(copy, create=False) as results,
        pytest.raises(StoreError, match="readonly"),
    ):
        results.forget_results()
    assert len(read_store(copy)) == SPEND_ITEMS
