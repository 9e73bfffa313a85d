"""Running items side by side: the Executor interface and its local implementation.

An Executor takes items lazily and yields their outcomes as they finish, holding only a
bounded number in flight. LocalExecutor fetches on a pool of threads (at most `per_host`
requests to one host at a time) and analyses in a pool of processes, each of which builds
its Checker once. Another engine (a cluster, a queue) is another class with `run`.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from functools import partial
from multiprocessing.context import BaseContext
from typing import Protocol
from urllib.parse import urlsplit

from msa_check.batch.items import BatchItem, ItemFailure, ItemOutcome, JsonObject
from msa_check.batch.work import (
    WorkerSettings,
    analyse_fetched,
    failure_of,
    fetch_item,
    start_worker,
)
from msa_check.errors import ExitCode, MsaCheckError
from msa_check.fetch import Fetcher, FetchOptions

_POLL_SECONDS = 0.2  # how often the waiting main thread looks up, so Ctrl-C is prompt
# Modules a forkserver loads once, so each worker process starts without importing spaCy.
_PRELOAD = ["msa_check.batch.work", "msa_check.checker", "msa_check.report.json_report"]


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
    worker: WorkerSettings
    fetch_options: FetchOptions
    workers: int = 2  # analysis processes
    fetch_threads: int = 8
    per_host: int = 2  # concurrent requests to one host
    discover: bool = True  # homepages lead to statements; statements to homepage links

    @property
    def max_in_flight(self) -> int:
        """Enough to keep every thread and process busy, few enough to bound memory."""
        return self.fetch_threads + 3 * self.workers


class HostLimiter:
    """At most `limit` fetches from one host at a time; local paths are not limited."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._active: dict[str, int] = {}
        self._changed = threading.Condition()

    @contextmanager
    def hold(self, location: str) -> Iterator[None]:
        host = urlsplit(location).hostname if "://" in location else None
        if host is None:
            yield
            return
        with self._changed:
            self._changed.wait_for(lambda: self._active.get(host, 0) < self._limit)
            self._active[host] = self._active.get(host, 0) + 1
        try:
            yield
        finally:
            with self._changed:
                self._active[host] -= 1
                if not self._active[host]:
                    del self._active[host]  # so a list of 20,000 hosts leaves no residue
                self._changed.notify_all()


Delivery = ItemOutcome | BaseException


class LocalExecutor:
    """Threads fetch, processes analyse, all on this machine."""

    def __init__(self, settings: LocalSettings) -> None:
        self.settings = settings
        self._limiter = HostLimiter(settings.per_host)

    def run(self, items: Iterable[BatchItem]) -> Iterator[ItemOutcome]:
        settings = self.settings
        jobs: queue.Queue[BatchItem | None] = queue.Queue()
        delivered: queue.Queue[Delivery] = queue.Queue()
        pool = ProcessPoolExecutor(
            settings.workers,
            mp_context=_process_context(),
            initializer=start_worker,
            initargs=(settings.worker,),
        )
        fetcher = Fetcher(settings.fetch_options)
        stopping = threading.Event()
        for _ in range(settings.fetch_threads):
            # Daemon threads: an interrupted run need not wait for a slow server.
            threading.Thread(
                target=self._fetch_loop,
                args=(jobs, delivered, pool, fetcher, stopping),
                daemon=True,
            ).start()
        finished = False
        try:
            yield from self._feed(iter(items), jobs, delivered)
            finished = True
        finally:
            stopping.set()
            for _ in range(settings.fetch_threads):
                jobs.put(None)
            pool.shutdown(wait=finished, cancel_futures=True)
            if finished:  # else a fetch may still be using it; the process is ending anyway
                fetcher.close()

    def _feed(
        self, items: Iterator[BatchItem], jobs: queue.Queue[BatchItem | None],
        delivered: queue.Queue[Delivery],
    ) -> Iterator[ItemOutcome]:  # fmt: skip
        in_flight = 0
        exhausted = False
        while True:
            while not exhausted and in_flight < self.settings.max_in_flight:
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
        pool: ProcessPoolExecutor, fetcher: Fetcher, stopping: threading.Event,
    ) -> None:  # fmt: skip
        while (item := jobs.get()) is not None:
            if stopping.is_set():
                return
            try:
                self._fetch_one(item, delivered, pool, fetcher)
            except BaseException as exc:  # delivered to the main thread, which raises it
                if not stopping.is_set():
                    delivered.put(_abort(exc))
                return

    def _fetch_one(
        self, item: BatchItem, delivered: queue.Queue[Delivery], pool: ProcessPoolExecutor,
        fetcher: Fetcher,
    ) -> None:  # fmt: skip
        fetched = fetch_item(
            item, self.settings.fetch_options, fetcher, self._hold, discover=self.settings.discover
        )
        if isinstance(fetched, ItemFailure):
            delivered.put(ItemOutcome(item, failure=fetched))
            return
        future = pool.submit(analyse_fetched, fetched)
        future.add_done_callback(partial(_deliver, item, delivered))

    def _hold(self, location: str) -> AbstractContextManager[None]:
        return self._limiter.hold(location)


def _deliver(
    item: BatchItem, delivered: queue.Queue[Delivery], future: Future[JsonObject | ItemFailure]
) -> None:
    if future.cancelled():
        return
    error = future.exception()
    if error is not None:
        # A dead worker process takes the pool with it; anything else is this item's bug.
        delivered.put(_abort(error) if isinstance(error, BrokenProcessPool) else
                      ItemOutcome(item, failure=failure_of(error)))  # fmt: skip
        return
    result = future.result()
    if isinstance(result, ItemFailure):
        delivered.put(ItemOutcome(item, failure=result))
    else:
        delivered.put(ItemOutcome(item, report=result))


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


def _process_context() -> BaseContext:
    """A forkserver where there is one (no fork of a threaded parent), else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")
