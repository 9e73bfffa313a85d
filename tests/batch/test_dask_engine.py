"""The Dask engine stores what the local engine stores, resumes after kill -9, loses no item
when a worker dies. One in-process LocalCluster serves this module; the worker-kill test
needs real worker processes and starts its own."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from msa_check.batch import read_store, run_batch
from msa_check.batch.dask_engine import analyse_batch_on_worker
from msa_check.batch.export import Shape
from msa_check.check_options import CheckOptions
from msa_check.fetch import FetchOptions, LocatedStatement
from tests.batch.conftest import local_fetch_options, write_list
from tests.batch.supplier_server import SupplierServer
from tests.batch.test_interrupt import (
    assert_resumes_as_one_run,
    export_without_times,
    start,
    stored,
    wait_for_rows,
)
from tests.batch.test_worker_death import KILLER, statements_with_a_killer

ITEMS = 40
BAD_EVERY = 8


def options() -> FetchOptions:
    """Room for a loaded machine: a good URL answers at once, a slow one still fails (2 s)."""
    return local_fetch_options(read_timeout=1.5)


@pytest.fixture(scope="module")
def dask_scheduler() -> Iterator[str]:
    """One in-process cluster for this module's tests (workers are threads here), on TCP so
    a batch in another process can connect to it too. Closed when the module ends: its
    threads keep running otherwise, and one that draws from the global `random` while a
    later hypothesis test draws its examples makes that test fail as flaky."""
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        protocol="tcp",
        dashboard_address=":0",
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def supplier_list(supplier_server: SupplierServer, tmp_path: Path) -> Path:
    urls = supplier_server.supplier_urls(ITEMS, bad_every=BAD_EVERY)
    return write_list(tmp_path / "suppliers.txt", urls)


def test_the_dask_engine_stores_what_the_local_engine_stores(
    supplier_list: Path, dask_scheduler: str, tmp_path: Path
) -> None:
    local = run_batch(supplier_list, tmp_path / "local.sqlite", workers=2, fetch_options=options())
    dask = run_batch(supplier_list, tmp_path / "dask.sqlite", fetch_options=options(),
                     engine="dask", scheduler=dask_scheduler)  # fmt: skip
    assert dask.counts.checked == local.counts.checked == ITEMS - ITEMS // BAD_EVERY
    for shape in Shape:
        assert export_without_times(tmp_path / "dask.sqlite", shape) == export_without_times(
            tmp_path / "local.sqlite", shape
        )
    again = run_batch(supplier_list, tmp_path / "dask.sqlite", fetch_options=options(),
                      engine="dask", scheduler=dask_scheduler)  # fmt: skip
    assert again.counts.skipped == ITEMS and again.counts.checked == 0


def test_a_dask_run_killed_part_way_then_resumed_exports_what_one_run_exports(
    supplier_list: Path, dask_scheduler: str, tmp_path: Path
) -> None:
    store = tmp_path / "killed.sqlite"
    process = start(
        "from msa_check.batch import run_batch\n"
        "from tests.batch.conftest import local_fetch_options\n"
        f"run_batch({str(supplier_list)!r}, {str(store)!r}, engine='dask',"
        f" scheduler={dask_scheduler!r}, fetch_options=local_fetch_options(read_timeout=1.5))\n"
    )
    wait_for_rows(process, store, 5)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    process.communicate()
    kept = stored(store)
    assert 5 <= kept < ITEMS
    assert_resumes_as_one_run(
        supplier_list, store, kept, options(), engine="dask", scheduler=dask_scheduler
    )


def test_a_worker_killed_mid_run_costs_a_retry_not_an_item(
    supplier_list: Path, tmp_path: Path
) -> None:
    store = tmp_path / "worker-killed.sqlite"
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster, Client(cluster) as client:  # fmt: skip
        pids = list(client.run(os.getpid).values())
        done: list[object] = []
        runner = threading.Thread(target=lambda: done.append(run_batch(
            supplier_list, store, fetch_options=options(), engine="dask",
            scheduler=cluster.scheduler_address)))  # fmt: skip
        runner.start()
        deadline = time.monotonic() + 120
        while stored(store) < 3:
            assert runner.is_alive() and time.monotonic() < deadline
            time.sleep(0.05)
        os.kill(pids[0], signal.SIGKILL)  # its nanny starts another; its task runs again
        runner.join(timeout=300)
        assert not runner.is_alive()
    run = done[0]
    assert run.counts.checked == ITEMS - ITEMS // BAD_EVERY  # type: ignore[attr-defined]
    assert stored(store) == ITEMS


def test_a_missing_scheduler_is_a_usage_error(supplier_list: Path, tmp_path: Path) -> None:
    from msa_check.batch.dask_engine import DaskUnavailable

    with pytest.raises(DaskUnavailable, match="cannot reach the Dask scheduler"):
        run_batch(supplier_list, tmp_path / "s.sqlite", fetch_options=options(),
                  engine="dask", scheduler="tcp://127.0.0.1:9")  # fmt: skip


BATCH_SIZES: list[int] = []  # filled by slow_batch on the in-process workers


def slow_batch(check: CheckOptions, batch: list[LocatedStatement]) -> list[object]:
    """Found by module name on the workers: notes the batch size, then analyses it slowly."""
    BATCH_SIZES.append(len(batch))
    time.sleep(0.3)  # slower than fetching from this machine, so items gather meanwhile
    return list(analyse_batch_on_worker(check, batch))


def test_items_go_to_the_workers_in_batches(
    supplier_list: Path, dask_scheduler: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the workers are busy, fetched items gather and leave together in one task."""
    from msa_check.batch import dask_engine

    BATCH_SIZES.clear()
    monkeypatch.setattr(dask_engine, "analyse_batch_on_worker", slow_batch)
    run = run_batch(supplier_list, tmp_path / "batched.sqlite", fetch_options=options(),
                    engine="dask", scheduler=dask_scheduler)  # fmt: skip
    # Every checked item went through a batch (a corrupt PDF does too, and fails there).
    assert sum(BATCH_SIZES) >= run.counts.checked >= ITEMS - ITEMS // BAD_EVERY - 2
    assert len(BATCH_SIZES) < run.counts.checked / 2
    assert max(BATCH_SIZES) == dask_engine.BATCH_ITEMS


