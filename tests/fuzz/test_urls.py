"""Hostile URLs into the URL handling: checking, joining, normalising, the address classifier
and robots.txt path matching. Each answers, or refuses with its documented error; nothing
else may escape."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

import pytest
import requests
from bs4 import BeautifulSoup
from hypothesis import assume, given
from hypothesis import strategies as st

from msa_check.errors import FetchError
from msa_check.fetch.addresses import AddressClass, classify_address
from msa_check.fetch.deadline import Deadline
from msa_check.fetch.links import read_links, same_url
from msa_check.fetch.pacing import host_of
from msa_check.fetch.robots import RobotsRules
from msa_check.fetch.urls import join_url, shown_url, url_problem
from tests.fuzz.settings import FUZZ

_HOSTS = st.sampled_from(
    ["example.com", "EXAMPLE.com.", "127.0.0.1", "[::1]", "[fe80::1%25eth0]", "[::1", "::1]",
     "", "a..b", "xn--", "例え.jp", "exa\x00mple.com", "ex ample", "a" * 70, "user@host",
     "user:pw@host", "@", "[", "]", "%00", "169.254.169.254", "0x7f.1", "2130706433"]
)  # fmt: skip
_PORTS = st.one_of(
    st.just(""),
    st.integers(min_value=-5, max_value=100_000).map(lambda port: f":{port}"),
    st.sampled_from([":", "::80", ":80:80", ":8o", ":\u0661\u0662"]),
)
_PATH_PIECES = st.sampled_from(
    ["/", "a", "..", ".", "%2e", "%", "%zz", "?", "#", "&", "=", " ", "\t", "\n", "\r", "\x07",
     "\x7f", "\\", "[", "]", "@", ":", "é", "\u202e", "\ufeff", "modern-slavery", ".pdf"]
)  # fmt: skip
_PATHS = st.lists(_PATH_PIECES, max_size=12).map("".join)
_SCHEMES = st.sampled_from(
    ["http://", "https://", "HTTP://", "ftp://", "javascript:", "//", "", "http:", "http:/"]
)
_URLISH = st.builds(lambda s, h, p, rest: s + h + p + rest, _SCHEMES, _HOSTS, _PORTS, _PATHS)
_ANY_URL = st.one_of(_URLISH, st.text(max_size=200))
_BASES = st.sampled_from(
    ["http://example.com/", "https://example.com/a/b/c?q=1", "http://[::1]:8080/x/", "http://127.0.0.1/"]
)  # fmt: skip


@FUZZ
@given(_ANY_URL)
def test_a_url_that_passes_can_be_parsed_sent_and_normalised(url: str) -> None:
    problem = url_problem(url)
    assert problem is None or (isinstance(problem, str) and problem)
    assert "\x00" not in shown_url(url)
    if problem is not None:
        return
    parts = urlsplit(url)
    assert parts.scheme.lower() in ("http", "https") and parts.hostname
    assert parts.port is None or 0 < parts.port <= 65535
    requests.PreparedRequest().prepare_url(url, None)
    once = same_url(url)
    assert same_url(once) == once  # one spelling: normalising again changes nothing
    assert host_of(url).startswith(parts.scheme.lower() + "://")


@FUZZ
@given(_BASES, _ANY_URL)
def test_joining_gives_a_fetchable_url_or_a_reason(base: str, reference: str) -> None:
    try:
        joined = join_url(base, reference)
    except ValueError as exc:
        assert str(exc)
        return
    assert url_problem(joined) is None
    assert "#" not in joined


@FUZZ
@given(_BASES, st.lists(_ANY_URL, max_size=8), st.one_of(st.none(), _ANY_URL))
def test_page_links_are_all_fetchable(base: str, hrefs: list[str], base_href: str | None) -> None:
    head = "" if base_href is None else f"<base href='{_attr(base_href)}'>"
    anchors = "".join(f"<a href='{_attr(href)}'>Modern slavery statement</a>" for href in hrefs)
    soup = BeautifulSoup(f"<html><head>{head}</head><body>{anchors}</body></html>", "html.parser")
    found = read_links(soup, base)
    for link in found.links:
        assert url_problem(link.url) is None
    assert len(found.links) + len(found.skipped) <= len(hrefs) + 1
    assert all(isinstance(note, str) and note for note in found.skipped)


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace("'", "&#39;")


@FUZZ
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_ipv4_classes_agree_with_ipaddress(number: int) -> None:
    ip = ipaddress.IPv4Address(number)
    kind = classify_address(str(ip))
    if kind is AddressClass.PUBLIC:
        assert ip.is_global and not ip.is_multicast
    if ip.is_loopback or ip.is_link_local or (ip.is_private and not ip.is_global):
        assert kind is not AddressClass.PUBLIC
    # the same address inside IPv6 is judged the same
    assert classify_address(f"::ffff:{ip}") is kind
    assert classify_address(str(ipaddress.IPv6Address(f"64:ff9b::{ip}"))) is kind


@FUZZ
@given(st.integers(min_value=0, max_value=2**128 - 1))
def test_ipv6_classes_agree_with_ipaddress(number: int) -> None:
    ip = ipaddress.IPv6Address(number)
    kind = classify_address(str(ip))
    assume(ip.ipv4_mapped is None and ip.sixtofour is None)
    if kind is AddressClass.PUBLIC:
        assert ip.is_global and not ip.is_multicast
    if ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_site_local:
        assert kind is not AddressClass.PUBLIC


@FUZZ
@given(st.text(max_size=100))
def test_any_text_gets_a_class(text: str) -> None:
    assert isinstance(classify_address(text), AddressClass)


_ROBOTS_LINES = st.sampled_from(
    ["User-agent: *", "User-agent: msa-check", "User-agent: other", "Disallow: /", "Disallow:",
     "Allow: /", "Disallow: /private", "Allow: /private/ok", "Disallow: /*.pdf$", "Disallow: /%",
     "Disallow: /é", "Crawl-delay: x", "Sitemap: http://[::1", "#", "", "\x00", "Disallow: *",
     "Request-rate: 1/0", "Disallow: /a?b"]
)  # fmt: skip


@FUZZ
@given(st.lists(_ROBOTS_LINES, max_size=12), _PATHS)
def test_robots_matching_answers_or_disallows(lines: list[str], path: str) -> None:
    url = "http://example.com/" + path.lstrip("/")
    assume(url_problem(url) is None)  # robots.txt is asked only about URLs that can be sent
    rules = RobotsRules(lambda robots_url, deadline: "\n".join(lines))
    try:
        rules.check(url, Deadline(10, url))
    except FetchError as exc:
        assert "robots.txt of example.com disallows" in exc.message


@FUZZ
@given(_PATHS)
def test_robots_that_disallow_everything_disallow_every_path(path: str) -> None:
    url = "http://example.com/" + path.lstrip("/")
    assume(url_problem(url) is None)
    rules = RobotsRules(lambda robots_url, deadline: "User-agent: *\nDisallow: /\n")
    with pytest.raises(FetchError, match="disallows"):
        rules.check(url, Deadline(10, url))
