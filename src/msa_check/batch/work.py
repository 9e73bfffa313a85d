"""The two steps of an item, each returning a value instead of raising: fetch, then analyse.

`fetch_item` runs on a thread of the parent process; `analyse_fetched` runs in a worker
process whose Checker was built once by `start_worker`. A failure of either step is an
ItemFailure, so one bad supplier never stops a batch.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING

from msa_check.batch.items import BatchItem, ItemFailure, JsonObject
from msa_check.errors import ExitCode, FetchError, MsaCheckError
from msa_check.fetch import FetchOptions, fetch_statement
from msa_check.models import FetchedSource

if TYPE_CHECKING:
    from msa_check.check import Checker


@dataclass(frozen=True)
class WorkerSettings:
    """What a worker process needs to build its Checker: rule set names and the model."""

    rule_names: tuple[str, ...]
    model: str
    max_pages: int | None = None


def failure_of(exc: BaseException) -> ItemFailure:
    if isinstance(exc, MsaCheckError):
        return ItemFailure(type(exc).__name__, exc.message, int(exc.exit_code))
    # A bug in msa-check or a library: recorded, so the batch goes on and the row says so.
    return ItemFailure(type(exc).__name__, f"internal error: {exc}", int(ExitCode.INTERNAL))


def fetch_item(
    item: BatchItem,
    options: FetchOptions,
    hold: Callable[[str], AbstractContextManager[object]] = lambda _: nullcontext(),
) -> FetchedSource | ItemFailure:
    """Fetch the first of the item's locations that can be fetched.

    `hold(location)` is entered around each fetch: the executor's per-host limit.
    """
    if not item.locations:
        return failure_of(FetchError(f"item {item.number} of the input gives no URL or path"))
    failure: ItemFailure | None = None
    for location in item.locations:
        try:
            with hold(location):
                return fetch_statement(location, options)
        except Exception as exc:
            failure = failure_of(exc) if failure is None else failure  # report the first
    assert failure is not None
    return failure


# In each worker process: the Checker, built once by the pool's initializer.
_checker: Checker | None = None
_settings: WorkerSettings | None = None


def start_worker(settings: WorkerSettings) -> None:
    """Pool initializer: build this process's Checker; leave Ctrl-C to the parent."""
    global _checker, _settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from msa_check.check import Checker, load_rule_sets
    from msa_check.nlp import load_pipeline

    _checker = Checker(load_rule_sets(settings.rule_names), load_pipeline(settings.model))
    _settings = settings


def analyse_fetched(fetched: FetchedSource) -> JsonObject | ItemFailure:
    """Extract and analyse fetched bytes; the report as JSON-ready dict, without the bytes."""
    from msa_check.report.json_report import report_to_dict

    assert _checker is not None and _settings is not None, "start_worker was not run"
    try:
        report = _checker.check_fetched(fetched, max_pages=_settings.max_pages)
    except Exception as exc:
        return failure_of(exc)
    return report_to_dict(report)
