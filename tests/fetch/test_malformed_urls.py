"""Malformed URLs in a Location header, a <base href>, a homepage link or given directly:
a skipped link with a note, or a source error naming what is wrong, never a traceback."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from typer.testing import CliRunner

from msa_check.batch.host_limit import HostLimiter
from msa_check.cli import app
from msa_check.errors import ExitCode, FetchError
from msa_check.fetch import Fetcher, locate_statement
from msa_check.fetch.urls import MAX_URL_CHARS, join_url, shown_url, url_problem
from tests.fetch.servers import QUICK, RawServer

HARBOUR = Path(__file__).parents[2] / "samples" / "harbour-logistics-no-steps.txt"
NO_CACHE = replace(QUICK, use_cache=False)
runner = CliRunner()

MALFORMED = [
    "http://[::1/x",
    "http://example.com:99999/x",
    "http://example.com:-1/",
    "http://example.com:80:80/",
    "http://example.com:0/",
    "http://:80/x",
    "http://user@:80/",
    "http:///x",
    "http://exa\x00mple.com/x",
    "http://example.com/a\x07b",
    "http://example.com/\x7f",
    "http://ex ample.com/",
    "http://a..b/",
    "http://" + "a" * 64 + ".com/",
    "http://" + "a." * 130 + "com/",
    "http://example.com/" + "a" * MAX_URL_CHARS,
    "http://[1:2:3:4:5:6:7:8:9]/",
    "http://[::1]x/",
    "ftp://example.com/statement.pdf",
]
WELL_FORMED = [
    "http://example.com/",
    "https://EXAMPLE.com:8443/a/b?c=d",
    "http://[::1]:8080/statement",
    "http://127.0.0.1/",
    "http://example.com./msa",
    "https://例え.jp/声明",
    "http://example.com/a%20b",
]


@pytest.mark.parametrize("url", MALFORMED, ids=lambda url: shown_url(url)[:40])
def test_malformed_urls_are_named(url: str) -> None:
    assert url_problem(url)


@pytest.mark.parametrize("url", WELL_FORMED)
def test_well_formed_urls_pass(url: str) -> None:
    assert url_problem(url) is None


def test_join_url_drops_the_fragment_and_refuses_a_bad_reference() -> None:
    assert join_url("http://example.com/a/b", "../c#top") == "http://example.com/c"
    with pytest.raises(ValueError, match="Invalid IPv6 URL"):
        join_url("http://example.com/", "http://[::1/x")
    with pytest.raises(ValueError, match="Port out of range"):
        join_url("http://example.com/", "//example.com:99999/")


def test_shown_url_escapes_control_characters_and_cuts() -> None:
    assert shown_url("http://a/\x1b[31m") == "http://a/\\x1b[31m"
    assert shown_url("http://a/" + "b" * 500).endswith("...")
    assert len(shown_url("http://a/" + "b" * 500)) <= 123


def _redirect_to(location: str) -> Callable[[BaseHTTPRequestHandler, threading.Event], None]:
    """Write the Location byte for byte: pytest-httpserver (werkzeug) would rewrite it."""

    def behave(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        handler.wfile.write(
            b"HTTP/1.1 302 Found\r\nLocation: "
            + location.encode("latin-1")
            + b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )

    return behave


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("http://[::1/x", "Invalid IPv6 URL"),
        ("http://example.com:99999/x", "Port out of range"),
        ("http://:80/x", "no host"),
        ("http://example.com/a\x07b", "control character U+0007"),
        ("//[::1/x", "Invalid IPv6 URL"),
        ("http://a..b/", "empty label"),
    ],
)
def test_malformed_location_is_a_source_error(
    raw_server: RawServer, location: str, reason: str
) -> None:
    url = raw_server.route("/old", _redirect_to(location))
    with Fetcher(NO_CACHE) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(url)
    assert f"{url} redirected to a malformed URL" in caught.value.message
    assert reason in caught.value.message
    assert caught.value.exit_code == ExitCode.SOURCE


def test_location_to_another_scheme_keeps_its_message(raw_server: RawServer) -> None:
    url = raw_server.route("/old", _redirect_to("file:///etc/passwd"))
    with Fetcher(NO_CACHE) as fetcher, pytest.raises(FetchError, match="not http or https"):
        fetcher.fetch(url)


@pytest.mark.parametrize("url", ["http://[::1/x", "http://example.com:99999/", "http://:80/"])
def test_malformed_url_given_directly_is_a_source_error(url: str) -> None:
    with Fetcher(NO_CACHE) as fetcher, pytest.raises(FetchError, match="is not a valid URL"):
        fetcher.fetch(url)


def _page(
    body: bytes, content_type: str = "text/html; charset=utf-8"
) -> Callable[[BaseHTTPRequestHandler, threading.Event], None]:
    def behave(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        handler.wfile.write(
            f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
            + body
        )

    return behave


def _serve_site_with_bad_links(raw_server: RawServer) -> str:
    homepage = (
        "<html><head><base href='http://[::1/broken/'></head><body>"
        "<a href='http://[::1/x'>Modern slavery statement 2025</a>"
        "<a href='http://example.com:99999/msa'>Modern slavery statement 2024</a>"
        "<a href='http://:80/msa'>Modern slavery statement 2023</a>"
        "<a href='http://exa\x01mple.com/msa'>Modern slavery statement 2022</a>"
        "<footer><a href='/modern-slavery-statement.txt'>Modern Slavery Statement</a></footer>"
        "</body></html>"
    )
    raw_server.route("/", _page(homepage.encode()))
    raw_server.route("/robots.txt", _page(b"User-agent: *\nAllow: /\n", "text/plain"))
    return raw_server.route(
        "/modern-slavery-statement.txt", _page(HARBOUR.read_bytes(), "text/plain")
    )


def test_homepage_with_malformed_links_and_base_still_leads_to_the_statement(
    raw_server: RawServer,
) -> None:
    statement = _serve_site_with_bad_links(raw_server)
    with Fetcher(NO_CACHE) as fetcher:
        located = locate_statement(raw_server.base_url + "/", fetcher=fetcher)
    assert located.source.location == statement
    assert located.discovery is not None
    note = located.discovery.notes[0]
    assert "looked at 1 links on the homepage; skipped 5 malformed links" in note
    assert "<base href> http://[::1/broken/: Invalid IPv6 URL" in note


def test_check_of_a_valid_statement_on_a_site_with_malformed_links(raw_server: RawServer) -> None:
    statement = _serve_site_with_bad_links(raw_server)
    for url in (raw_server.base_url + "/", statement):
        result = runner.invoke(app, ["check", url, "--host-interval", "0", "--no-cache"])
        assert result.exit_code == ExitCode.MANDATORY_UNMET, result.stderr  # the no-steps sample
        assert "internal error" not in result.stderr
        assert "Quayfold Harbour Logistics" in result.stdout


def test_check_of_a_malformed_location_exits_3(raw_server: RawServer) -> None:
    url = raw_server.route("/msa", _redirect_to("http://example.com:99999/msa"))
    result = runner.invoke(app, ["check", url, "--host-interval", "0", "--no-cache"])
    assert result.exit_code == ExitCode.SOURCE
    assert "redirected to a malformed URL http://example.com:99999/msa" in result.stderr


def test_a_file_name_with_a_nul_is_a_source_error() -> None:
    with pytest.raises(FetchError, match="is not a file name"):
        locate_statement("state\x00ment.txt")


def test_batch_host_limit_lets_a_malformed_url_through_to_its_error() -> None:
    limiter = HostLimiter(1)
    with limiter.hold("http://[::1/x"):
        pass


def test_malformed_links_on_a_landing_page_are_noted(raw_server: RawServer) -> None:
    landing = (
        "<html><body><h1>Modern slavery</h1>"
        "<a href='http://[::1/2025.txt'>Modern Slavery Statement 2025</a>"
        "<a href='/msa-2024.txt'>Modern Slavery Statement 2024</a></body></html>"
    )
    homepage = "<html><body><a href='/modern-slavery'>Modern slavery</a></body></html>"
    raw_server.route("/", _page(homepage.encode()))
    raw_server.route("/modern-slavery", _page(landing.encode()))
    statement = raw_server.route("/msa-2024.txt", _page(HARBOUR.read_bytes(), "text/plain"))
    with Fetcher(NO_CACHE) as fetcher:
        located = locate_statement(raw_server.base_url + "/", fetcher=fetcher)
    assert located.source.location == statement
    assert located.discovery is not None
    assert any(
        "landing page" in note and "skipped 1 malformed link (http://[::1/2025.txt" in note
        for note in located.discovery.notes
    ), located.discovery.notes
