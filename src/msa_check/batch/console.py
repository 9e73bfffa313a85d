"""What a person sees of a batch: progress while it runs, a summary table when it ends.

On a terminal, a rich progress bar (done, failed, rate, ETA); otherwise a plain line every
`every_items` items or `every_seconds` seconds, which reads well in a CI log. Both write
to the console they are given (the CLI gives stderr).
"""

from __future__ import annotations

import time

from rich import box
from rich.console import Console, Group
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.table import Table

from msa_check.batch.items import ItemOutcome
from msa_check.batch.run import BatchCounts
from msa_check.batch.summary import StoreSummary

VERDICTS = ("met", "partial", "missing", "not_checked")


class _Rate:
    """Items per second and the time left, from the items this run has done itself."""

    def __init__(self) -> None:
        self._started = time.monotonic()

    def describe(self, counts: BatchCounts) -> str:
        elapsed = max(time.monotonic() - self._started, 1e-9)
        rate = (counts.checked + counts.failed) / elapsed
        left = counts.total - counts.done
        eta = f"ETA {_duration(left / rate)}" if rate > 0 and left else ""
        return f"{rate:.1f} items/s {eta}".strip()


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min {seconds:02d} s"


def _tally(counts: BatchCounts) -> str:
    return f"{counts.checked} checked, {counts.failed} failed, {counts.skipped} already stored"


class BarProgress:
    """A rich progress bar, for a terminal."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            TextColumn("checking"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[tally]}"), TextColumn("{task.fields[rate]}"),
            console=console,
        )  # fmt: skip
        self._task: TaskID | None = None
        self._rate = _Rate()

    def start(self, counts: BatchCounts) -> None:
        self._rate = _Rate()
        self._progress.start()
        self._task = self._progress.add_task("batch", total=counts.total, tally="", rate="")

    def update(self, counts: BatchCounts, outcome: ItemOutcome | None) -> None:
        if self._task is not None:
            self._progress.update(
                self._task,
                completed=counts.done,
                tally=_tally(counts),
                rate=self._rate.describe(counts),
            )

    def stop(self, counts: BatchCounts) -> None:
        self.update(counts, None)
        self._progress.stop()


class LogProgress:
    """A plain line now and then, for logs and pipes."""

    def __init__(self, console: Console, every_items: int = 100, every_seconds: float = 10) -> None:
        self._console = console
        self._every_items = every_items
        self._every_seconds = every_seconds
        self._rate = _Rate()
        self._last_time = 0.0
        self._last_done = 0

    def start(self, counts: BatchCounts) -> None:
        self._rate = _Rate()
        self._last_time = time.monotonic()
        self._say(f"{counts.total} items to check")

    def update(self, counts: BatchCounts, outcome: ItemOutcome | None) -> None:
        now = time.monotonic()
        due = counts.done - self._last_done >= self._every_items
        if due or now - self._last_time >= self._every_seconds:
            self._last_time, self._last_done = now, counts.done
            self._line(counts)

    def stop(self, counts: BatchCounts) -> None:
        self._line(counts)

    def _line(self, counts: BatchCounts) -> None:
        share = f" ({100 * counts.done / counts.total:.0f}%)" if counts.total else ""
        self._say(f"{counts.done}/{counts.total}{share}: {_tally(counts)}; "
                  f"{self._rate.describe(counts)}")  # fmt: skip

    def _say(self, text: str) -> None:
        self._console.print(f"msa-check batch: {text}", markup=False, highlight=False)


def summary_tables(summary: StoreSummary) -> Group:
    """The end-of-run summary of a whole store, as rich tables."""
    parts: list[Table] = [_totals(summary)]
    if summary.verdicts:
        parts.append(_verdicts(summary))
    if summary.failures:
        parts.append(_failures(summary))
    if summary.registry_compared:
        parts.append(_registry(summary))
    return Group(*parts)


def _table(title: str, *headers: str) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    for index, header in enumerate(headers):
        table.add_column(header, justify="left" if index == 0 else "right")
    return table


def _totals(summary: StoreSummary) -> Table:
    table = _table("results in the store", "items", "checked", "failed", "mandatory met")
    table.add_row(*(str(n) for n in (summary.items, summary.checked, summary.failed,
                                     summary.mandatory_met)))  # fmt: skip
    return table


def _verdicts(summary: StoreSummary) -> Table:
    table = _table("verdicts per criterion (checked items)", "criterion", *VERDICTS)
    for (rule_set, criterion), counts in summary.verdicts.items():
        table.add_row(f"{rule_set}.{criterion}", *(str(counts[v]) for v in VERDICTS))
    return table


def _failures(summary: StoreSummary) -> Table:
    table = _table("failures by reason", "reason", "items")
    for (error_class, reason), count in summary.failures.most_common():
        table.add_row(f"{error_class}: {reason}", str(count))
    return table


def _registry(summary: StoreSummary) -> Table:
    title = f"registry claims vs the text ({summary.registry_compared} items compared)"
    table = _table(title, "criterion", "claimed, not found", "found, not claimed")
    names = sorted(set(summary.claimed_not_found) | set(summary.found_not_claimed))
    for name in names:
        table.add_row(name, str(summary.claimed_not_found[name]),
                      str(summary.found_not_claimed[name]))  # fmt: skip
    if not names:
        table.add_row("(every claim agrees with the text)", "0", "0")
    return table
