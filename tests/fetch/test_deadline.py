"""The total deadline of one source holds while waiting for headers and while reading."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler

import pytest

from msa_check.errors import FetchError
from msa_check.fetch import fetch_statement, locate_statement
from tests.fetch.servers import QUICK, SCHEDULING_SLACK, Behaviour, RawServer, start_answer


def fetch_error(url: str, deadline: float) -> tuple[str, float]:
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch_statement(url, replace(QUICK, read_timeout=30, total_deadline=deadline))
    return caught.value.message, time.monotonic() - started


def test_server_slower_than_the_deadline(raw_server: RawServer) -> None:
    def never_answer(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        stop.wait(30)

    url = raw_server.route("/slow", never_answer)

    message, took = fetch_error(url, deadline=0.5)

    assert message == (
        f"{url} took longer than the 0.5 s deadline while receiving the status line and"
        f" headers from {url.split('/')[2]} (use total_deadline to allow longer)"
    )
    assert took < 0.5 + SCHEDULING_SLACK


def test_trickling_body_cannot_outlast_the_deadline(raw_server: RawServer) -> None:
    # A byte every 50 ms never trips the 30 s read timeout; only the deadline stops it.
    def trickle(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        start_answer(handler, 100_000, b"%PDF-1.7")
        while not stop.wait(0.05):
            handler.wfile.write(b" ")
            handler.wfile.flush()

    url = raw_server.route("/trickle", trickle)

    message, took = fetch_error(url, deadline=1)

    assert message == (
        f"{url} took longer than the 1 s deadline while receiving the body from"
        f" {url.split('/')[2]} (use total_deadline to allow longer)"
    )
    assert took < 1 + SCHEDULING_SLACK


def _trickle(data: bytes, stop: threading.Event, handler: BaseHTTPRequestHandler) -> None:
    for byte in data:
        if stop.wait(0.2):
            return
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()
    stop.wait(30)


def _status_line_trickle(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
    _trickle(b"HTTP/1.1 200 OK\r\n" * 50, stop, handler)


def _headers_trickle(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
    handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
    _trickle(b"X-Slow: " + b"a" * 1000 + b"\r\n", stop, handler)


def _chunk_size_trickle(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
    handler.wfile.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
    _trickle(b"0" * 1000, stop, handler)  # one chunk-size line that never ends


@pytest.mark.parametrize(
    ("behaviour", "phase"),
    [
        (_status_line_trickle, "receiving the status line and headers from"),
        (_headers_trickle, "receiving the status line and headers from"),
        (_chunk_size_trickle, "receiving the body from"),
    ],
)
def test_watchdog_ends_a_byte_at_a_time_server_at_the_deadline(
    raw_server: RawServer, behaviour: Behaviour, phase: str
) -> None:
    # Each byte comes well within the 30 s read timeout, and urllib3 reads status,
    # header and chunk-size lines without returning to us: only the watchdog stops it.
    url = raw_server.route("/trickle", behaviour)
    host = url.split("/")[2]

    message, took = fetch_error(url, deadline=1)

    assert message == (
        f"{url} took longer than the 1 s deadline while {phase} {host}"
        " (use total_deadline to allow longer)"
    )
    assert took < 3 * 1 + SCHEDULING_SLACK


def test_one_deadline_covers_the_homepage_and_every_candidate(raw_server: RawServer) -> None:
    # Four stalled statement links: with a per-URL deadline this took four deadlines.
    links = "".join(
        f'<a href="/modern-slavery-statement-{n}.pdf">Modern slavery statement {n}</a>'
        for n in range(4)
    )
    page = f"<html><body><h1>Acme</h1>{links}</body></html>".encode()

    def homepage(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(len(page)))
        handler.end_headers()
        handler.wfile.write(page)

    def stall(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        stop.wait(30)

    url = raw_server.route("/", homepage)
    for n in range(4):
        raw_server.route(f"/modern-slavery-statement-{n}.pdf", stall)
    options = replace(QUICK, read_timeout=30, total_deadline=1.5)

    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        locate_statement(url, options)
    took = time.monotonic() - started

    assert "took longer than the 1.5 s deadline" in caught.value.message
    assert took < 3 * 1.5 + SCHEDULING_SLACK
