"""A batch run: input in, items checked side by side, each result stored as it finishes.

`run_batch` validates everything (rules, input, store) before any fetch, skips the items
the store already holds (unless asked to redo them), and records every outcome, a
failure included, in one atomic write. It never prints: a ProgressListener hears of
each item, and the caller decides what to show.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Protocol, runtime_checkable

from msa_check import __version__
from msa_check.batch.executor import Executor, LocalExecutor, LocalSettings
from msa_check.batch.inputs import BatchInput, open_input
from msa_check.batch.items import BatchItem, ItemOutcome, JsonObject
from msa_check.batch.lock import lock_path, store_lock
from msa_check.batch.process_pool import WorkerDied
from msa_check.batch.store import FAILED, ResultStore
from msa_check.check_options import CheckOptions
from msa_check.defaults import DEFAULT_MODEL, FETCH_THREADS, PER_HOST
from msa_check.errors import SETTING, Setting, UsageError
from msa_check.extract.pdf_engine import PdfEngine
from msa_check.fetch import FetchOptions
from msa_check.fetch.pacing import PacingObserver
from msa_check.rules.catalogue import choose_rule_sets
from msa_check.rules.loading import load_rule_set
from msa_check.rules.schema import RuleSet


@dataclass(frozen=True)
class BatchCounts:
    total: int  # items in the input
    checked: int = 0  # this run: a report stored
    failed: int = 0  # this run: a failure stored
    skipped: int = 0  # already in the store, left as they were

    @property
    def done(self) -> int:
        return self.checked + self.failed + self.skipped


@dataclass(frozen=True)
class BatchRun:
    """What a run did. The results themselves are in the store."""

    store: Path
    run_id: int
    counts: BatchCounts


class ProgressListener(Protocol):
    def start(self, counts: BatchCounts) -> None: ...

    def update(self, counts: BatchCounts, outcome: ItemOutcome | None) -> None:
        """After each item: `outcome` is None for an item skipped as already stored."""

    def stop(self, counts: BatchCounts) -> None: ...


@runtime_checkable
class PacingListener(Protocol):
    """A ProgressListener may also hear of fetches waiting for their host's turn."""

    def paced(self, host: str, wait: float, interval: float) -> None:
        """From a fetch thread: a request to `host` waits `wait` s (`interval` apart)."""


def default_workers() -> int:
    """One analysis process per core this process may use."""
    affinity = getattr(os, "sched_getaffinity", None)
    return max(1, len(affinity(0)) if affinity else os.cpu_count() or 1)


