"""Fixtures of the web tests: an app over a fresh store folder, statements on 127.0.0.1."""

from __future__ import annotations

import html
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from starlette.testclient import TestClient

from msa_check.cli.exits import SETTING_FLAGS
from msa_check.fetch import FetchOptions
from msa_check.serve.app import create_app
from msa_check.serve.settings import ServeSettings

SAMPLES = Path(__file__).parents[2] / "samples"
SAMPLE_PDF = SAMPLES / "northwind-components-2025.pdf"
STRONG_TEXT = (SAMPLES / "kestrel-devices-2026.txt").read_bytes()
NO_STEPS_TEXT = (SAMPLES / "harbour-logistics-no-steps.txt").read_bytes()
# A document that is no statement: a recipe, from the recognition benchmark's set.
RECIPE = (
    Path(__file__).parents[2]
    / "benchmarks"
    / "nonstatements"
    / "dev"
    / "recipe-victoria-sponge.txt"
)
WAIT_SECONDS = 90.0  # a batch starts a Python process with spaCy: seconds on a busy machine


def fetch_options(**overrides: Any) -> FetchOptions:
    """Options for servers on this machine: no pacing, retries, robots.txt or cache."""
    values: dict[str, Any] = {
        "host_interval": 0.0,
        "retries": 0,
        "respect_robots": False,
        "use_cache": False,
        "read_timeout": 5.0,
        "total_deadline": 20.0,
    }
    return FetchOptions(**{**values, **overrides})  # fmt: skip


def settings(**overrides: Any) -> ServeSettings:
    fetch = fetch_options(**overrides.pop("fetch", {}))
    return ServeSettings(**{"fetch": fetch, "batch_workers": 1, **overrides})


@pytest.fixture
def make_client(tmp_path: Path) -> Iterator[Callable[..., TestClient]]:
    """Start an app (the lifespan runs: unfinished work resumes) over `tmp_path / "store"`."""
    clients: list[TestClient] = []

    def make(**overrides: Any) -> TestClient:
        app = create_app(tmp_path / "store", settings(**overrides), setting_names=SETTING_FLAGS)
        client = TestClient(app, raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client()


@pytest.fixture
def statements(httpserver: HTTPServer) -> HTTPServer:
    """Two statements as text, and a URL that answers 404."""
    httpserver.expect_request("/kestrel.txt").respond_with_data(
        STRONG_TEXT, content_type="text/plain"
    )
    httpserver.expect_request("/harbour.txt").respond_with_data(
        NO_STEPS_TEXT, content_type="text/plain"
    )
    httpserver.expect_request("/gone.pdf").respond_with_data("not here", status=404)
    return httpserver


def wait_for(client: TestClient, path: str, done: Callable[[str], bool]) -> Any:
    """GET `path` until `done(text)`; the last response (fails after WAIT_SECONDS)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        response = client.get(path)
        if done(response.text) or time.monotonic() > deadline:
            assert done(response.text), response.text[-3000:]
            return response
        time.sleep(0.3)


def message_of(page: str) -> str:
    """The text of a problem page's message paragraph."""
    start = page.index('<p class="message">') + len('<p class="message">')
    return html.unescape(page[start : page.index("</p>", start)])


def check_done(text: str) -> bool:
    """A check's page no longer says it is checking."""
    return "<h1>Checking " not in text