def analyse_batch_or_die(check: CheckOptions, batch: list[LocatedStatement]) -> list[object]:
    """Found by module name in the worker processes: dies on a batch with the marked item."""
    if any(KILLER in located.source.content for located in batch):
        os.kill(os.getpid(), signal.SIGKILL)
    return list(analyse_batch_on_worker(check, batch))


def test_an_item_that_kills_its_dask_workers_fails_alone_as_worker_died(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its batch is split after the scheduler gives up on it; alone, it is the only loss."""
    import dask

    from msa_check.batch import dask_engine

    folder = statements_with_a_killer(tmp_path / "statements", 6)
    monkeypatch.setattr(dask_engine, "analyse_batch_on_worker", analyse_batch_or_die)
    # A task whose worker dies once is given up on (KilledWorker); one task per thread.
    config = {"distributed.scheduler.allowed-failures": 0,
              "distributed.scheduler.worker-saturation": 1.0}  # fmt: skip
    with dask.config.set(config), LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:  # fmt: skip
        run = run_batch(folder, tmp_path / "store.sqlite", engine="dask",
                        scheduler=cluster.scheduler_address)  # fmt: skip
    assert (run.counts.checked, run.counts.failed) == (5, 1)
    rows = {Path(row["location"]).name: row for row in read_store(tmp_path / "store.sqlite")}
    assert rows["s3.txt"]["error_class"] == "WorkerDied"
    assert "with no other item in the task" in rows["s3.txt"]["error"]
