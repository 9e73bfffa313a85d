"""Retries on 429, 502-504 and connection resets, with backoff, within the total deadline."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timezone

import pytest
from pytest_httpserver import HTTPServer

from msa_check.errors import FetchError
from msa_check.fetch import fetch_statement
from msa_check.fetch.retry import retry_after
from tests.fetch.servers import QUICK, SCHEDULING_SLACK, reset_connection, socket_server

STATEMENT = b"%PDF-1.7 Modern Slavery Statement"
RETRYING = replace(QUICK, retries=3, backoff_base=0.05)


def test_429_with_retry_after_is_waited_out_then_retried(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/s").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "1"}
    )
    httpserver.expect_request("/s").respond_with_data(STATEMENT)

    started = time.monotonic()
    source = fetch_statement(httpserver.url_for("/s"), RETRYING)

    assert source.content == STATEMENT
    assert source.status == 200
    assert len(httpserver.log) == 2
    assert time.monotonic() - started >= 1.0


def test_gateway_errors_are_retried_with_backoff_until_retries_run_out(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request("/s").respond_with_data("busy", status=503)
    url = httpserver.url_for("/s")

    with pytest.raises(FetchError) as caught:
        fetch_statement(url, replace(RETRYING, retries=2))

    assert caught.value.message == f"HTTP 503 Service Unavailable from {url} (after 2 retries)"
    assert len(httpserver.log) == 3


def test_other_errors_are_not_retried(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/s").respond_with_data("bug", status=500)

    with pytest.raises(FetchError, match=r"^HTTP 500 Internal Server Error from "):
        fetch_statement(httpserver.url_for("/s"), RETRYING)

    assert len(httpserver.log) == 1


def test_retry_after_past_the_deadline_gives_up_at_once(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/s").respond_with_data(
        "busy", status=503, headers={"Retry-After": "100"}
    )
    url = httpserver.url_for("/s")

    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch_statement(url, replace(RETRYING, total_deadline=2))

    assert caught.value.message == (
        f"HTTP 503 Service Unavailable from {url} (a retry in 100 s would pass the 2 s"
        " deadline; use total_deadline to allow longer)"
    )
    assert time.monotonic() - started < 2.0 + SCHEDULING_SLACK  # not the 100 s asked for
    assert len(httpserver.log) == 1


def test_deadline_bounds_all_the_retries_together(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/s").respond_with_data(
        "busy", status=503, headers={"Retry-After": "1"}
    )
    url = httpserver.url_for("/s")

    started = time.monotonic()
    with pytest.raises(FetchError, match=r"a retry in 1 s would pass the 2.5 s deadline"):
        fetch_statement(url, replace(RETRYING, retries=10, total_deadline=2.5))

    # Tries at 0, 1 and 2 s, then no time left: well short of the 10 s of ten retries.
    assert 1.9 <= time.monotonic() - started < 2.5 + SCHEDULING_SLACK
    assert len(httpserver.log) == 3


@pytest.fixture
def reset_once_url() -> Iterator[str]:
    """A server that resets the first connection (TCP RST), then answers properly."""

    def serve(listener: socket.socket) -> None:
        reset_connection(listener)
        second, _ = listener.accept()
        second.recv(65536)
        second.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s"
            % (len(STATEMENT), STATEMENT)
        )
        second.close()

    with socket_server(serve) as url:
        yield url


def test_connection_reset_is_retried(reset_once_url: str) -> None:
    assert fetch_statement(reset_once_url, RETRYING).content == STATEMENT


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        ("Wed, 25 Nov 2026 10:00:30 GMT", 30.0),
        ("Wed, 25 Nov 2026 09:59:00 GMT", 0.0),  # a date gone by: retry now
        ("soon", None),
        ("", None),
    ],
)
def test_retry_after_reads_seconds_and_dates(header: str, seconds: float | None) -> None:
    now = datetime(2026, 11, 25, 10, 0, 0, tzinfo=timezone.utc)

    assert retry_after({"Retry-After": header}, now) == seconds
