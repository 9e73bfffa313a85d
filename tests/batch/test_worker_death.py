"""A worker process that dies is replaced; the item that kills it twice fails, the rest finish."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

import msa_check.batch.executor as executor_module
from msa_check.batch import read_store, run_batch
from msa_check.batch.executor import LocalExecutor, LocalSettings
from msa_check.batch.items import ItemFailure, JsonObject
from msa_check.batch.work import WorkerSettings, analyse_fetched
from msa_check.defaults import DEFAULT_MODEL
from msa_check.errors import ExitCode
from msa_check.fetch import FetchOptions, LocatedStatement

KILLER = b"KILL-THIS-WORKER"


def analyse_or_die(located: LocatedStatement) -> JsonObject | ItemFailure:
    """Runs in the worker process (found there by module name): dies on the marked item."""
    if KILLER in located.source.content:
        os.kill(os.getpid(), signal.SIGKILL)
    return analyse_fetched(located)


def test_a_killed_worker_is_replaced_and_only_its_item_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "statements"
    folder.mkdir()
    for number in range(10):
        text = f"Modern slavery statement {number}. We audit our suppliers every year."
        (folder / f"s{number}.txt").write_text(text, encoding="utf-8")
    (folder / "s3.txt").write_bytes(b"Modern slavery statement. " + KILLER)
    monkeypatch.setattr(executor_module, "analyse_fetched", analyse_or_die)
    executor = LocalExecutor(
        LocalSettings(WorkerSettings(("uk-msa-s54",), DEFAULT_MODEL), FetchOptions(), workers=2)
    )
    run = run_batch(folder, tmp_path / "store.sqlite", executor=executor)
    assert (run.counts.checked, run.counts.failed) == (9, 1)
    rows = {Path(row["location"]).name: row for row in read_store(tmp_path / "store.sqlite")}
    killed = rows["s3.txt"]
    assert killed["status"] == "failed" and killed["error_class"] == "WorkerDied"
    assert "died 2 times while checking this item, the second time with no other" in killed["error"]
    assert killed["exit_code"] == ExitCode.SOURCE
    assert all(rows[f"s{n}.txt"]["status"] == "checked" for n in (0, 1, 2, 4, 5, 6, 7, 8, 9))