def run_batch(
    input: str | Path,
    store: str | Path,
    *,
    check_options: CheckOptions | None = None,
    workers: int | None = None,
    fetch_threads: int = FETCH_THREADS,
    per_host: int = PER_HOST,
    fetch_options: FetchOptions | None = None,
    refresh: bool = False,
    retry_failed: bool = False,
    retry_worker_deaths: bool = False,
    url_column: str | None = None,
    progress: ProgressListener | None = None,
    executor: Executor | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> BatchRun:
    """Check every statement `input` lists and store each result in `store` (SQLite).

    `input` is a CSV with a URL column, the UK registry's CSV export, a text file of
    URLs or paths, or a folder. Items already stored are skipped unless `refresh` (redo
    all) or `retry_failed` (redo failures, except those whose analysis killed the worker
    process twice, WorkerDied: they would kill it again; `retry_worker_deaths` redoes
    those). `check_options` says how each statement is checked, as for `msa-check check`
    (its rules, when it names none, chosen as `check` chooses them); None: the defaults.
    `engine` is "local" (threads and processes here) or "dask" (analysis on a Dask
    cluster at `scheduler`, or on a LocalCluster of `workers` processes when None).
    Raises UsageError before any fetch if the rules, input or store cannot be used;
    KeyboardInterrupt after closing the store, with the finished items kept.
    """
    check_options = check_options or CheckOptions()
    names = choose_rule_sets(check_options.rules).names
    # Only the rules, not the Checker: this process fetches and stores, the workers analyse.
    rule_sets = tuple(load_rule_set(name) for name in names)
    model = check_options.model
    if model != DEFAULT_MODEL:  # the default needs no install; it is built in the workers
        from msa_check.nlp import load_pipeline

        load_pipeline(model)  # a model that is not installed is a usage error before any fetch
    store_path = Path(store)
    batch_input = open_input(Path(input), url_column=url_column, exclude=_store_files(store_path))
    _check_counts(workers, fetch_threads, per_host)
    options = fetch_options or FetchOptions()
    workers = workers or default_workers()
    pdf_engine = _pdf_engine(check_options.pdf_engine)
    if executor is None:
        # The rule names chosen here, so every worker runs the same ones whatever it is told.
        check = replace(check_options, rules=names, pdf_engine=pdf_engine)
        local = LocalSettings(check, options, workers, fetch_threads, per_host)
        on_pacing = progress.paced if isinstance(progress, PacingListener) else None
        executor = _executor(engine, local, scheduler, on_pacing)
    settings: JsonObject = {
        "input_kind": batch_input.kind.value, "model": model, "workers": workers,
        "fetch_threads": fetch_threads, "per_host": per_host, "refresh": refresh,
        "retry_failed": retry_failed, "retry_worker_deaths": retry_worker_deaths,
        "max_pages": check_options.max_pages, "fetch": asdict(options),
        "discover": check_options.discover, "ocr": check_options.ocr,
        "max_chars": check_options.max_chars, "engine": engine,
        "scheduler": scheduler, "pdf_engine": pdf_engine.value,
        "treat_as_statement": check_options.treat_as_statement,
    }  # fmt: skip
    with store_lock(store_path), ResultStore.open(store_path) as results:
        described = [describe_rule_set(r) for r in rule_sets]
        _check_rule_sets(results, described, refresh)
        results.add_input_columns(batch_input.columns())
        run_id = results.start_run(__version__, described, batch_input.describe(), settings)
        redo = Redo(refresh, retry_failed, retry_worker_deaths)
        return _run(batch_input, results, run_id, executor, progress, redo)


def _pdf_engine(name: PdfEngine | str) -> PdfEngine:
    """The engine a CheckOptions names; one built from a string of no engine is refused."""
    try:
        return PdfEngine(name)
    except ValueError:
        choices = ", ".join(engine.value for engine in PdfEngine)
        raise UsageError(f"unknown PDF engine {name!r}: use {choices}") from None


def _executor(
    engine: str, local: LocalSettings, scheduler: str | None, on_pacing: PacingObserver | None
) -> Executor:
    if engine == "local":
        if scheduler is not None:
            raise UsageError(
                f"a scheduler address needs the dask engine ({SETTING})",
                setting=Setting.DASK_ENGINE,
            )
        return LocalExecutor(local, on_pacing)
    if engine == "dask":
        from msa_check.batch.dask_engine import DaskExecutor

        return DaskExecutor(local, scheduler, on_pacing)
    raise UsageError(f"unknown batch engine {engine!r}: use local or dask")


@dataclass(frozen=True)
class Redo:
    """Which stored items a run checks again."""

    refresh: bool = False  # all of them
    retry_failed: bool = False  # failures, but not WorkerDied
    retry_worker_deaths: bool = False  # WorkerDied failures: items that killed the worker

    def wanted(self, results: ResultStore, key: str) -> bool:
        status = results.status_of(key)
        if status is None or self.refresh:
            return True
        if status != FAILED or not (self.retry_failed or self.retry_worker_deaths):
            return False
        died = results.error_class_of(key) == WorkerDied.__name__
        return self.retry_worker_deaths if died else self.retry_failed


def _run(
    batch_input: BatchInput, results: ResultStore, run_id: int, executor: Executor,
    progress: ProgressListener | None, redo: Redo,
) -> BatchRun:  # fmt: skip
    counts = BatchCounts(total=0)
    outcome = "interrupted"
    started = False

    def pending() -> Iterator[BatchItem]:
        nonlocal counts
        for item in batch_input.items():
            if redo.wanted(results, item.key):
                yield item
                continue
            counts = BatchCounts(counts.total, counts.checked, counts.failed, counts.skipped + 1)
            if progress:
                progress.update(counts, None)

    try:
        counts = BatchCounts(total=batch_input.count())
        if progress:
            progress.start(counts)
            started = True
        for finished in executor.run(pending()):
            results.record(finished, run_id)
            counts = BatchCounts(
                counts.total,
                counts.checked + finished.ok,
                counts.failed + (not finished.ok),
                counts.skipped,
            )
            if progress:
                progress.update(counts, finished)
        outcome = "finished"
    except Exception:
        outcome = "failed"
        raise
    finally:
        results.finish_run(run_id, outcome, asdict(counts))
        if progress and started:
            progress.stop(counts)
    return BatchRun(results.path, run_id, counts)


def describe_rule_set(rule_set: RuleSet) -> JsonObject:
    return {
        "id": rule_set.id,
        "title": rule_set.title,
        "version": rule_set.version,
        "criteria": [c.id for c in rule_set.criteria],
        # Which come first in an export; a store written before this reads them from a report.
        "mandatory": [c.id for c in rule_set.criteria if c.mandatory],
    }


def _check_rule_sets(results: ResultStore, wanted: list[JsonObject], refresh: bool) -> None:
    """Refuse to mix results of different rules in one store, unless redoing them all."""
    stored = results.rule_sets()
    changed = bool(stored) and _versions(stored) != _versions(wanted)
    if changed and results.count():
        if not refresh:
            raise UsageError(
                f"{results.path} holds results checked with {_versions(stored)}, not "
                f"{_versions(wanted)}: use {SETTING}",
                setting=Setting.REFRESH_OR_OTHER_STORE,
            )
        # Results of other rules, even of items this input no longer lists, would mix
        # two rule sets in one export: the store starts again.
        results.forget_results()
    results.set_rule_sets(wanted)


def _versions(rule_sets: list[JsonObject]) -> str:
    return ", ".join(f"{r['id']} {r['version']}" for r in rule_sets)


def _check_counts(workers: int | None, fetch_threads: int, per_host: int) -> None:
    for name, value in (("workers", workers), ("fetch threads", fetch_threads),
                        ("requests per host", per_host)):  # fmt: skip
        if value is not None and value < 1:
            raise UsageError(f"{name} must be at least 1, got {value}")


def _store_files(store: Path) -> list[Path]:
    """The store and its WAL files, which a folder input must not try to check."""
    return [
        store,
        store.with_name(store.name + "-wal"),
        store.with_name(store.name + "-shm"),
        lock_path(store),
    ]
