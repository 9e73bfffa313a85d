"""At most so many fetches to one host at a time, for the fetch threads of a batch.

Apart from the executor because it knows nothing of items or processes: it holds a fetch
of a location until its host has a free slot.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit


class HostLimiter:
    """At most `limit` fetches from one host at a time; local paths are not limited."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._active: dict[str, int] = {}
        self._changed = threading.Condition()

    @contextmanager
    def hold(self, location: str) -> Iterator[None]:
        try:
            host = urlsplit(location).hostname if "://" in location else None
        except ValueError:  # a malformed URL: the fetch refuses it with the reason
            host = None
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
