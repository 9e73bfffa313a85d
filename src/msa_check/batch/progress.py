"""What a person sees while a batch runs: done/total, failures, rate, time left, and pacing.

On a terminal, a rich progress bar that fits 80 columns; otherwise a plain line every
`every_items` items or `every_seconds` seconds, which reads well in a CI log. Both say
when fetches are waiting for a host's turn (the least interval between two requests to
one host), so a list of one host's statements, which can go no faster than one request
a second, does not look stuck. Both write to the console they are given (the CLI gives
stderr), and both are told the name of the interval's setting by their caller (the CLI's
flag, the API's keyword), as core errors are.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable

from rich.console import Console, RenderableType
from rich.progress import BarColumn, Progress, TaskID, TextColumn
from rich.text import Text

from msa_check.batch.items import ItemOutcome
from msa_check.batch.run import BatchCounts
from msa_check.plurals import counted

# A wait this recent means fetching is being paced now; one this short is not worth saying.
_PACED_RECENTLY_SECONDS = 3.0
_WAIT_WORTH_SAYING_SECONDS = 0.25
INTERVAL_SETTING = "host_interval"  # its name in the Python API; the CLI passes its flag


class _Rate:
    """Items per second and the time left, from the items this run has done itself."""

    def __init__(self) -> None:
        self._started = time.monotonic()

    def describe(self, counts: BatchCounts) -> str:
        elapsed = max(time.monotonic() - self._started, 1e-9)
        rate = (counts.checked + counts.failed) / elapsed
        left = counts.total - counts.done
        eta = f" · ETA {_duration(left / rate)}" if rate > 0 and left else ""
        return f"{rate:.1f}/s{eta}"


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min {seconds:02d} s"


def done_line(counts: BatchCounts) -> str:
    """`1234/20000 · 12 failed`, and the items the store already held, if any."""
    parts = [f"{counts.done}/{counts.total}", f"{counts.failed} failed"]
    if counts.skipped:
        parts.append(f"{counts.skipped} stored before")
    return " · ".join(parts)


class PacingNote:
    """Which hosts fetches have waited for lately, worded for a person; thread-safe."""

    def __init__(self, setting: str) -> None:
        self._setting = setting
        self._lock = threading.Lock()
        self._waited: dict[str, float] = {}  # host -> when a fetch last waited for it
        self._interval = 0.0

    def paced(self, host: str, wait: float, interval: float) -> None:
        if wait < _WAIT_WORTH_SAYING_SECONDS:
            return
        with self._lock:
            self._waited[host] = time.monotonic()
            self._interval = interval

    def text(self) -> str:
        """`waiting 1 s between requests to example.org; host_interval to change`, or ""."""
        now = time.monotonic()
        with self._lock:
            recent = [h for h, at in self._waited.items() if now - at < _PACED_RECENTLY_SECONDS]
            self._waited = {h: self._waited[h] for h in recent}  # the rest are forgotten
            interval = self._interval
        if not recent:
            return ""
        host = recent[-1].split("://", 1)[-1]
        others = f" and {counted(len(recent) - 1, 'other host')}" if len(recent) > 1 else ""
        return (f"waiting {interval:g} s between requests to {host}{others}; "
                f"{self._setting} to change")  # fmt: skip


class _NotedProgress(Progress):
    """A rich Progress with the pacing note, when there is one, on a line below the bar."""

    def __init__(self, note: PacingNote, console: Console) -> None:
        self.note = note  # before Progress starts, which may draw at once
        super().__init__(
            BarColumn(bar_width=None),
            TextColumn("{task.fields[line]}"),
            console=console,
            expand=True,
        )

    def get_renderables(self) -> Iterable[RenderableType]:
        yield self.make_tasks_table(self.tasks)
        if text := self.note.text():
            yield Text(text, no_wrap=False)


class BarProgress:
    """A rich progress bar, for a terminal: `━━━━━  1234/20000 · 12 failed · 3.1/s · ETA ...`."""

    def __init__(self, console: Console, setting: str = INTERVAL_SETTING) -> None:
        self._note = PacingNote(setting)
        self._progress = _NotedProgress(self._note, console)
        self._task: TaskID | None = None
        self._rate = _Rate()

    def start(self, counts: BatchCounts) -> None:
        self._rate = _Rate()
        self._progress.start()
        self._task = self._progress.add_task("batch", total=counts.total, line="")
        self.update(counts, None)

    def update(self, counts: BatchCounts, outcome: ItemOutcome | None) -> None:
        if self._task is not None:
            line = f"{done_line(counts)} · {self._rate.describe(counts)}"
            self._progress.update(self._task, completed=counts.done, line=line)

    def paced(self, host: str, wait: float, interval: float) -> None:
        self._note.paced(host, wait, interval)

    def stop(self, counts: BatchCounts) -> None:
        self.update(counts, None)
        self._progress.stop()

    def renderable(self) -> RenderableType:
        """What the bar shows now (the live display redraws it ten times a second)."""
        return self._progress.get_renderable()


class LogProgress:
    """A plain line now and then, for logs and pipes."""

    def __init__(
        self,
        console: Console,
        every_items: int = 100,
        every_seconds: float = 10,
        setting: str = INTERVAL_SETTING,
    ) -> None:
        self._console = console
        self._every_items = every_items
        self._every_seconds = every_seconds
        self._note = PacingNote(setting)
        self._rate = _Rate()
        self._last_time = 0.0
        self._last_done = 0
        self._note_lock = threading.Lock()
        self._last_note_time = -float("inf")

    def start(self, counts: BatchCounts) -> None:
        self._rate = _Rate()
        self._last_time = time.monotonic()
        self._say(f"{counted(counts.total, 'item')} to check")

    def update(self, counts: BatchCounts, outcome: ItemOutcome | None) -> None:
        now = time.monotonic()
        due = counts.done - self._last_done >= self._every_items
        if due or now - self._last_time >= self._every_seconds:
            self._last_time, self._last_done = now, counts.done
            self._line(counts)

    def paced(self, host: str, wait: float, interval: float) -> None:
        """Said when pacing starts to hold fetches back, then at most every 3 lines' time."""
        self._note.paced(host, wait, interval)
        with self._note_lock:
            now = time.monotonic()
            note = self._note.text()
            if not note or now - self._last_note_time < 3 * self._every_seconds:
                return
            self._last_note_time = now
        self._say(note)

    def stop(self, counts: BatchCounts) -> None:
        self._line(counts)

    def _line(self, counts: BatchCounts) -> None:
        share = f" ({100 * counts.done / counts.total:.0f}%)" if counts.total else ""
        stored = f" · {counts.skipped} stored before" if counts.skipped else ""
        self._say(f"{counts.done}/{counts.total}{share} · {counts.checked} checked · "
                  f"{counts.failed} failed{stored} · {self._rate.describe(counts)}")  # fmt: skip

    def _say(self, text: str) -> None:
        # A log line is one line, however long: a log reader greps it.
        self._console.print(
            f"msa-check batch: {text}", markup=False, highlight=False, soft_wrap=True
        )
