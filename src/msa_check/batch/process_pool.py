"""The analysis processes of a local batch: a pool that survives a dead worker.

Apart from the executor, which decides what to analyse when, because this is only how the
processes are started (a forkserver that preloads the pipeline) and replaced when one dies,
and what a death the run gives up on is called (WorkerDied).
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import BaseContext

from msa_check.batch.work import announce_preload, start_worker
from msa_check.check_options import CheckOptions
from msa_check.errors import ExitCode, MsaCheckError

# Modules a forkserver loads once, so each worker process starts without importing spaCy;
# the last builds the run's Checker there, shared by every worker forked (batch/preload.py).
_PRELOAD = ["msa_check.batch.work", "msa_check.checker", "msa_check.report.json_report",
            "msa_check.batch.preload"]  # fmt: skip


# An item whose analysis process dies twice (a crash, the OOM killer, a kill), the second
# time alone, is recorded as failed rather than tried again: it would kill every pool.
MAX_WORKER_DEATHS = 2


class WorkerDied(MsaCheckError):
    """The analysis process died while checking an item (the item fails, the run goes on)."""

    exit_code = ExitCode.SOURCE


class ProcessPoolKeeper:
    """A process pool that is replaced when a worker dies, so one death does not end a run.

    A dead worker breaks its whole ProcessPoolExecutor: every future in it fails with
    BrokenProcessPool. The keeper makes a fresh pool once per broken one (whichever thread
    notices first) and the items in flight are submitted again.
    """

    def __init__(self, workers: int, check: CheckOptions) -> None:
        self._workers = workers
        self._check = check
        self._lock = threading.Lock()
        self._closed = False
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        announce_preload(self._check)
        return ProcessPoolExecutor(
            self._workers,
            mp_context=_process_context(),
            initializer=start_worker,
            initargs=(self._check,),
        )

    def replace(self, broken: ProcessPoolExecutor) -> ProcessPoolExecutor:
        """The pool to use now that `broken` has broken (a new one, made only once)."""
        with self._lock:
            if self.pool is broken and not self._closed:
                broken.shutdown(wait=False, cancel_futures=True)
                self.pool = self._new_pool()
            return self.pool

    def shutdown(self, wait: bool) -> None:
        with self._lock:
            self._closed = True
            self.pool.shutdown(wait=wait, cancel_futures=True)


def _process_context() -> BaseContext:
    """A forkserver where there is one (no fork of a threaded parent), else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")
