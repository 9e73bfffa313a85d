"""robots.txt is read once per host and obeyed unless the user says otherwise."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlsplit

import pytest
from pytest_httpserver import HTTPServer

from msa_check.errors import FetchError
from msa_check.fetch import Fetcher, fetch_statement
from tests.fetch.servers import QUICK

POLITE = replace(QUICK, respect_robots=True)
ROBOTS = "User-agent: *\nDisallow: /private/\n"


def serve_robots(httpserver: HTTPServer, text: str) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(text, content_type="text/plain")


def test_disallowed_path_is_refused(httpserver: HTTPServer) -> None:
    serve_robots(httpserver, ROBOTS)
    httpserver.expect_request("/private/msa.pdf").respond_with_data(b"%PDF-1.4 secret")
    url = httpserver.url_for("/private/msa.pdf")

    with pytest.raises(FetchError) as caught:
        fetch_statement(url, POLITE)

    host = urlsplit(url).netloc
    assert caught.value.message == (
        f"robots.txt of {host} disallows /private/msa.pdf"
        " (use respect_robots=False to fetch it anyway)"
    )
    assert [request.path for request, _ in httpserver.log] == ["/robots.txt"]


def test_disallowed_path_is_fetched_when_robots_are_ignored(httpserver: HTTPServer) -> None:
    serve_robots(httpserver, ROBOTS)
    httpserver.expect_request("/private/msa.pdf").respond_with_data(b"%PDF-1.4 secret")

    source = fetch_statement(httpserver.url_for("/private/msa.pdf"), QUICK)

    assert source.content == b"%PDF-1.4 secret"
    assert [request.path for request, _ in httpserver.log] == ["/private/msa.pdf"]


def test_rules_for_msa_check_by_name_apply(httpserver: HTTPServer) -> None:
    serve_robots(httpserver, "User-agent: msa-check\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
    httpserver.expect_request("/msa.pdf").respond_with_data(b"%PDF-1.4")

    with pytest.raises(FetchError, match=r"disallows /msa.pdf"):
        fetch_statement(httpserver.url_for("/msa.pdf"), POLITE)


def test_missing_robots_txt_allows_all_and_is_read_once_per_host(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("no", status=404)
    httpserver.expect_request("/a.pdf").respond_with_data(b"%PDF-1.4 a")
    httpserver.expect_request("/b.pdf").respond_with_data(b"%PDF-1.4 b")

    with Fetcher(POLITE) as fetcher:
        fetcher.fetch(httpserver.url_for("/a.pdf"))
        fetcher.fetch(httpserver.url_for("/b.pdf"))

    assert [request.path for request, _ in httpserver.log] == ["/robots.txt", "/a.pdf", "/b.pdf"]


def test_redirect_into_a_disallowed_path_is_refused(httpserver: HTTPServer) -> None:
    serve_robots(httpserver, ROBOTS)
    httpserver.expect_request("/msa").respond_with_data(
        "", status=302, headers={"Location": "/private/msa.pdf"}
    )

    with pytest.raises(FetchError, match=r"disallows /private/msa.pdf"):
        fetch_statement(httpserver.url_for("/msa"), POLITE)


def test_robots_txt_over_500_kib_is_read_up_to_500_kib(httpserver: HTTPServer) -> None:
    # RFC 9309: parse at least the first 500 KiB. A rule at the top of a 2 MB file holds;
    # it used to be refused as too large and the whole file ignored (allow all).
    padding = "# padding line to make robots.txt large\n" * (2 * 1024 * 1024 // 40)
    serve_robots(httpserver, ROBOTS + padding)
    httpserver.expect_request("/private/msa.pdf").respond_with_data(b"%PDF-1.4 secret")

    with pytest.raises(FetchError, match=r"disallows /private/msa\.pdf"):
        fetch_statement(httpserver.url_for("/private/msa.pdf"), POLITE)

    assert [request.path for request, _ in httpserver.log] == ["/robots.txt"]
