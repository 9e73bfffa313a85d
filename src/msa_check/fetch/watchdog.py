"""A watchdog that shuts the connection when a source's deadline passes, whatever the server does.

Socket timeouts bound each wait, not the sum: a server sending its status line, headers or
chunk-size lines a byte a second never trips them, and urllib3 reads those lines without
coming back to us. So each request runs under a Watch: a timer set for the deadline that,
when it fires, shuts down every socket the request opened or reused (shutdown, not close,
so the thread blocked in recv wakes at once), and remembers what the request was doing so
the error can say so.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.response import BaseHTTPResponse

from msa_check.errors import FetchError
from msa_check.fetch.deadline import Deadline

CONNECTING = "connecting to"
HEADERS = "receiving the status line and headers from"
BODY = "receiving the body from"

_current = threading.local()  # .watch: the Watch of this thread's request, if any


class Watch:
    """One request's sockets and phase, shut down by a timer when the deadline passes."""

    def __init__(self, deadline: Deadline, host: str) -> None:
        self.deadline = deadline
        self.host = host
        self.phase = CONNECTING
        self.fired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(deadline.remaining(), self._fire)
        self._timer.daemon = True

    def watch_socket(self, sock: socket.socket | None, phase: str) -> None:
        if sock is None:
            return
        with self._lock:
            if not self.fired:
                self.phase = phase
            self._sockets.append(sock)
            fired = self.fired
        if fired:  # the deadline passed before this socket was known
            _shut(sock)

    def set_phase(self, phase: str) -> None:
        # Once fired the phase is frozen: a shut socket ends the header block early, so
        # the request would seem to have moved on to the body when it had not.
        with self._lock:
            if not self.fired:
                self.phase = phase

    def error(self) -> FetchError:
        return self.deadline.error(f"while {self.phase} {self.host}")

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.cancel()


def _shut(sock: socket.socket) -> None:
    with suppress(OSError):  # already closed by the other side or by urllib3
        sock.shutdown(socket.SHUT_RDWR)


@contextmanager
def watched(deadline: Deadline, host: str) -> Iterator[Watch]:
    """Run a request under a Watch; the caller asks `watch.fired` to tell its errors apart."""
    watch = Watch(deadline, host)
    _current.watch = watch
    watch.start()
    try:
        yield watch
    finally:
        watch.stop()
        _current.watch = None


def _watch_of_this_thread() -> Watch | None:
    watch: Watch | None = getattr(_current, "watch", None)
    return watch


class _WatchedHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        watch = _watch_of_this_thread()
        if watch is not None:
            watch.watch_socket(sock, CONNECTING)
        return sock

    def getresponse(self) -> BaseHTTPResponse:  # type: ignore[override]
        # Called for new and reused (keep-alive) connections alike, just before the
        # status line is read.
        watch = _watch_of_this_thread()
        if watch is not None:
            watch.watch_socket(self.sock, HEADERS)
        return super().getresponse()


class _WatchedHTTPSConnection(_WatchedHTTPConnection, HTTPSConnection):
    """The same watch over TLS: HTTPSConnection is an HTTPConnection, so the watched
    methods above come first in its method order and reach TLS through super()."""


class WatchedHTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class WatchedHTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


WATCHED_POOLS = {"http": WatchedHTTPConnectionPool, "https": WatchedHTTPSConnectionPool}
