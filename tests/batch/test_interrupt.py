"""kill -9 part-way then resume gives what one run gives; Ctrl-C stops cleanly with 130."""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from msa_check.batch import run_batch
from msa_check.batch.export import TIME_COLUMNS, Shape
from msa_check.batch.export_formats import ExportFormat, export_store
from msa_check.batch.run import BatchRun
from msa_check.fetch import FetchOptions
from tests.batch.conftest import local_fetch_options, write_list
from tests.batch.supplier_server import SupplierServer

ROOT = Path(__file__).parents[2]
ITEMS = 120
KILL_AFTER = 25  # stored rows
LOCAL_OPTIONS = ["--host-interval", "0", "--retries", "0", "--ignore-robots", "--no-cache"]


def start(code: str) -> subprocess.Popen[bytes]:
    """Run Python code in its own process group, so the kill reaches its workers too."""
    return subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def stored(store: Path) -> int:
    if not store.exists():
        return 0
    try:
        with sqlite3.connect(store, timeout=5) as db:
            return int(db.execute("SELECT count(*) FROM results").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # the schema is not there yet


def wait_for_rows(process: subprocess.Popen[bytes], store: Path, rows: int) -> None:
    deadline = time.monotonic() + 60
    while stored(store) < rows:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the batch stored too few rows in 60 s"
        time.sleep(0.05)


def export_without_times(store: Path, shape: Shape) -> list[list[str]]:
    stream = io.StringIO()
    export_store(store, stream, ExportFormat.csv, shape)
    header, *rows = [line.split(",") for line in stream.getvalue().splitlines()]
    keep = [i for i, name in enumerate(header) if name not in TIME_COLUMNS]
    return [[row[i] for i in keep] for row in [header, *rows]]


def assert_resumes_as_one_run(
    supplier_list: Path, store: Path, kept: int, fetch_options: FetchOptions, **engine: Any
) -> BatchRun:
    """After a kill: the store is intact, a rerun (on `engine`) skips the `kept` rows, and
    the store then exports what a run that was never stopped exports."""
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    resumed = run_batch(supplier_list, store, fetch_options=fetch_options, **engine)
    assert resumed.counts.skipped == kept
    whole = store.with_name("whole.sqlite")
    run_batch(supplier_list, whole, workers=2, fetch_options=fetch_options)
    for shape in Shape:
        assert export_without_times(store, shape) == export_without_times(whole, shape)
    return resumed


@pytest.fixture
def supplier_list(supplier_server: SupplierServer, tmp_path: Path) -> Path:
    return write_list(tmp_path / "suppliers.txt", supplier_server.supplier_urls(ITEMS, 10))


def test_a_run_killed_part_way_then_resumed_exports_what_one_run_exports(
    supplier_list: Path, tmp_path: Path
) -> None:
    store = tmp_path / "killed.sqlite"
    process = start(
        "from msa_check.batch import run_batch\n"
        "from tests.batch.conftest import local_fetch_options\n"
        f"run_batch({str(supplier_list)!r}, {str(store)!r}, workers=2,"
        " fetch_options=local_fetch_options())\n"
    )
    wait_for_rows(process, store, KILL_AFTER)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    process.communicate()
    kept = stored(store)
    assert KILL_AFTER <= kept < ITEMS

    resumed = assert_resumes_as_one_run(
        supplier_list, store, kept, local_fetch_options(), workers=2
    )
    assert resumed.counts.checked + resumed.counts.failed == ITEMS - kept


def test_ctrl_c_stops_cleanly_keeps_the_finished_items_and_exits_130(
    supplier_server: SupplierServer, tmp_path: Path
) -> None:
    # A tail of slow answers (each held until the 0.5 s read timeout, two at a time to the
    # one host: about 25 s) so that a fast machine cannot finish the batch before the
    # Ctrl-C arrives, which would leave nothing to interrupt.
    slow_tail = [supplier_server.url(f"/slow/{n}") for n in range(100)]
    supplier_list = write_list(
        tmp_path / "suppliers.txt", supplier_server.supplier_urls(20) + slow_tail
    )
    store = tmp_path / "interrupted.sqlite"
    process = start(
        f"import sys\nLOCAL = {LOCAL_OPTIONS!r}\n"
        "from tests.batch.cli_app import main\n"
        f"sys.argv = ['msa-check', 'batch', {str(supplier_list)!r}, '--store', {str(store)!r},"
        " '--read-timeout', '0.5', '--progress', 'log', *LOCAL]\n"
        "main()\n"
    )
    wait_for_rows(process, store, 10)
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C in a terminal: the whole group
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130, err.decode()
    assert "interrupted" in err.decode() and "run the same command again" in err.decode()
    assert "Traceback" not in err.decode()
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT outcome FROM runs").fetchall() == [("interrupted",)]
    assert stored(store) >= 10


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds the forkserver in /proc")
def test_ctrl_c_while_the_analysis_processes_start_prints_no_traceback(
    supplier_server: SupplierServer, tmp_path: Path
) -> None:
    # The forkserver builds the run's Checker before it ignores Ctrl-C itself: seconds in
    # which a Ctrl-C to the terminal's process group once printed its KeyboardInterrupt.
    supplier_list = write_list(tmp_path / "suppliers.txt", supplier_server.supplier_urls(20))
    store = tmp_path / "early.sqlite"
    process = start(
        f"import sys\nLOCAL = {LOCAL_OPTIONS!r}\n"
        "from tests.batch.cli_app import main\n"
        f"sys.argv = ['msa-check', 'batch', {str(supplier_list)!r}, '--store', {str(store)!r},"
        " '--progress', 'log', *LOCAL]\n"
        "main()\n"
    )
    wait_for_forkserver(process)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err.decode()
    assert "Traceback" not in err.decode()


def wait_for_forkserver(process: subprocess.Popen[bytes]) -> None:
    """Until a process of `process`'s group runs multiprocessing's forkserver."""
    deadline = time.monotonic() + 60
    while not any(
        group == process.pid and b"forkserver" in cmdline for group, cmdline in _processes()
    ):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no forkserver started in 60 s"
        time.sleep(0.01)


def _processes() -> list[tuple[int, bytes]]:
    """The process group and command line of each process running now."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                found.append((os.getpgid(int(entry.name)), (entry / "cmdline").read_bytes()))
            except OSError:  # gone since the listing
                continue
    return found
