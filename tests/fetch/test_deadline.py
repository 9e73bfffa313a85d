"""The total deadline of one source holds while waiting for headers and while reading."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler

import pytest

from msa_check.errors import FetchError
from msa_check.fetch import fetch_statement
from tests.fetch.servers import QUICK, RawServer

# Room over the deadline for a loaded CI machine (8 jobs on 2 cores have taken seconds to
# schedule a thread). Still far below what an ignored deadline costs: the silent server
# holds the socket for 30 s and the trickle would take 5,000 s.
SCHEDULING_SLACK = 5.0


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

    assert (
        message == f"{url} took longer than the 0.5 s deadline (use total_deadline to allow longer)"
    )
    assert took < 0.5 + SCHEDULING_SLACK


def test_trickling_body_cannot_outlast_the_deadline(raw_server: RawServer) -> None:
    # A byte every 50 ms never trips the 30 s read timeout; only the deadline stops it.
    def trickle(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        handler.wfile.write(b"%PDF-1.7")
        while not stop.wait(0.05):
            handler.wfile.write(b" ")
            handler.wfile.flush()

    url = raw_server.route("/trickle", trickle)

    message, took = fetch_error(url, deadline=1)

    assert (
        message == f"{url} took longer than the 1 s deadline (use total_deadline to allow longer)"
    )
    assert took < 1 + SCHEDULING_SLACK
