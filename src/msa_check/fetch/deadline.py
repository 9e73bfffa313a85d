"""The total time one source may take, across robots.txt, retries, redirects and the body."""

from __future__ import annotations

import time

from msa_check.errors import SETTING, FetchError, Setting

# Below this a socket timeout is pointless and the deadline has in effect passed; the
# margin also lets a timeout that fired a hair early count as the deadline's.
_SHORTEST_WAIT = 0.01


class Deadline:
    """A point on the monotonic clock after which fetching `url` gives up."""

    def __init__(self, seconds: float, url: str) -> None:
        self.seconds = seconds
        self.url = url
        self._ends = time.monotonic() + seconds

    def remaining(self) -> float:
        return max(0.0, self._ends - time.monotonic())

    @property
    def passed(self) -> bool:
        return self.remaining() <= _SHORTEST_WAIT

    def bound(self, timeout: float) -> float:
        """`timeout`, shortened so that waiting it out cannot pass the deadline."""
        return max(_SHORTEST_WAIT, min(timeout, self.remaining()))

    def check(self) -> None:
        if self.passed:
            raise self.error()

    def error(self, doing: str = "") -> FetchError:
        """The deadline's error; `doing` (e.g. "while connecting to HOST") says where it hit."""
        where = f" {doing}" if doing else ""
        return FetchError(
            f"{self.url} took longer than the {self.seconds:g} s deadline{where}"
            f" (use {SETTING} to allow longer)",
            setting=Setting.DEADLINE,
        )

    def sleep(self, seconds: float) -> None:
        """Wait `seconds`; raise the deadline's error instead if they would pass it."""
        if seconds > self.remaining():
            raise self.error()
        if seconds > 0:
            time.sleep(seconds)
