"""The Dask engine: fetch on this machine, analyse on the workers of a Dask cluster.

Fetching stays in this process on LocalExecutor's threads (one code path, `run_fetching`),
so per-host pacing, robots.txt and the cache behave as with the local engine. Fetched
statements go to the cluster in batches: a batch is sent as soon as a worker thread is
idle, or when it is full, so the workers stay busy and a small run is not held back, while
a long one pays the scheduler's per-task cost once per batch rather than once per item.
Each worker process builds its Checker (spaCy and the rules) once, cached by CheckOptions.
Finished batches come back through `distributed.as_completed` to one collecting thread,
which delivers their outcomes to the single SQLite writer in `run_batch`.

A worker that dies mid-batch makes the scheduler run the batch again elsewhere (Dask's own
re-run of a task whose worker was lost), so its items cost a retry, not a loss. A batch
that kills workers more often than the scheduler allows (KilledWorker) is split and each
of its items sent alone; an item that then kills workers alone is recorded as failed with
WorkerDied, as the local engine does. distributed is imported only here, and only when
this engine is asked for.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from msa_check.batch.executor import Delivery, LocalExecutor, LocalSettings, _abort
from msa_check.batch.items import BatchItem, ItemFailure, ItemOutcome, JsonObject
from msa_check.batch.process_pool import WorkerDied
from msa_check.batch.work import analyse_with, build_checker, failure_of
from msa_check.check_options import CheckOptions
from msa_check.errors import ExitCode, MsaCheckError
from msa_check.fetch import LocatedStatement
from msa_check.fetch.pacing import PacingObserver

if TYPE_CHECKING:
    from msa_check.checker import Checker

INSTALL_HINT = 'the dask engine needs the dask extra: pip install "msa-check[dask]"'
BATCH_ITEMS = 8  # most items in one task
BATCH_BYTES = 32 * 1024 * 1024  # a batch this large is sent without waiting to fill
_POLL_SECONDS = 0.05  # how often the collector looks again when nothing is running
# A batch holds at most BATCH_BYTES of statements, and distributed warns at 10 MB of task
# data; the bytes must travel with the task either way, so the warning is raised.
_DASK_CONFIG = {"distributed.admin.large-graph-warning-threshold": "1GiB"}


class DaskUnavailable(MsaCheckError):
    """--engine dask without distributed installed, or a scheduler that cannot be reached."""

    exit_code = ExitCode.USAGE


_worker_lock = threading.Lock()
_worker_checkers: dict[CheckOptions, Checker] = {}


def analyse_batch_on_worker(
    check: CheckOptions, batch: list[LocatedStatement]
) -> list[JsonObject | ItemFailure]:
    """Runs on a Dask worker: the Checker built once per process, then each item of `batch`."""
    with _worker_lock:  # a worker may run tasks on several threads
        checker = _worker_checkers.get(check)
        if checker is None:
            checker = _worker_checkers[check] = build_checker(check)
    return [analyse_with(checker, check, located) for located in batch]


class _Batches:
    """Fetched items wait here until a worker thread is idle or a batch is full.

    Called from the fetch threads (`add`) and the collecting thread (`finished`); every
    batch sent is added to `completed`, the as_completed the collector iterates.
    """

    def __init__(self, client: Any, check: CheckOptions, completed: Any, capacity: int) -> None:
        self._client = client
        self._check = check
        self._completed = completed
        self._capacity = capacity  # worker threads of the cluster: batches run at once
        self._lock = threading.Lock()
        self._waiting: list[tuple[BatchItem, LocatedStatement]] = []
        self._waiting_bytes = 0
        self._running = 0
        self.items: dict[str, tuple[tuple[BatchItem, LocatedStatement], ...]] = {}

    def add(self, item: BatchItem, fetched: LocatedStatement) -> None:
        with self._lock:
            self._waiting.append((item, fetched))
            self._waiting_bytes += len(fetched.source.content)
            full = len(self._waiting) >= BATCH_ITEMS or self._waiting_bytes >= BATCH_BYTES
            if full or self._running < self._capacity:
                self._send_waiting()

    def finished(self) -> None:
        """A batch has come back: its thread is free for what has gathered meanwhile."""
        with self._lock:
            self._running -= 1
            if self._waiting and self._running < self._capacity:
                self._send_waiting()

    def send_alone(self, entries: Iterable[tuple[BatchItem, LocatedStatement]]) -> None:
        """Each item in a task of its own: to tell which of a killed batch is the killer."""
        with self._lock:
            for entry in entries:
                self._send((entry,))

    def _send_waiting(self) -> None:
        batch, self._waiting, self._waiting_bytes = tuple(self._waiting), [], 0
        self._send(batch)

    def _send(self, batch: tuple[tuple[BatchItem, LocatedStatement], ...]) -> None:
        located = [fetched for _, fetched in batch]
        future = self._client.submit(analyse_batch_on_worker, self._check, located, pure=False)
        self.items[future.key] = batch
        self._running += 1
        self._completed.add(future)


class DaskExecutor(LocalExecutor):
    """LocalExecutor's fetch threads, with analysis sent to a Dask cluster in batches.

    `scheduler` is a scheduler address (tcp://host:8786); None starts a LocalCluster of
    `settings.workers` single-threaded worker processes for the run.
    """

    def __init__(
        self,
        settings: LocalSettings,
        scheduler: str | None = None,
        on_pacing: PacingObserver | None = None,
    ) -> None:
        super().__init__(settings, on_pacing)
        self.scheduler = scheduler
        try:  # refused before the store is opened or anything fetched
            import distributed  # noqa: F401
        except ImportError:
            raise DaskUnavailable(INSTALL_HINT) from None

    def run(self, items: Iterable[BatchItem]) -> Iterator[ItemOutcome]:
        import dask
        from distributed import as_completed

        with dask.config.set(_DASK_CONFIG):
            client, cluster = self._connect()
            capacity = max(1, sum(client.nthreads().values()))
            completed = as_completed(loop=client.loop)  # type: ignore[no-untyped-call]
            batches = _Batches(client, self.settings.check, completed, capacity)
            delivered: queue.Queue[Delivery] = queue.Queue()
            stopping = threading.Event()
            collector = threading.Thread(
                target=_collect, args=(completed, batches, delivered, stopping), daemon=True
            )
            collector.start()

            def close(finished: bool) -> None:
                stopping.set()
                # So the collector's wait ends even with batches still running.
                completed.clear()  # type: ignore[no-untyped-call]
                collector.join(timeout=10)
                client.close()
                if cluster is not None:
                    cluster.close()

            # Enough items to fill every thread twice over: one batch running, one queued.
            in_flight = self.settings.fetch_threads + 2 * capacity * BATCH_ITEMS
            yield from self.run_fetching(items, delivered, batches.add, close, in_flight)

    def _connect(self) -> tuple[Any, Any]:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise DaskUnavailable(INSTALL_HINT) from None
        if self.scheduler is None:
            cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=self.settings.workers, threads_per_worker=1, processes=True,
                dashboard_address=":0",
            )  # fmt: skip
            return Client(cluster), cluster  # type: ignore[no-untyped-call]
        try:
            return Client(self.scheduler, timeout="10s"), None  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError, ValueError) as exc:
            raise DaskUnavailable(
                f"cannot reach the Dask scheduler at {self.scheduler}: {exc}"
            ) from None


def _collect(
    completed: Any, batches: _Batches, delivered: queue.Queue[Delivery], stopping: threading.Event
) -> None:
    """The collecting thread: each finished batch's outcomes, in the order batches finish."""
    try:
        while not stopping.is_set():
            try:
                future = next(completed)
            except StopIteration:  # nothing running now; more may come
                stopping.wait(_POLL_SECONDS)
                continue
            _settle(future, batches, delivered)
    except BaseException as exc:  # the main thread raises it, and the run stops
        if not stopping.is_set():
            delivered.put(_abort(exc))


def _settle(future: Any, batches: _Batches, delivered: queue.Queue[Delivery]) -> None:
    from distributed import KilledWorker

    batch = batches.items.pop(future.key)
    batches.finished()
    if future.cancelled():
        return  # the run is ending
    error = future.exception()
    if isinstance(error, KilledWorker) and len(batch) > 1:
        batches.send_alone(batch)
        return
    if isinstance(error, KilledWorker):
        died = WorkerDied(
            "the Dask workers died each time they checked this item, the last time with "
            f"no other item in the task ({error}); it was not tried again"
        )
        delivered.put(ItemOutcome(batch[0][0], failure=failure_of(died)))
        return
    if error is not None:  # the task itself failed (each item's own errors are results)
        for item, _ in batch:
            delivered.put(ItemOutcome(item, failure=failure_of(error)))
        return
    for (item, _), analysed in zip(batch, future.result(), strict=True):
        delivered.put(ItemOutcome.of(item, analysed))
