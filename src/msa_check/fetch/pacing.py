"""A least interval between requests to one host, kept across threads.

A batch fetches from several threads, and many suppliers' statements sit on one host
(a registry, a group's shared site), so the interval is kept per host and shared.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from msa_check.fetch.deadline import Deadline


def host_of(url: str) -> str:
    """scheme://host[:port], lower-cased: what robots.txt and the interval are kept per."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


# Told of each wait for a host's turn: the host (scheme://host[:port]), the seconds this
# request waits, and the interval. A batch's progress display says so, or it looks stuck.
PacingObserver = Callable[[str, float, float], None]


class HostPacer:
    """Makes each request to a host wait until `interval` seconds after the one before.

    `clock` is the monotonic clock the slots are booked on; a test passes its own to check
    the slots chosen without depending on how fast threads run.
    """

    def __init__(
        self,
        interval: float,
        on_wait: PacingObserver | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.interval = interval
        self._on_wait = on_wait
        self._clock = clock
        self._lock = threading.Lock()
        self._next_slot: dict[str, float] = {}

    def wait_turn(self, url: str, deadline: Deadline) -> None:
        """Sleep until this request may go; a turn past the deadline raises its error."""
        deadline.sleep(self.book_turn(url, deadline))

    def book_turn(self, url: str, deadline: Deadline) -> float:
        """Book this request's slot; the seconds it must wait for it (0 if none).

        Each caller books the next free slot while holding the lock, then sleeps outside
        it, so threads queue in order without blocking one another's hosts.
        """
        if self.interval <= 0:
            return 0.0
        host = host_of(url)
        with self._lock:
            now = self._clock()
            slot = max(now, self._next_slot.get(host, now))
            if slot - now > deadline.remaining():
                raise deadline.error()
            self._next_slot[host] = slot + self.interval
        if slot > now and self._on_wait is not None:
            self._on_wait(host, slot - now, self.interval)
        return slot - now
