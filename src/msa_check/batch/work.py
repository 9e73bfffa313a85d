"""The two steps of an item, each returning a value instead of raising: fetch, then analyse.

`fetch_item` runs on a thread of the parent process; `analyse_fetched` runs in a worker
process whose Checker was built once by `start_worker`. A failure of either step is an
ItemFailure, so one bad supplier never stops a batch.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING

from msa_check.batch.items import BatchItem, ItemFailure, JsonObject, no_location_message
from msa_check.check_options import CheckOptions
from msa_check.errors import ExitCode, FetchError, MsaCheckError
from msa_check.fetch import Fetcher, FetchOptions, LocatedStatement, locate_statement

if TYPE_CHECKING:
    from msa_check.checker import Checker


def failure_of(exc: BaseException) -> ItemFailure:
    if isinstance(exc, MsaCheckError):
        return ItemFailure(type(exc).__name__, exc.message, int(exc.exit_code))
    # A bug in msa-check or a library: recorded, so the batch goes on and the row says so.
    return ItemFailure(type(exc).__name__, f"internal error: {exc}", int(ExitCode.INTERNAL))


def fetch_item(
    item: BatchItem,
    options: FetchOptions,
    fetcher: Fetcher | None = None,
    hold: Callable[[str], AbstractContextManager[object]] = lambda _: nullcontext(),
    *,
    discover: bool = True,
) -> LocatedStatement | ItemFailure:
    """Fetch the first of the item's locations that can be fetched.

    A homepage leads to its statement and a statement URL to its homepage's link, as in
    `msa-check check`, unless `discover` is off. `fetcher` is shared by the whole batch
    (robots.txt, pacing and the cache are kept across items); `hold(location)` is entered
    around each fetch: a per-host limit.
    """
    if not item.locations:
        return failure_of(FetchError(no_location_message(item)))
    failure: ItemFailure | None = None
    # A homepage that led to no statement, or only to a page kept in reserve: the next
    # location may still lead to one.
    not_found: LocatedStatement | None = None
    for location in item.locations:
        try:
            with hold(location):
                located = locate_statement(
                    location, options, discover=discover, fetcher=fetcher, homepage=item.homepage
                )
        except Exception as exc:
            failure = failure_of(exc) if failure is None else failure  # report the first
            continue
        discovery = located.discovery
        if discovery is None or (discovery.statement_found and not discovery.in_reserve):
            return located
        not_found = not_found or located
    if not_found is not None:
        return not_found  # "no statement found" is a result, not a failure (issue 17)
    assert failure is not None
    return failure


# In each worker process: the Checker, built once by the pool's initializer, and the
# options it was built from.
_checker: Checker | None = None
_options: CheckOptions | None = None


def start_worker(options: CheckOptions) -> None:
    """Pool initializer: build this process's Checker; leave Ctrl-C to the parent."""
    global _checker, _options
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    # Forked from a forkserver that prebuilt this Checker: take it, its pages shared.
    preload = sys.modules.get("msa_check.batch.preload")
    prebuilt = preload.preloaded_checker(options) if preload is not None else None
    _checker = prebuilt or build_checker(options)
    _options = options


# Tells a forkserver started after it which Checker to prebuild (batch/preload.py).
PRELOAD_ENV = "MSA_CHECK_BATCH_PRELOAD"


def announce_preload(options: CheckOptions) -> None:
    """In the client: ask the forkserver, if not yet started, to prebuild this Checker."""
    os.environ[PRELOAD_ENV] = options.to_json()


def announced_options() -> CheckOptions | None:
    """In the forkserver: the options the client announced, or None (none, or damaged)."""
    try:
        return CheckOptions.from_json(os.environ.get(PRELOAD_ENV, "null"))
    except (TypeError, ValueError):
        return None


def build_checker(options: CheckOptions) -> Checker:
    """The Checker `options` describe: rules and spaCy loaded, once per worker process.

    The rule names are the ones run_batch chose, never none, so none is chosen again here.
    """
    from msa_check.checker import Checker

    return Checker.from_options(options)


def _exit_with_parent() -> None:
    """End this worker when the batch process ends, even by kill -9, which no pipe reports."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)  # nothing to clean up: results are written by the parent only

    threading.Thread(target=watch, name="msa-check-parent-watch", daemon=True).start()


def analyse_fetched(located: LocatedStatement) -> JsonObject | ItemFailure:
    """Extract and analyse fetched bytes; the report as JSON-ready dict, without the bytes."""
    assert _checker is not None and _options is not None, "start_worker was not run"
    return analyse_with(_checker, _options, located)


def analyse_with(
    checker: Checker, options: CheckOptions, located: LocatedStatement
) -> JsonObject | ItemFailure:
    """One item's report as a JSON-ready dict, or the reason it has none."""
    from msa_check.report.json_report import report_to_dict

    try:
        # check_located, as `msa-check check` does: what locating the statement noted (a
        # homepage that could not be read, a document host's unknown homepage) stays
        # among the report's warnings.
        report, _ = checker.check_located(located, max_pages=options.max_pages)
    except Exception as exc:
        return failure_of(exc)
    return report_to_dict(report)
