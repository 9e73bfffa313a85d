"""fetch_statement against servers that misbehave: slow, endless, lying or hanging up.

pytest-httpserver cannot produce these, so `raw_server` (tests/fetch/servers.py) answers
each path with a function that writes to the socket directly. Timeouts in these tests
are half a second.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler

import pytest

from msa_check.errors import FetchError
from msa_check.fetch import FetchOptions, fetch_statement
from tests.fetch.servers import QUICK, RawServer, reset_connection, socket_server, start_answer

KIB = 1024
MIB = 1024 * 1024
FAST = QUICK


@pytest.fixture
def resetting_url() -> Iterator[str]:
    """A URL whose server reads the request, then resets the connection (TCP RST)."""
    with socket_server(reset_connection, backlog=1) as url:
        yield url


@pytest.fixture
def unanswered_url() -> Iterator[str]:
    """A URL whose server never completes the TCP handshake, so connecting times out.

    A listener with a full accept queue silently drops new SYNs on Linux.
    """
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    address = listener.getsockname()
    fillers = []
    for _ in range(3):
        filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        filler.settimeout(0.2)
        try:
            filler.connect(address)
        except OSError:
            filler.close()
            break
        fillers.append(filler)
    try:
        yield f"http://127.0.0.1:{address[1]}/statement"
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


def fetch_error(location: str, options: FetchOptions = FAST) -> str:
    with pytest.raises(FetchError) as caught:
        fetch_statement(location, options)
    return caught.value.message


def test_custom_reason_phrase_is_kept(raw_server: RawServer) -> None:
    def deny(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        handler.send_response(403, "Blocked By Bot Protection")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    url = raw_server.route("/s", deny)

    assert fetch_error(url) == f"HTTP 403 Blocked By Bot Protection from {url}"


# -- size limit ----------------------------------------------------------------------


def test_declared_content_length_over_limit_is_rejected_before_reading(
    raw_server: RawServer,
) -> None:
    # The body never comes: reading it would time out, so only the header check passes.
    def promise_huge_body(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        start_answer(handler, 5 * 1024 * MIB, b"%PDF-")
        stop.wait(5)

    url = raw_server.route("/huge", promise_huge_body)

    message = fetch_error(url, replace(FAST, read_timeout=0.5))

    assert message == f"{url} is larger than the 50 MB limit (use max_bytes to raise it)"


def test_chunked_body_without_length_is_cut_off_at_limit(raw_server: RawServer) -> None:
    # 8 MB in chunks, with no Content-Length: only counting while reading can stop it.
    def stream_far_past_limit(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        handler.send_response(200)
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        chunk = b"x" * (16 * KIB)
        for _ in range(8 * MIB // len(chunk)):
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        handler.wfile.write(b"0\r\n\r\n")

    url = raw_server.route("/endless", stream_far_past_limit)

    message = fetch_error(url, replace(FAST, max_bytes=256 * KIB, read_timeout=2))

    assert message == f"{url} is larger than the 256 KB limit (use max_bytes to raise it)"


def test_connection_reset(resetting_url: str) -> None:
    assert fetch_error(resetting_url) == (
        f"could not connect to {resetting_url}: connection reset by the server"
    )


def test_server_closing_without_answer(raw_server: RawServer) -> None:
    def hang_up(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        pass  # no status line, no headers: the connection just closes

    url = raw_server.route("/s", hang_up)

    assert fetch_error(url) == (
        f"could not connect to {url}: the server closed the connection without answering"
    )


def test_read_timeout_waiting_for_headers(raw_server: RawServer) -> None:
    def never_answer(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        stop.wait(5)

    url = raw_server.route("/slow", never_answer)

    assert fetch_error(url) == f"timed out after 0.5 s reading from {url}"


def test_read_timeout_in_the_middle_of_the_body(raw_server: RawServer) -> None:
    def stall(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        start_answer(handler, 1000, b"%PDF-1.7 first part")
        stop.wait(5)

    url = raw_server.route("/stall", stall)

    assert fetch_error(url) == f"timed out after 0.5 s reading from {url}"


def test_body_shorter_than_declared(raw_server: RawServer) -> None:
    def truncate(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        start_answer(handler, 1000, b"%PDF-1.7 only this")  # and no more

    url = raw_server.route("/short", truncate)

    assert fetch_error(url) == (
        f"the connection to {url} broke off before the whole response arrived"
    )


def test_connect_timeout(unanswered_url: str) -> None:
    message = fetch_error(unanswered_url, replace(FAST, connect_timeout=0.3))

    assert message == f"timed out after 0.3 s connecting to {unanswered_url}"
