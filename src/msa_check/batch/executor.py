"""Running items side by side: the Executor interface and its local implementation.

An Executor takes items lazily and yields their outcomes as they finish, holding only a
bounded number in flight. LocalExecutor fetches on a pool of threads (at most `per_host`
requests to one host at a time, batch/host_limit.py) and analyses in a pool of processes,
each of which builds its Checker once (batch/process_pool.py). Another engine (a cluster,
a queue) is another class with `run`.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import partial
from typing import Protocol

from msa_check.batch.host_limit import HostLimiter
from msa_check.batch.items import BatchItem, ItemFailure, ItemOutcome, JsonObject
from msa_check.batch.process_pool import MAX_WORKER_DEATHS, ProcessPoolKeeper, WorkerDied
from msa_check.batch.work import analyse_fetched, failure_of, fetch_item
from msa_check.check_options import CheckOptions
from msa_check.errors import ExitCode, MsaCheckError
from msa_check.fetch import Fetcher, FetchOptions, LocatedStatement
from msa_check.fetch.pacing import PacingObserver

_POLL_SECONDS = 0.2  # how often the waiting main thread looks up, so Ctrl-C is prompt


class BatchAbort(MsaCheckError):
    """The executor itself failed (e.g. a worker process died): the run cannot go on."""

    exit_code = ExitCode.INTERNAL


class Executor(Protocol):
    def run(self, items: Iterable[BatchItem]) -> Iterator[ItemOutcome]:
        """Check `items`, yielding each outcome as it finishes, in any order.

        Items are taken from `items` only as capacity frees up. Closing the iterator
        early abandons the items in flight; their outcomes are never yielded.
        """
        ...


@dataclass(frozen=True)
class LocalSettings:
    check: CheckOptions  # how each item is checked: its fetch discovers, its worker analyses
    fetch_options: FetchOptions
    workers: int = 2  # analysis processes
    fetch_threads: int = 8
    per_host: int = 2  # concurrent requests to one host

    @property
    def max_in_flight(self) -> int:
        """Enough to keep every thread and process busy, few enough to bound memory."""
        return self.fetch_threads + 3 * self.workers


Delivery = ItemOutcome | BaseException
# Takes a fetched item for analysis; its outcome is delivered later, from another thread.
Analyse = Callable[[BatchItem, LocatedStatement], None]


class LocalExecutor:
    """Threads fetch, processes analyse, all on this machine."""

    def __init__(self, settings: LocalSettings, on_pacing: PacingObserver | None = None) -> None:
        self.settings = settings
        self._on_pacing = on_pacing  # told when a fetch waits for its host's turn
        self._limiter = HostLimiter(settings.per_host)
        # Items whose worker died are checked again one at a time in a pool of their own.
        self._isolation: ProcessPoolKeeper | None = None
        self._alone_slot = threading.Lock()

    def run(self, items: Iterable[BatchItem]) -> Iterator[ItemOutcome]:
        settings = self.settings
        delivered: queue.Queue[Delivery] = queue.Queue()
        pool = ProcessPoolKeeper(settings.workers, settings.check)
        # No process starts until an item is submitted, so an unused one costs nothing.
        self._isolation = ProcessPoolKeeper(1, settings.check)

        def analyse(item: BatchItem, fetched: LocatedStatement) -> None:
            self._submit(item, fetched, delivered, pool, pool.pool)

        def close(finished: bool) -> None:
            pool.shutdown(wait=finished)
            isolation, self._isolation = self._isolation, None
            if isolation is not None:
                isolation.shutdown(wait=finished)

        yield from self.run_fetching(items, delivered, analyse, close, settings.max_in_flight)

    def run_fetching(
        self, items: Iterable[BatchItem], delivered: queue.Queue[Delivery],
        analyse: Analyse, close: Callable[[bool], None], max_in_flight: int,
    ) -> Iterator[ItemOutcome]:  # fmt: skip
        """Fetch items on the fetch threads and yield outcomes as they are delivered.

        A fetched item goes to `analyse`, which must put its outcome on `delivered` in
        time; a fetch failure is delivered at once. At most `max_in_flight` items are taken
        from `items` and not yet delivered. `close(finished)` ends the analysis side, after
        the fetch threads are told to stop; `finished` is False when the run is abandoned.
        Every engine runs through here, so fetching (pacing, robots.txt, the cache, the
        per-host limit) is one code path whatever analyses.
        """
        jobs: queue.Queue[BatchItem | None] = queue.Queue()
        fetcher = Fetcher(self.settings.fetch_options, on_pacing=self._on_pacing)
        stopping = threading.Event()
        for _ in range(self.settings.fetch_threads):
            # Daemon threads: an interrupted run need not wait for a slow server.
            threading.Thread(
                target=self._fetch_loop,
                args=(jobs, delivered, analyse, fetcher, stopping),
                daemon=True,
            ).start()
        finished = False
        try:
            yield from self._feed(iter(items), jobs, delivered, max_in_flight)
            finished = True
        finally:
            stopping.set()
            for _ in range(self.settings.fetch_threads):
                jobs.put(None)
            close(finished)
            if finished:  # else a fetch may still be using it; the process is ending anyway
                fetcher.close()

    def _feed(
        self, items: Iterator[BatchItem], jobs: queue.Queue[BatchItem | None],
        delivered: queue.Queue[Delivery], max_in_flight: int,
    ) -> Iterator[ItemOutcome]:  # fmt: skip
        in_flight = 0
        exhausted = False
        while True:
            while not exhausted and in_flight < max_in_flight:
                item = next(items, None)
                if item is None:
                    exhausted = True
                else:
                    jobs.put(item)
                    in_flight += 1
            if in_flight == 0:
                return
            result = _wait(delivered)
            in_flight -= 1
            if isinstance(result, BaseException):
                raise result
            yield result

    def _fetch_loop(
        self, jobs: queue.Queue[BatchItem | None], delivered: queue.Queue[Delivery],
        analyse: Analyse, fetcher: Fetcher, stopping: threading.Event,
    ) -> None:  # fmt: skip
        while (item := jobs.get()) is not None:
            if stopping.is_set():
                return
            try:
                self._fetch_one(item, delivered, analyse, fetcher)
            except BaseException as exc:  # delivered to the main thread, which raises it
                if not stopping.is_set():
                    delivered.put(_abort(exc))
                return

    def _fetch_one(
        self, item: BatchItem, delivered: queue.Queue[Delivery], analyse: Analyse,
        fetcher: Fetcher,
    ) -> None:  # fmt: skip
        settings = self.settings
        fetched = fetch_item(
            item, settings.fetch_options, fetcher, self._hold, discover=settings.check.discover
        )
        if isinstance(fetched, ItemFailure):
            delivered.put(ItemOutcome(item, failure=fetched))
            return
        analyse(item, fetched)

    def _submit(
        self, item: BatchItem, fetched: LocatedStatement, delivered: queue.Queue[Delivery],
        keeper: ProcessPoolKeeper, pool: ProcessPoolExecutor,
    ) -> None:  # fmt: skip
        try:
            future = pool.submit(analyse_fetched, fetched)
        except BrokenProcessPool:  # broke between choosing it and submitting: one more try
            self._on_worker_death(item, fetched, delivered, keeper, pool, counts=False)
            return
        except RuntimeError:  # shut down: the run is ending, this outcome is not wanted
            return
        future.add_done_callback(partial(self._deliver, item, fetched, delivered, keeper, pool))

    def _deliver(
        self, item: BatchItem, fetched: LocatedStatement, delivered: queue.Queue[Delivery],
        keeper: ProcessPoolKeeper, pool: ProcessPoolExecutor,
        future: Future[JsonObject | ItemFailure],
    ) -> None:  # fmt: skip
        if future.cancelled():
            return
        if isinstance(future.exception(), BrokenProcessPool):
            self._on_worker_death(item, fetched, delivered, keeper, pool, counts=True)
            return
        _deliver(item, delivered, future)

    def _on_worker_death(
        self, item: BatchItem, fetched: LocatedStatement, delivered: queue.Queue[Delivery],
        keeper: ProcessPoolKeeper, broken: ProcessPoolExecutor, *, counts: bool,
    ) -> None:  # fmt: skip
        """Replace the pool, then check the item again alone, to tell if it is the killer.

        Every item in flight in a broken pool sees the death, not only the one that caused
        it. So each is checked again in a pool of one worker that holds one item at a time:
        a death there is that item's own, and it is recorded as failed, not tried again.
        """
        replacement = keeper.replace(broken)
        if not counts:  # the pool broke before this item reached it: it is no suspect
            self._submit(item, fetched, delivered, keeper, replacement)
            return
        threading.Thread(
            target=self._check_alone, args=(item, fetched, delivered), daemon=True
        ).start()

    def _check_alone(
        self, item: BatchItem, fetched: LocatedStatement, delivered: queue.Queue[Delivery]
    ) -> None:
        with self._alone_slot:
            isolation = self._isolation
            if isolation is None:
                return  # the run has ended
            pool = isolation.pool
            try:
                future = pool.submit(analyse_fetched, fetched)
            except (BrokenProcessPool, RuntimeError):
                return  # shut down: the run is ending
            error = future.exception() if not future.cancelled() else None
            if future.cancelled():
                return
            if isinstance(error, BrokenProcessPool):
                isolation.replace(pool)
                failure = failure_of(WorkerDied(
                    f"the analysis process died {MAX_WORKER_DEATHS} times while checking "
                    "this item, the second time with no other item in it (killed by a "
                    "signal or out of memory); it was not tried again"
                ))  # fmt: skip
                delivered.put(ItemOutcome(item, failure=failure))
                return
            _deliver(item, delivered, future)

    def _hold(self, location: str) -> AbstractContextManager[None]:
        return self._limiter.hold(location)


def _deliver(
    item: BatchItem, delivered: queue.Queue[Delivery], future: Future[JsonObject | ItemFailure]
) -> None:
    if future.cancelled():
        return
    error = future.exception()
    if error is not None:  # a bug met by this item (a dead worker is handled before)
        delivered.put(ItemOutcome(item, failure=failure_of(error)))
        return
    delivered.put(ItemOutcome.of(item, future.result()))


def _abort(error: BaseException) -> BaseException:
    if isinstance(error, MsaCheckError):
        return error
    return BatchAbort(
        f"the batch stopped: {type(error).__name__}: {error} "
        "(finished items are stored; run the same command again to resume)"
    )


def _wait(delivered: queue.Queue[Delivery]) -> Delivery:
    while True:
        try:
            return delivered.get(timeout=_POLL_SECONDS)
        except queue.Empty:
            continue
