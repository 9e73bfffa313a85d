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
from urllib.parse import urlsplit

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.response import BaseHTTPResponse

from msa_check.errors import FetchError
from msa_check.fetch.addresses import PrivateAddressError, SourceAddresses, host_addresses
from msa_check.fetch.deadline import Deadline

CONNECTING = "connecting to"
HEADERS = "receiving the status line and headers from"
BODY = "receiving the body from"

_current = threading.local()  # .watch: the Watch of this thread's request, if any


class Watch:
    """One request's sockets and phase, shut down by a timer when the deadline passes.

    It also holds the source's address rule, so each new connection is admitted (or shut)
    by the address it reached."""

    def __init__(
        self, deadline: Deadline, url: str, addresses: SourceAddresses | None = None
    ) -> None:
        self.deadline = deadline
        self.url = url
        self.host = urlsplit(url).netloc
        self.addresses = addresses
        # Whether the chain had reached a public address before this request's look-up:
        # the address connected to is judged against that, not against the look-up.
        self._reached_before: bool | None = None
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

    def admit_host(self, host: str, port: int | None) -> None:
        """Check what `host` resolves to against the rule before a packet is sent to it.

        So an internal address is refused at once, not after a connection attempt (which
        would itself probe the internal network); `admit_peer` then checks the address
        actually reached, in case the name answered differently the second time."""
        if self.addresses is None or self.addresses.allow_private:
            return
        try:
            addresses = host_addresses(host, port)
        except (OSError, UnicodeError):  # does not resolve: the connection says so
            return
        self._reached_before = self.addresses.admit(self.url, *addresses)

    def admit_peer(self, sock: socket.socket) -> None:
        """Check the address `sock` is connected to against the rule; close it if refused.

        The address is the one connected to, after DNS, so a name that answers one
        address when looked up and another when connected to cannot slip past."""
        if self.addresses is None:
            return
        try:
            address = str(sock.getpeername()[0])
        except OSError:  # already shut (the deadline): the request fails on its own
            return
        try:
            self.addresses.admit(self.url, address, reached_before=self._reached_before)
        except PrivateAddressError:
            sock.close()
            raise

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
def watched(
    deadline: Deadline, url: str, addresses: SourceAddresses | None = None
) -> Iterator[Watch]:
    """Run a request for `url` under a Watch; the caller asks `watch.fired` to tell its
    errors apart. With `addresses`, each connection it opens must pass their rule."""
    watch = Watch(deadline, url, addresses)
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
        watch = _watch_of_this_thread()
        if watch is not None:
            watch.admit_host(self.host, self.port)
        sock = super()._new_conn()
        if watch is not None:
            watch.watch_socket(sock, CONNECTING)
            watch.admit_peer(sock)
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
