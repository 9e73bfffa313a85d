"""A least interval between requests to one host, kept across threads.

The slots the pacer books are checked on a clock the test sets, so a loaded machine
cannot move them; the end-to-end test asserts only what pacing guarantees in real time:
the third request to a host cannot reach it before two intervals have passed.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from msa_check.errors import FetchError
from msa_check.fetch import Fetcher
from msa_check.fetch.deadline import Deadline
from msa_check.fetch.pacing import HostPacer
from tests.fetch.servers import QUICK

INTERVAL = 0.3
URL = "https://registry.example/statement.pdf"


class SetClock:
    """A monotonic clock that reads what the test last set."""

    def __init__(self, now: float = 100.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def patient() -> Deadline:
    return Deadline(60.0, URL)


def test_each_request_to_a_host_waits_until_an_interval_after_the_one_before() -> None:
    clock = SetClock()
    pacer = HostPacer(INTERVAL, clock=clock)
    assert pacer.book_turn(URL, patient()) == 0.0  # the first goes at once
    assert pacer.book_turn(URL, patient()) == pytest.approx(INTERVAL)
    clock.now += 0.1
    assert pacer.book_turn(URL, patient()) == pytest.approx(2 * INTERVAL - 0.1)
    clock.now += 5.0  # long after the last booked slot: no wait
    assert pacer.book_turn(URL, patient()) == 0.0


def test_threads_asking_at_once_are_queued_an_interval_apart() -> None:
    pacer = HostPacer(INTERVAL, clock=SetClock())
    waits: list[float] = []
    threads = [
        threading.Thread(target=lambda: waits.append(pacer.book_turn(URL, patient())))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(waits) == pytest.approx([n * INTERVAL for n in range(8)])


def test_hosts_are_paced_apart_and_the_observer_hears_each_wait() -> None:
    heard: list[tuple[str, float, float]] = []
    pacer = HostPacer(INTERVAL, on_wait=lambda *wait: heard.append(wait), clock=SetClock())
    for url in (URL, "https://other.example/a.pdf", "http://registry.example/b.pdf", URL):
        pacer.book_turn(url, patient())
    assert heard == [("https://registry.example", pytest.approx(INTERVAL), INTERVAL)]


def test_a_turn_that_would_pass_the_deadline_fails_without_waiting() -> None:
    pacer = HostPacer(INTERVAL, clock=SetClock())
    deadline = Deadline(2.5 * INTERVAL, URL)
    for _ in range(3):  # waits of 0, 1 and 2 intervals fit
        pacer.book_turn(URL, deadline)
    with pytest.raises(FetchError, match="deadline"):
        pacer.book_turn(URL, deadline)


def test_a_fetcher_paces_requests_to_one_host_even_from_threads(httpserver: HTTPServer) -> None:
    arrivals: list[float] = []

    def note_arrival(request: Request) -> Response:
        arrivals.append(time.monotonic())
        return Response(b"%PDF-1.4", content_type="application/pdf")

    for name in ("a", "b", "c"):
        httpserver.expect_request(f"/{name}.pdf").respond_with_handler(note_arrival)
    with Fetcher(replace(QUICK, host_interval=INTERVAL, use_cache=False)) as fetcher:
        threads = [
            threading.Thread(target=fetcher.fetch, args=(httpserver.url_for(f"/{name}.pdf"),))
            for name in ("a", "b", "c")
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(arrivals) == 3
    # Whatever the load, the third booked slot is two intervals after the first, which is
    # no earlier than `started`; unpaced, three local fetches take a few milliseconds.
    assert max(arrivals) - started >= 2 * INTERVAL
