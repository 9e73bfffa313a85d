"""One store, one run at a time: the lock names the other run; a dead run's lock is taken over."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from msa_check.batch import run_batch
from msa_check.batch.lock import StoreBusyError, lock_path, store_lock
from msa_check.errors import ExitCode

STATEMENT = "Modern slavery statement. We audit our suppliers every year."


def _write_lock(store: Path, pid: int, host: str | None = None) -> Path:
    path = lock_path(store)
    holder = {"pid": pid, "host": host or socket.gethostname(), "started": "2026-01-01T00:00"}
    path.write_text(json.dumps(holder), encoding="utf-8")
    return path


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_lock_is_held_during_the_block_and_removed_after(tmp_path: Path) -> None:
    store = tmp_path / "results.sqlite"
    with store_lock(store) as path:
        assert json.loads(path.read_text(encoding="utf-8"))["pid"] == os.getpid()
        with pytest.raises(StoreBusyError) as busy, store_lock(store):
            pass
        assert path.exists()  # the refused run does not remove the holder's lock
    assert not path.exists()
    message = busy.value.message
    assert f"pid {os.getpid()} on {socket.gethostname()}" in message
    assert str(store) in message and busy.value.exit_code == ExitCode.USAGE


def test_a_second_batch_on_a_store_in_use_is_refused_before_any_work(tmp_path: Path) -> None:
    folder = tmp_path / "statements"
    folder.mkdir()
    (folder / "a.txt").write_text(STATEMENT, encoding="utf-8")
    store = tmp_path / "results.sqlite"
    _write_lock(store, os.getppid())  # a live process: this test's parent
    with pytest.raises(StoreBusyError, match=f"pid {os.getppid()} on"):
        run_batch(folder, store, workers=1)
    assert not store.exists()


def test_a_lock_left_by_a_dead_run_is_taken_over(tmp_path: Path) -> None:
    folder = tmp_path / "statements"
    folder.mkdir()
    (folder / "a.txt").write_text(STATEMENT, encoding="utf-8")
    store = tmp_path / "results.sqlite"
    _write_lock(store, _dead_pid())
    run = run_batch(folder, store, workers=1)
    assert run.counts.checked == 1
    assert not lock_path(store).exists()


def test_an_unreadable_lock_is_stale_and_another_hosts_lock_is_honoured(tmp_path: Path) -> None:
    store = tmp_path / "results.sqlite"
    lock_path(store).write_text("{half a", encoding="utf-8")
    with store_lock(store):
        pass
    _write_lock(store, _dead_pid(), host="another-host.example")
    with pytest.raises(StoreBusyError, match=r"on another-host\.example"), store_lock(store):
        pass
