"""A supplier list's progress, read from its store: a store that cannot be read says so.

A list's page once showed any store error as "0 of N done", so a damaged store looked
like a run that had not begun. Only a store not made yet, or made a moment ago and not
yet set up by its run, reads as nothing done.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from starlette.testclient import TestClient

from msa_check.batch.store import ResultStore
from msa_check.cli.exits import SETTING_FLAGS
from msa_check.serve.batches import STORE_NAME, BatchJobs
from msa_check.serve.records import write_record
from tests.serve.conftest import settings

TOTAL = 3


def new_list(jobs: BatchJobs) -> tuple[str, Path]:
    """A list of TOTAL suppliers whose run has not started: its id and its store's path."""
    folder = jobs.folder_for_new()
    request = {"id": folder.name, "created": "2026-12-07T13:00:00+00:00",
               "shown_name": "suppliers.csv", "input": "suppliers.csv",
               "rules": ["uk-msa-s54"], "total": TOTAL}  # fmt: skip
    write_record(folder / "request.json", request)
    return folder.name, folder / STORE_NAME


def jobs_under(tmp_path: Path) -> BatchJobs:
    return BatchJobs(tmp_path / "store", settings(), SETTING_FLAGS)


def test_a_store_not_made_or_not_yet_set_up_reads_as_nothing_done(tmp_path: Path) -> None:
    jobs = jobs_under(tmp_path)
    batch_id, store = new_list(jobs)
    for _ in ("no file yet", "an empty file, as SQLite makes it"):
        view = jobs.view(batch_id)
        assert view is not None
        assert (view.progress.done, view.store_problem) == (0, None)
        sqlite3.connect(store).close()


def test_a_file_that_is_no_database_is_named_with_what_failed(tmp_path: Path) -> None:
    jobs = jobs_under(tmp_path)
    batch_id, store = new_list(jobs)
    store.write_bytes(b"not a database " * 500)
    view = jobs.view(batch_id)
    assert view is not None and view.store_problem is not None
    assert str(store) in view.store_problem
    assert "not a database" in view.store_problem


def test_a_store_missing_its_results_table_is_named_with_what_failed(tmp_path: Path) -> None:
    jobs = jobs_under(tmp_path)
    batch_id, store = new_list(jobs)
    with ResultStore.open(store) as results:
        results.start_run("0", [], "suppliers.csv", {})
    db = sqlite3.connect(store)
    db.execute("DROP TABLE results")
    db.commit()
    db.close()
    view = jobs.view(batch_id)
    assert view is not None and view.store_problem is not None
    assert str(store) in view.store_problem and "no such table: results" in view.store_problem


def test_the_list_page_and_past_checks_show_the_store_problem(
    make_client: Callable[..., TestClient], tmp_path: Path
) -> None:
    client = make_client()  # before the list exists: the server does not resume it
    jobs = client.app.state.web.batches  # type: ignore[attr-defined]
    batch_id, store = new_list(jobs)
    store.write_bytes(b"not a database " * 500)
    page = client.get(f"/batches/{batch_id}").text
    assert "The progress of this list cannot be read from its results store" in page
    assert str(store) in page
    past = client.get("/past").text
    assert "progress cannot be read" in past and str(store) in past


def test_a_store_locked_past_the_wait_is_named_with_what_failed(tmp_path: Path) -> None:
    jobs = jobs_under(tmp_path)
    batch_id, store = new_list(jobs)
    with ResultStore.open(store) as results:
        results.start_run("0", [], "suppliers.csv", {})
    holder = sqlite3.connect(store, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")  # no WAL: a writer's lock shuts readers out
    holder.execute("BEGIN EXCLUSIVE")
    try:
        view = jobs.view(batch_id)  # waits the store's busy_timeout (5 s), then gives up
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert view is not None and view.store_problem is not None
    assert str(store) in view.store_problem and "database is locked" in view.store_problem
