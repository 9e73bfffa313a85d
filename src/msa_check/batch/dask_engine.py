"""The Dask engine: fetch on this machine, analyse on the workers of a Dask cluster.

Fetching stays in this process on LocalExecutor's threads, so per-host pacing, robots.txt
and the cache behave as with the local engine; each fetched statement is submitted to the
cluster and its result comes back to the single SQLite writer in `run_batch`. A worker
builds its Checker once per process (cached by settings), not once per item. A worker that
dies mid-item makes the scheduler run that item again elsewhere (Dask's own retry of a
task whose worker was lost), so the item costs a retry, not a loss. distributed is imported
only here, and only when this engine is asked for.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from msa_check.batch.executor import (
    BatchAbort,
    Delivery,
    LocalExecutor,
    LocalSettings,
    _abort,
)
from msa_check.batch.items import BatchItem, ItemFailure, ItemOutcome, JsonObject
from msa_check.batch.work import WorkerSettings, failure_of, fetch_item
from msa_check.errors import ExitCode, MsaCheckError
from msa_check.fetch import Fetcher, LocatedStatement

if TYPE_CHECKING:
    from msa_check.checker import Checker

INSTALL_HINT = 'the dask engine needs the dask extra: pip install "msa-check[dask]"'
_TASK_RETRIES = 2  # beyond the scheduler's own re-run of a task whose worker died


class DaskUnavailable(MsaCheckError):
    """--engine dask without distributed installed, or a scheduler that cannot be reached."""

    exit_code = ExitCode.USAGE


_worker_lock = threading.Lock()
_worker_checkers: dict[WorkerSettings, Checker] = {}


def analyse_on_worker(
    settings: WorkerSettings, located: LocatedStatement
) -> JsonObject | ItemFailure:
    """Runs on a Dask worker: build the Checker once per process, then analyse one item."""
    from msa_check.report.json_report import report_to_dict

    with _worker_lock:  # a worker may run tasks on several threads
        checker = _worker_checkers.get(settings)
        if checker is None:
            from msa_check.checker import Checker, load_rule_sets
            from msa_check.nlp import load_pipeline

            checker = Checker(
                load_rule_sets(settings.rule_names),
                load_pipeline(settings.model),
                ocr=settings.ocr,
                max_chars=settings.max_chars,
            )
            _worker_checkers[settings] = checker
    try:
        report = checker.check_fetched(
            located.source, max_pages=settings.max_pages, discovery=located.discovery
        )
    except Exception as exc:
        return failure_of(exc)
    return report_to_dict(report)


class DaskExecutor(LocalExecutor):
    """LocalExecutor's fetch threads, with analysis submitted to a Dask cluster.

    `scheduler` is a scheduler address (tcp://host:8786); None starts a LocalCluster of
    `settings.workers` single-threaded worker processes for the run.
    """

    def __init__(self, settings: LocalSettings, scheduler: str | None = None) -> None:
        super().__init__(settings)
        self.scheduler = scheduler
        try:  # refused before the store is opened or anything fetched
            import distributed  # noqa: F401
        except ImportError:
            raise DaskUnavailable(INSTALL_HINT) from None

    def run(self, items: Iterable[BatchItem]) -> Iterator[ItemOutcome]:
        client, cluster = self._connect()
        settings = self.settings
        jobs: queue.Queue[BatchItem | None] = queue.Queue()
        delivered: queue.Queue[Delivery] = queue.Queue()
        fetcher = Fetcher(settings.fetch_options)
        stopping = threading.Event()
        for _ in range(settings.fetch_threads):
            threading.Thread(
                target=self._dask_fetch_loop,
                args=(jobs, delivered, client, fetcher, stopping),
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
            client.close()
            if cluster is not None:
                cluster.close()
            if finished:
                fetcher.close()

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

    def _dask_fetch_loop(
        self, jobs: queue.Queue[BatchItem | None], delivered: queue.Queue[Delivery],
        client: Any, fetcher: Fetcher, stopping: threading.Event,
    ) -> None:  # fmt: skip
        while (item := jobs.get()) is not None:
            if stopping.is_set():
                return
            try:
                fetched = fetch_item(
                    item, self.settings.fetch_options, fetcher, self._hold,
                    discover=self.settings.discover,
                )  # fmt: skip
                if isinstance(fetched, ItemFailure):
                    delivered.put(ItemOutcome(item, failure=fetched))
                    continue
                future = client.submit(
                    analyse_on_worker, self.settings.worker, fetched, pure=False,
                    retries=_TASK_RETRIES,
                )  # fmt: skip
                future.add_done_callback(lambda f, it=item: _deliver_dask(it, delivered, f))
            except BaseException as exc:
                if not stopping.is_set():
                    delivered.put(_abort(exc))
                return


def _deliver_dask(item: BatchItem, delivered: queue.Queue[Delivery], future: Any) -> None:
    if future.cancelled():
        return
    try:
        result = future.result()
    except Exception as exc:
        # KilledWorker: the item's workers died more often than the scheduler allows.
        from distributed import KilledWorker

        if isinstance(exc, KilledWorker):
            delivered.put(BatchAbort(f"the batch stopped: {exc} (finished items are stored; "
                                     "run the same command again to resume)"))  # fmt: skip
        else:
            delivered.put(ItemOutcome(item, failure=failure_of(exc)))
        return
    if isinstance(result, ItemFailure):
        delivered.put(ItemOutcome(item, failure=result))
    else:
        delivered.put(ItemOutcome(item, report=result))
