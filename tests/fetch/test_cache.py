"""The on-disk cache: a second fetch is answered from it, offline answers only from it."""

from __future__ import annotations

import gzip
from dataclasses import replace
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from msa_check.errors import FetchError, UsageError
from msa_check.fetch import Fetcher, FetchOptions, fetch_statement
from tests.fetch.servers import QUICK

STATEMENT = b"%PDF-1.7 Modern Slavery Statement 2025 " * 50


@pytest.fixture
def cached(tmp_path: Path) -> FetchOptions:
    return replace(QUICK, cache_dir=str(tmp_path / "cache"))


def test_second_fetch_is_answered_from_the_cache(
    httpserver: HTTPServer, cached: FetchOptions
) -> None:
    httpserver.expect_request("/s.pdf").respond_with_data(STATEMENT, content_type="application/pdf")
    url = httpserver.url_for("/s.pdf")

    with Fetcher(cached) as fetcher:
        first = fetcher.get(url)
    with Fetcher(cached) as fetcher:
        second = fetcher.get(url)

    assert len(httpserver.log) == 1
    assert (first.from_cache, second.from_cache) == (False, True)
    assert second.source == first.source  # same bytes, digest, status, type and fetch time
    assert second.source.content_type == "application/pdf"


def test_offline_miss_is_an_error(httpserver: HTTPServer, cached: FetchOptions) -> None:
    url = httpserver.url_for("/never-fetched.pdf")

    with pytest.raises(FetchError) as caught:
        fetch_statement(url, replace(cached, offline=True))

    assert caught.value.message == f"not in the cache (offline): {url}"
    assert httpserver.log == []


def test_offline_hit_replays_redirects_without_the_network(
    httpserver: HTTPServer, cached: FetchOptions
) -> None:
    httpserver.expect_request("/msa").respond_with_data(
        "", status=301, headers={"Location": "/docs/msa.pdf"}
    )
    httpserver.expect_request("/docs/msa.pdf").respond_with_data(
        gzip.compress(STATEMENT), headers={"Content-Encoding": "gzip"}
    )
    url = httpserver.url_for("/msa")
    online = fetch_statement(url, cached)
    httpserver.clear()

    offline = fetch_statement(url, replace(cached, offline=True))

    assert httpserver.log == []
    assert offline.content == STATEMENT
    assert offline.final_url == httpserver.url_for("/docs/msa.pdf")
    assert offline.redirects == (url,)
    assert offline == online


def test_no_cache_fetches_every_time(httpserver: HTTPServer, cached: FetchOptions) -> None:
    httpserver.expect_request("/s.pdf").respond_with_data(STATEMENT)
    url = httpserver.url_for("/s.pdf")

    fetch_statement(url, replace(cached, use_cache=False))
    fetch_statement(url, replace(cached, use_cache=False))

    assert len(httpserver.log) == 2


def test_error_answers_are_not_kept(httpserver: HTTPServer, cached: FetchOptions) -> None:
    httpserver.expect_oneshot_request("/s.pdf").respond_with_data("gone", status=404)
    httpserver.expect_request("/s.pdf").respond_with_data(STATEMENT)
    url = httpserver.url_for("/s.pdf")

    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_statement(url, cached)

    assert fetch_statement(url, cached).content == STATEMENT


def test_expired_answers_are_fetched_again(httpserver: HTTPServer, cached: FetchOptions) -> None:
    httpserver.expect_request("/s.pdf").respond_with_data(STATEMENT)
    url = httpserver.url_for("/s.pdf")
    expiring = replace(cached, cache_max_age=0)

    fetch_statement(url, expiring)
    fetch_statement(url, expiring)
    offline = fetch_statement(url, replace(expiring, offline=True))

    assert len(httpserver.log) == 2
    assert offline.content == STATEMENT  # offline, an expired answer beats none


def test_cached_answer_over_the_size_cap_is_refused(
    httpserver: HTTPServer, cached: FetchOptions
) -> None:
    httpserver.expect_request("/s.pdf").respond_with_data(STATEMENT)
    url = httpserver.url_for("/s.pdf")
    fetch_statement(url, cached)

    with pytest.raises(FetchError) as caught:
        fetch_statement(url, replace(cached, max_bytes=1024, offline=True))

    assert (
        caught.value.message == f"{url} is larger than the 1 KB limit (use max_bytes to raise it)"
    )


def test_default_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

    assert FetchOptions().cache_path() == tmp_path / "msa-check"
    assert FetchOptions(cache_dir="/srv/cache").cache_path() == Path("/srv/cache")


def test_offline_without_the_cache_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as caught:
        FetchOptions(offline=True, use_cache=False)

    assert caught.value.message == (
        "offline mode answers from the cache, so it cannot go with use_cache=False"
    )


def test_unusable_cache_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")

    with pytest.raises(FetchError, match=r"^cannot use the cache folder .*a-file/sub: "):
        Fetcher(replace(QUICK, cache_dir=str(blocker / "sub")))
