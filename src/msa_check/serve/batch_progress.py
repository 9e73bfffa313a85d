"""A supplier list's progress, read from the results store its `msa-check batch` writes.

The store is the one record of a run, so the page reads it, never the run's output. A
store that does not exist yet, or that SQLite has made but the run has not yet set up,
is a run that has done nothing so far. Any other failure to read it (a damaged file, a
file that is no store, a store locked past the wait) is shown as that failure, naming the
file: read as "nothing done", a damaged store would look like a run that had not begun.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from msa_check.batch.store import CHECKED, FAILED, ResultStore, StoreNotReady
from msa_check.errors import MsaCheckError


@dataclass(frozen=True)
class BatchProgress:
    total: int
    checked: int  # items with a report
    failed: int  # items stored as failed (a dead link, an unreadable file)
    rate: float | None  # items per second in the current run
    eta_seconds: float | None

    @property
    def done(self) -> int:
        return self.checked + self.failed


@dataclass(frozen=True)
class StoreState:
    """What a store says of its run: its latest run, result counts, or why it cannot say."""

    run: dict[str, Any] | None = None
    counts: dict[str, int] = field(default_factory=lambda: {CHECKED: 0, FAILED: 0, "run": 0})
    problem: str | None = None  # the store's error, naming the file; None when it was read


def read_store_state(path: Path) -> StoreState:
    """The store's latest run and its result counts; nothing yet if there is no store."""
    if not path.is_file():
        return StoreState()
    try:
        with ResultStore.open(path, create=False) as results:
            runs = results.runs()
            run = runs[-1] if runs else None
            counts = results.status_counts()
            this_run = results.status_counts(run["id"]) if run else {}
    except StoreNotReady:  # made a moment ago and not yet set up by the run
        return StoreState()
    except MsaCheckError as error:
        return StoreState(problem=error.message)
    return StoreState(run, {**counts, "run": sum(this_run.values())})


def batch_progress(total: int, state: StoreState) -> BatchProgress:
    run, counts = state.run, state.counts
    checked, failed = counts[CHECKED], counts[FAILED]
    rate = eta = None
    if run is not None and counts["run"]:
        started = datetime.fromisoformat(str(run["started_at"]))
        ended = run.get("finished_at")
        until = datetime.fromisoformat(str(ended)) if ended else datetime.now(timezone.utc)
        elapsed = max((until - started).total_seconds(), 1.0)
        rate = counts["run"] / elapsed
        eta = max(total - checked - failed, 0) / rate
    return BatchProgress(total, checked, failed, rate, eta)
