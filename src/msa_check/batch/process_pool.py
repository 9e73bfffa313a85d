"""The analysis processes of a local batch: a pool that survives a dead worker.

Apart from the executor, which decides what to analyse when, because this is only how the
processes are started (a forkserver that preloads the pipeline) and replaced when one dies,
and what a death the run gives up on is called (WorkerDied).
"""

from __future__ import annotations

import multiprocessing
import signal
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
        context = _process_context()
        _start_forkserver_deaf_to_ctrl_c(context)
        return ProcessPoolExecutor(
            self._workers,
            mp_context=context,
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


def _start_forkserver_deaf_to_ctrl_c(context: BaseContext) -> None:
    """Start the context's forkserver, if it has one, with SIGINT blocked from birth.

    A Ctrl-C in a terminal reaches every process of the batch. The command stops the run
    cleanly (exit 130, the finished items kept) and the workers ignore it
    (work.start_worker); the forkserver ignores it too, but only once its preloads are
    imported (multiprocessing.forkserver.main), and those build the run's Checker
    (batch/preload.py): seconds in which a Ctrl-C printed the forkserver's
    KeyboardInterrupt traceback under the command's own message. A process inherits the
    blocked signal mask of the thread that starts it, and a blocked signal that is then
    ignored is dropped, so the forkserver never sees a Ctrl-C (multiprocessing starts its
    resource tracker the same way). A Ctrl-C meanwhile reaches this process as ever,
    through its other threads or once the mask is restored.
    """
    if context.get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver, resource_tracker

    # The forkserver starts the resource tracker first if it is not running, and that
    # unblocks SIGINT in this thread once it has started it: so, before the mask is set.
    resource_tracker.ensure_running()
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        forkserver.ensure_running()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
