"""A worker process that dies is replaced; the item that kills it twice fails, the rest finish."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

import msa_check.batch.executor as executor_module
from msa_check.batch import read_store, run_batch
from msa_check.batch.executor import LocalExecutor, LocalSettings
from msa_check.batch.inputs import open_input
from msa_check.batch.items import ItemFailure, ItemOutcome, JsonObject
from msa_check.batch.process_pool import WorkerDied
from msa_check.batch.store import ResultStore
from msa_check.batch.work import analyse_fetched, failure_of
from msa_check.check_options import CheckOptions
from msa_check.errors import ExitCode, FetchError
from msa_check.fetch import FetchOptions, LocatedStatement

KILLER = b"KILL-THIS-WORKER"


def statements_with_a_killer(folder: Path, count: int) -> Path:
    """A folder of `count` short statements; the fourth (s3.txt) carries the KILLER mark."""
    folder.mkdir()
    for number in range(count):
        text = f"Modern slavery statement {number}. We audit our suppliers every year."
        (folder / f"s{number}.txt").write_text(text, encoding="utf-8")
    (folder / "s3.txt").write_bytes(b"Modern slavery statement. " + KILLER)
    return folder


def analyse_or_die(located: LocatedStatement) -> JsonObject | ItemFailure:
    """Runs in the worker process (found there by module name): dies on the marked item."""
    if KILLER in located.source.content:
        os.kill(os.getpid(), signal.SIGKILL)
    return analyse_fetched(located)


def test_a_killed_worker_is_replaced_and_only_its_item_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = statements_with_a_killer(tmp_path / "statements", 10)
    monkeypatch.setattr(executor_module, "analyse_fetched", analyse_or_die)
    executor = LocalExecutor(
        LocalSettings(CheckOptions(rules=("uk-msa-s54",)), FetchOptions(), workers=2)
    )
    run = run_batch(folder, tmp_path / "store.sqlite", executor=executor)
    assert (run.counts.checked, run.counts.failed) == (9, 1)
    rows = {Path(row["location"]).name: row for row in read_store(tmp_path / "store.sqlite")}
    killed = rows["s3.txt"]
    assert killed["status"] == "failed" and killed["error_class"] == "WorkerDied"
    assert "died 2 times while checking this item, the second time with no other" in killed["error"]
    assert killed["exit_code"] == ExitCode.SOURCE
    assert all(rows[f"s{n}.txt"]["status"] == "checked" for n in (0, 1, 2, 4, 5, 6, 7, 8, 9))


def test_retry_failed_leaves_an_item_that_killed_its_worker(tmp_path: Path) -> None:
    """--retry-failed redoes failures but not WorkerDied; --retry-worker-deaths redoes those.

    The two failures are stored by hand (a WorkerDied row as the test above shows it is
    written), so no process need die here; each retried item is harmless and is checked.
    """
    folder = tmp_path / "statements"
    folder.mkdir()
    for name in ("died", "missing", "fine"):
        text = f"Modern slavery statement of {name}. We audit our suppliers every year."
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    store = tmp_path / "store.sqlite"
    died = failure_of(WorkerDied("the analysis process died 2 times while checking this item"))
    missing = failure_of(FetchError("no such file"))
    with ResultStore.open(store) as results:
        run_id = results.start_run("test", [], "by hand", {})
        items = {Path(item.location).stem: item for item in open_input(folder).items()}
        results.record(ItemOutcome(items["died"], failure=died), run_id)
        results.record(ItemOutcome(items["missing"], failure=missing), run_id)
    again = run_batch(folder, store, workers=1, retry_failed=True)
    assert (again.counts.checked, again.counts.skipped) == (2, 1)  # missing and fine
    assert statuses(store) == {"died": "WorkerDied", "missing": "checked", "fine": "checked"}
    deaths = run_batch(folder, store, workers=1, retry_worker_deaths=True)
    assert (deaths.counts.checked, deaths.counts.skipped) == (1, 2)
    assert statuses(store) == {"died": "checked", "missing": "checked", "fine": "checked"}


def statuses(store: Path) -> dict[str, str]:
    return {Path(row["location"]).stem: row["error_class"] or row["status"]
            for row in read_store(store)}  # fmt: skip
