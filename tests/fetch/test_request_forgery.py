"""Request forgery: a page reached from a public address may not lead, by a link or a redirect,
to an internal one. Two local servers stand for the two sides: one on 127.0.0.2, which an
injected classifier calls public, and one on 127.0.0.1, loopback as it really is."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from msa_check.cli.exits import SETTING_FLAGS
from msa_check.errors import FetchError
from msa_check.fetch import Fetcher, locate_statement, watchdog
from msa_check.fetch.addresses import AddressClass, PrivateAddressError, classify_address
from tests.fetch.servers import QUICK

PUBLIC_STAND_IN = "127.0.0.2"
STATEMENT_HTML = (Path(__file__).parents[2] / "samples" / "brightwave-retail.html").read_bytes()


def public_stand_in(address: str) -> AddressClass:
    """127.0.0.2 plays a public address; every other address is what it really is."""
    return AddressClass.PUBLIC if address == PUBLIC_STAND_IN else classify_address(address)


@pytest.fixture
def public_site() -> Iterator[HTTPServer]:
    server = HTTPServer(host=PUBLIC_STAND_IN, port=0)
    server.start()
    try:
        yield server
    finally:
        server.clear()
        server.stop()


@pytest.fixture
def fetcher(tmp_path: Path) -> Iterator[Fetcher]:
    with Fetcher(QUICK, classify_address=public_stand_in) as own:
        yield own


def _homepage(*links: str) -> str:
    items = "".join(
        f'<li><a href="{url}">Modern slavery statement {i}</a></li>' for i, url in enumerate(links)
    )
    return f"<html><body><h1>Acme</h1><footer><ul>{items}</ul></footer></body></html>"


def test_redirect_from_public_to_loopback_is_refused(
    public_site: HTTPServer, httpserver: HTTPServer, fetcher: Fetcher
) -> None:
    admin = httpserver.url_for("/admin")
    httpserver.expect_request("/admin").respond_with_data("secret")
    public_site.expect_request("/statement").respond_with_data(
        "", status=302, headers={"Location": admin}
    )
    with pytest.raises(PrivateAddressError) as caught:
        fetcher.fetch(public_site.url_for("/statement"))
    message = caught.value.worded(SETTING_FLAGS)
    assert "127.0.0.1, a loopback address, reached from a public address" in message
    assert "--allow-private-urls" in message
    assert caught.value.exit_code == 3
    assert not httpserver.log  # nothing was sent to the internal server


def test_redirect_by_name_is_judged_by_the_address_connected_to(
    public_site: HTTPServer, httpserver: HTTPServer, fetcher: Fetcher
) -> None:
    # "localhost" is a name, not an address: only after DNS is it loopback.
    admin = f"http://localhost:{httpserver.port}/admin"
    httpserver.expect_request("/admin").respond_with_data("secret")
    public_site.expect_request("/go").respond_with_data("", status=307, headers={"Location": admin})
    with pytest.raises(PrivateAddressError, match="loopback"):
        fetcher.fetch(public_site.url_for("/go"))
    assert not httpserver.log


def test_allow_private_urls_follows_the_redirect(
    public_site: HTTPServer, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/admin").respond_with_data("internal page")
    public_site.expect_request("/statement").respond_with_data(
        "", status=302, headers={"Location": httpserver.url_for("/admin")}
    )
    options = replace(QUICK, allow_private_urls=True)
    with Fetcher(options, classify_address=public_stand_in) as allowing:
        assert allowing.fetch(public_site.url_for("/statement")).content == b"internal page"


def test_internal_url_given_directly_may_lead_to_internal(
    httpserver: HTTPServer, fetcher: Fetcher
) -> None:
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": httpserver.url_for("/statement")}
    )
    httpserver.expect_request("/statement").respond_with_data("internal statement")
    assert fetcher.fetch(httpserver.url_for("/old")).content == b"internal statement"


def test_homepage_link_to_loopback_is_skipped_with_a_note(
    public_site: HTTPServer, httpserver: HTTPServer, fetcher: Fetcher
) -> None:
    httpserver.expect_request("/admin/modern-slavery-statement").respond_with_data("secret")
    internal = httpserver.url_for("/admin/modern-slavery-statement")
    statement = public_site.url_for("/modern-slavery-statement")
    public_site.expect_request("/").respond_with_data(
        _homepage(internal, statement), content_type="text/html"
    )
    public_site.expect_request("/modern-slavery-statement").respond_with_data(
        STATEMENT_HTML, content_type="text/html"
    )
    located = locate_statement(public_site.url_for("/"), fetcher=fetcher)
    assert located.source.location == statement
    assert located.discovery is not None
    refused = [note for note in located.discovery.notes if internal in note]
    assert refused and "a loopback address, reached from a public address" in refused[0]
    assert not httpserver.log


def test_homepage_whose_only_link_is_internal_is_a_source_error(
    public_site: HTTPServer, httpserver: HTTPServer, fetcher: Fetcher
) -> None:
    internal = f"http://169.254.169.254:{httpserver.port}/latest/meta-data/"
    public_site.expect_request("/").respond_with_data(_homepage(internal), content_type="text/html")
    with pytest.raises(FetchError) as caught:
        locate_statement(public_site.url_for("/"), fetcher=fetcher)
    # 169.254.169.254 is not routed here: the refusal comes before any connection is
    # tried, so it is named, not "could not connect".
    assert "169.254.169.254, a link-local address" in caught.value.message


def test_cached_public_page_still_counts_as_public(
    public_site: HTTPServer, httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/modern-slavery-statement").respond_with_data("secret")
    internal = httpserver.url_for("/modern-slavery-statement")
    public_site.expect_request("/").respond_with_data(_homepage(internal), content_type="text/html")
    options = replace(QUICK, cache_dir=str(tmp_path))
    with Fetcher(options, classify_address=public_stand_in) as caching:
        caching.fetch(public_site.url_for("/"))  # now in the cache
        with caching.one_source(public_site.url_for("/")):
            assert caching.get(public_site.url_for("/")).from_cache
            with pytest.raises(PrivateAddressError):
                caching.fetch(internal)
    assert not httpserver.log


def test_robots_txt_of_an_internal_host_is_refused_too(
    public_site: HTTPServer, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/admin").respond_with_data("secret")
    public_site.expect_request("/").respond_with_data("<p>home</p>", content_type="text/html")
    public_site.expect_request("/robots.txt").respond_with_data("", status=404)
    options = replace(QUICK, respect_robots=True)  # the robots.txt is what is tested
    home = public_site.url_for("/")
    with Fetcher(options, classify_address=public_stand_in) as polite, polite.one_source(home):
        polite.fetch(home)
        with pytest.raises(PrivateAddressError):
            polite.fetch(httpserver.url_for("/admin"))
    assert not httpserver.log


def test_dns_rebinding_is_caught_at_the_address_connected_to(
    public_site: HTTPServer,
    httpserver: HTTPServer,
    fetcher: Fetcher,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The look-up made before connecting answers a public address; the one urllib3 makes
    # to connect answers loopback, as a rebinding DNS server would.
    monkeypatch.setattr(watchdog, "host_addresses", lambda host, port: ["8.8.8.8"])
    httpserver.expect_request("/admin").respond_with_data("secret")
    rebinding = f"http://localhost:{httpserver.port}/admin"
    public_site.expect_request("/go").respond_with_data(
        "", status=302, headers={"Location": rebinding}
    )
    with pytest.raises(PrivateAddressError, match="a loopback address, reached from a public"):
        fetcher.fetch(public_site.url_for("/go"))
    assert not httpserver.log  # refused once connected, before the request was sent


def test_a_server_can_refuse_internal_urls_given_directly(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The web server's mode: even the URL given may not be internal, and a name checked
    # ahead as public but connected to loopback (rebinding) is refused as well.
    httpserver.expect_request("/statement").respond_with_data("internal")
    strict = replace(QUICK, use_cache=False, allow_private_given_urls=False)
    with Fetcher(strict) as fetcher:
        with pytest.raises(PrivateAddressError, match="internal URLs are not allowed here"):
            fetcher.fetch(httpserver.url_for("/statement"))
        monkeypatch.setattr(watchdog, "host_addresses", lambda host, port: ["8.8.8.8"])
        with pytest.raises(PrivateAddressError, match="internal URLs are not allowed here"):
            fetcher.fetch(httpserver.url_for("/statement"))
    assert not httpserver.log
