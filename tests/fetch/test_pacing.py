"""A least interval between requests to one host, kept across threads."""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import replace

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from msa_check.fetch import Fetcher
from tests.fetch.servers import QUICK

INTERVAL = 0.3


def test_requests_to_one_host_are_spaced_even_from_threads(httpserver: HTTPServer) -> None:
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
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    arrivals.sort()
    gaps = [later - earlier for earlier, later in itertools.pairwise(arrivals)]
    assert len(arrivals) == 3
    assert all(gap >= INTERVAL * 0.9 for gap in gaps), gaps
