"""fetch_statement over HTTP, against real servers on 127.0.0.1."""

from __future__ import annotations

import gzip
import hashlib
import re
import socket
from dataclasses import replace
from datetime import datetime, timezone

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from msa_check import __version__
from msa_check.errors import FetchError
from msa_check.fetch import FetchOptions, fetch_statement
from msa_check.models import SourceKind

STATEMENT = b"%PDF-1.7 Modern Slavery Statement 2025 " * 100
KIB = 1024
MIB = 1024 * 1024
# No pacing, robots.txt or retries: each test sees only the requests it makes.
FAST = FetchOptions(
    connect_timeout=0.5, read_timeout=0.5, host_interval=0, respect_robots=False, retries=0
)


def fetch_error(location: str, options: FetchOptions = FAST) -> str:
    with pytest.raises(FetchError) as caught:
        fetch_statement(location, options)
    return caught.value.message


# -- success -------------------------------------------------------------------------


def test_returns_body_digest_and_headers(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/statement.pdf").respond_with_data(
        STATEMENT, content_type="application/pdf"
    )
    url = httpserver.url_for("/statement.pdf")

    source = fetch_statement(url, FAST)

    assert source.kind is SourceKind.URL
    assert source.location == url
    assert source.content == STATEMENT
    assert source.sha256 == hashlib.sha256(STATEMENT).hexdigest()
    assert source.status == 200
    assert source.content_type == "application/pdf"
    assert source.final_url == url
    assert source.redirects == ()
    fetched_at = datetime.fromisoformat(source.fetched_at)
    assert fetched_at.tzinfo == timezone.utc
    assert abs((datetime.now(timezone.utc) - fetched_at).total_seconds()) < 60


def test_sends_msa_check_user_agent(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/s").respond_with_data(b"ok")

    fetch_statement(httpserver.url_for("/s"), FAST)

    request, _ = httpserver.log[0]
    assert request.headers["User-Agent"] == (
        f"msa-check/{__version__} (+https://github.com/msa-check/msa-check)"
    )


def test_scheme_is_case_insensitive(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/s").respond_with_data(b"upper")
    url = httpserver.url_for("/s").replace("http://", "HTTP://")

    assert fetch_statement(url, FAST).content == b"upper"


def test_gzip_body_is_decompressed(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/s").respond_with_data(
        gzip.compress(STATEMENT), headers={"Content-Encoding": "gzip"}
    )

    assert fetch_statement(httpserver.url_for("/s"), FAST).content == STATEMENT


# -- redirects -----------------------------------------------------------------------


def redirect(location: str, status: int = 302) -> Response:
    return Response(status=status, headers={"Location": location})


def test_records_redirect_chain_and_final_url(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_response(redirect("/b", 301))
    httpserver.expect_request("/b").respond_with_response(redirect("/c", 302))
    httpserver.expect_request("/c").respond_with_data(STATEMENT)

    source = fetch_statement(httpserver.url_for("/a"), FAST)

    assert source.content == STATEMENT
    assert source.location == httpserver.url_for("/a")
    assert source.final_url == httpserver.url_for("/c")
    assert source.redirects == (httpserver.url_for("/a"), httpserver.url_for("/b"))


def test_redirect_chain_is_cut_off_at_max_redirects(httpserver: HTTPServer) -> None:
    for hop in range(5):
        httpserver.expect_request(f"/r{hop}").respond_with_response(redirect(f"/r{hop + 1}"))
    url = httpserver.url_for("/r0")

    message = fetch_error(url, replace(FAST, max_redirects=3))

    assert message == f"more than 3 redirects from {url} (a redirect loop?)"
    assert len(httpserver.log) == 4  # the request and three redirects followed, no more


def test_redirect_loop_is_named_as_soon_as_a_url_comes_back(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_response(redirect("/b"))
    httpserver.expect_request("/b").respond_with_response(redirect("/a"))
    a, b = httpserver.url_for("/a"), httpserver.url_for("/b")

    assert fetch_error(a) == f"redirect loop: {a} -> {b} -> {a}"
    assert len(httpserver.log) == 2


def test_redirect_to_itself_is_a_loop(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/loop").respond_with_response(redirect("/loop"))
    url = httpserver.url_for("/loop")

    assert fetch_error(url) == f"redirect loop: {url} -> {url}"


def test_redirect_to_other_scheme_is_refused(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/s").respond_with_response(redirect("ftp://example.com/s.pdf"))
    url = httpserver.url_for("/s")

    assert fetch_error(url) == f"{url} redirected to a URL that is not http or https"


# -- HTTP errors ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "phrase"), [(404, "Not Found"), (500, "Internal Server Error"), (403, "Forbidden")]
)
def test_http_error_status_names_code_and_phrase(
    httpserver: HTTPServer, status: int, phrase: str
) -> None:
    httpserver.expect_request("/s").respond_with_data(b"nope", status=status)
    url = httpserver.url_for("/s")

    assert fetch_error(url) == f"HTTP {status} {phrase} from {url}"


def test_http_error_after_redirect_names_both_urls(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/old").respond_with_response(redirect("/gone"))
    httpserver.expect_request("/gone").respond_with_data(b"", status=410)
    url = httpserver.url_for("/old")

    assert fetch_error(url) == (
        f"HTTP 410 Gone from {url} (redirected to {httpserver.url_for('/gone')})"
    )


def test_body_exactly_at_limit_is_accepted(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/s").respond_with_data(b"x" * 1000)

    assert (
        len(fetch_statement(httpserver.url_for("/s"), replace(FAST, max_bytes=1000)).content)
        == 1000
    )


def test_gzip_bomb_is_rejected_by_decompressed_size(httpserver: HTTPServer) -> None:
    bomb = gzip.compress(b"\0" * (4 * MIB))
    assert len(bomb) < 64 * KIB  # small on the wire, so Content-Length does not catch it
    httpserver.expect_request("/bomb").respond_with_data(bomb, headers={"Content-Encoding": "gzip"})
    url = httpserver.url_for("/bomb")

    message = fetch_error(url, replace(FAST, max_bytes=MIB))

    assert message == f"{url} is larger than the 1 MB limit (use max_bytes to raise it)"


# -- network failures ----------------------------------------------------------------


@pytest.fixture
def refused_port() -> int:
    """A port on 127.0.0.1 that nothing listens on: bound, noted, then released."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_connection_refused(refused_port: int) -> None:
    url = f"http://127.0.0.1:{refused_port}/statement.pdf"

    assert fetch_error(url) == f"could not connect to {url}: connection refused"


def test_unknown_host() -> None:
    # .invalid is reserved (RFC 6761): it never resolves, and resolvers answer at once.
    url = "http://msa-check-test.invalid/statement.pdf"

    assert fetch_error(url) == f"could not connect to {url}: host not found"


def test_tls_to_a_plain_http_server(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/s").respond_with_data(b"plain")
    url = httpserver.url_for("/s").replace("http://", "https://")

    message = fetch_error(url)

    assert re.fullmatch(rf"TLS/SSL error connecting to {re.escape(url)}: [a-z ]+", message)


def test_invalid_url() -> None:
    assert fetch_error("http://") == "http:// is not a valid URL: it has no host"
