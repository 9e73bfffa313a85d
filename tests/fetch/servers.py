"""Servers on 127.0.0.1 for the fetch tests, and fetch options that keep the tests quick.

`RawServer` is the standard library's HTTP server in a thread, answering each path with a
function that writes to the socket directly, for the misbehaviour pytest-httpserver cannot
produce. Slow handlers wait on `stop`, which teardown sets, so no test waits out a sleep.
`serve_site` serves one of the small websites under tests/fetch/site/ with pytest-httpserver.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pytest_httpserver import HTTPServer

from msa_check.fetch import FetchOptions

SITES = Path(__file__).parent / "site"
# No pacing, robots.txt or retries, and short timeouts: each test sees only the requests
# it makes, and a failure shows in a second, not a minute.
QUICK = FetchOptions(
    connect_timeout=0.5, read_timeout=0.5, host_interval=0, respect_robots=False, retries=0
)
# Room over a deadline for a loaded CI machine (8 jobs on 2 cores have taken seconds to
# schedule a thread). Still far below what an ignored deadline or Retry-After costs: the
# silent server holds the socket for 30 s, the trickle would take 5,000 s.
SCHEDULING_SLACK = 5.0
_CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8",
}

Behaviour = Callable[[BaseHTTPRequestHandler, threading.Event], None]


@dataclass
class RawServer:
    base_url: str
    stop: threading.Event
    behaviours: dict[str, Behaviour] = field(default_factory=dict)

    def route(self, path: str, behaviour: Behaviour) -> str:
        """Answer `path` with `behaviour`; return its full URL."""
        self.behaviours[path] = behaviour
        return self.base_url + path


def start_answer(handler: BaseHTTPRequestHandler, length: int, first_bytes: bytes) -> None:
    """Send a 200 that declares a body of `length` bytes, and the first of them."""
    handler.send_response(200)
    handler.send_header("Content-Length", str(length))
    handler.end_headers()
    handler.wfile.write(first_bytes)
    handler.wfile.flush()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # so that chunked transfer encoding is allowed
    server: _Server

    def do_GET(self) -> None:
        behaviour = self.server.raw.behaviours[self.path]
        self.close_connection = True
        # The client hanging up mid-answer is what the code under test should do when
        # it has had enough, not a server failure.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            behaviour(self, self.server.raw.stop)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    raw: RawServer


@contextlib.contextmanager
def running_raw_server() -> Iterator[RawServer]:
    server = _Server(("127.0.0.1", 0), _Handler)
    host, port = server.server_address[:2]
    server.raw = RawServer(base_url=f"http://{host!s}:{port}", stop=threading.Event())
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server.raw
    finally:
        server.raw.stop.set()
        server.shutdown()
        server.server_close()
        thread.join()


def serve_site(httpserver: HTTPServer, name: str) -> str:
    """Serve tests/fetch/site/NAME/ and return its homepage URL.

    index.html answers "/", other .html files their path without ".html", anything else
    its own path; a site without a robots.txt answers 404 for it, as most sites do.
    """
    root = SITES / name
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        relative = "/" + path.relative_to(root).as_posix()
        if relative == "/index.html":
            relative = "/"
        elif relative.endswith(".html"):
            relative = relative.removesuffix(".html")
        content_type = _CONTENT_TYPES.get(path.suffix, "application/octet-stream")
        httpserver.expect_request(relative).respond_with_data(
            path.read_bytes(), content_type=content_type
        )
    if not (root / "robots.txt").exists():
        httpserver.expect_request("/robots.txt").respond_with_data("not found", status=404)
    return httpserver.url_for("/")


@contextlib.contextmanager
def socket_server(serve: Callable[[socket.socket], None], backlog: int = 2) -> Iterator[str]:
    """A bare TCP listener on 127.0.0.1 whose connections `serve` handles, in a thread.

    For what even a raw HTTP handler cannot do, such as resetting a connection. Yields
    the URL of a statement on it; closes the listener after `serve` returns.
    """
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(backlog)
    port = listener.getsockname()[1]
    thread = threading.Thread(target=serve, args=(listener,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/statement"
    finally:
        thread.join(timeout=5)
        listener.close()


def reset_connection(listener: socket.socket) -> None:
    """Accept one connection, read the request, and reset it (TCP RST, not a clean close)."""
    connection, _ = listener.accept()
    connection.recv(65536)
    # Linger with a zero timeout makes close() send RST instead of FIN.
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    connection.close()
