"""Discovery against the small websites in tests/fetch/site/, served on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from msa_check.errors import ExtractError, FetchError, StatementNotFoundError
from msa_check.extract import extract_document
from msa_check.fetch import (
    Fetcher,
    discover_statement,
    find_homepage_links,
    find_statement,
    locate_statement,
    looks_like_statement,
)
from msa_check.models import Discovery, ExaminedLink, HomepageLink, LinkRegion
from tests.fetch.servers import QUICK, serve_site


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(QUICK) as fetcher:
        yield fetcher


def test_footer_link_to_a_pdf(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    home = serve_site(httpserver, "footer")
    pdf = httpserver.url_for("/msa-statement.pdf")

    discovery = discover_statement(home, fetcher)

    assert discovery == Discovery(
        homepage=home,
        statement_url=pdf,
        path=(home, pdf),
        homepage_links=(HomepageLink("Modern Slavery Statement", pdf, LinkRegion.FOOTER, 0.95),),
        notes=("looked at 9 links on the homepage",),
        examined=(ExaminedLink(pdf, "Modern Slavery Statement", 0.95, "taken as the statement"),),
    )


def test_landing_page_listing_three_years_gives_the_newest(
    httpserver: HTTPServer, fetcher: Fetcher
) -> None:
    home = serve_site(httpserver, "landing")
    landing = httpserver.url_for("/sustainability/modern-slavery")
    newest = httpserver.url_for("/docs/Northwind-Modern-Slavery-Statement-2023-24.pdf")

    found = find_statement(home, fetcher)

    assert found.discovery.statement_url == newest
    assert found.discovery.path == (home, landing, newest)
    assert found.discovery.homepage_links == (
        HomepageLink("Modern slavery", landing, LinkRegion.NAVIGATION, 0.75),
    )
    assert found.discovery.notes == (
        "looked at 8 links on the homepage",
        "3 statements offered (2022, 2023, 2024); chose 2024",
    )
    assert found.source.final_url == newest
    assert found.source.content.startswith(b"%PDF-1.4")


def test_only_link_in_body_text_leads_to_an_html_statement(
    httpserver: HTTPServer, fetcher: Fetcher
) -> None:
    home = serve_site(httpserver, "bodytext")
    statement = httpserver.url_for("/about/slavery-and-trafficking")

    found = find_statement(home, fetcher)

    assert found.discovery.path == (home, statement)
    assert found.discovery.homepage_links == (
        HomepageLink(
            "statement on slavery and human trafficking", statement, LinkRegion.BODY, 0.95
        ),
    )
    document = extract_document(found.source)
    assert document.title == "Slavery and human trafficking statement 2024 | Ferrous Components plc"


def test_homepage_without_a_statement_link(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    home = serve_site(httpserver, "nolink")

    discovery = discover_statement(home, fetcher)
    with pytest.raises(StatementNotFoundError) as caught:
        find_statement(home, fetcher)

    assert discovery == Discovery(
        homepage=home,
        statement_url=None,
        path=(home,),
        notes=(
            "looked at 7 links on the homepage",
            "none is worded as a link to a modern slavery statement (a wording score of 0.35"
            " or more)",
        ),
    )
    assert caught.value.message == (
        f"no link to a modern slavery statement found on {home} (looked at 7 links)"
    )


def test_link_to_a_page_rendered_by_javascript(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    home = serve_site(httpserver, "jsonly")
    page = httpserver.url_for("/legal/modern-slavery")

    found = find_statement(home, fetcher)

    # Its title attribute says what the link text ("Legal: MSA") barely does.
    assert found.discovery.homepage_links[0].region is LinkRegion.FOOTER
    assert found.discovery.path == (home, page)
    assert found.discovery.notes[-1] == (
        f"no candidate reads as a statement; {page} is taken, as it has no text of its own to"
        " judge (it may be rendered by JavaScript): the report says what it is"
    )
    with pytest.raises(ExtractError) as caught:
        extract_document(found.source)
    assert (
        caught.value.message == "the page has no statement text (it may be rendered by JavaScript)"
    )


def test_statement_link_that_is_broken(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/").respond_with_data(
        '<html><body><footer><a href="/msa.pdf">Modern slavery statement</a></footer>',
        content_type="text/html",
    )
    httpserver.expect_request("/msa.pdf").respond_with_data("gone", status=404)
    home, pdf = httpserver.url_for("/"), httpserver.url_for("/msa.pdf")

    with pytest.raises(FetchError) as caught:
        find_statement(home, fetcher)

    assert caught.value.message == (
        f"HTTP 404 Not Found from {pdf} (linked from {home} as its modern slavery statement)"
    )


# -- the homepage's link, when the statement's URL is given ---------------------------


def test_homepage_links_to_a_statement_given_directly(
    httpserver: HTTPServer, fetcher: Fetcher
) -> None:
    home = serve_site(httpserver, "footer")
    pdf = httpserver.url_for("/msa-statement.pdf")

    discovery = find_homepage_links(pdf, fetcher)

    assert discovery.homepage == home
    assert discovery.path == (home, pdf)
    assert [(link.text, link.region) for link in discovery.homepage_links] == [
        ("Modern Slavery Statement", LinkRegion.FOOTER)
    ]


def test_homepage_links_to_the_landing_page_of_a_statement_given_directly(
    httpserver: HTTPServer, fetcher: Fetcher
) -> None:
    home = serve_site(httpserver, "landing")
    landing = httpserver.url_for("/sustainability/modern-slavery")
    old = httpserver.url_for("/docs/msa-2022.pdf")

    discovery = find_homepage_links(old, fetcher)

    assert discovery.path == (home, landing, old)
    assert [(link.url, link.region) for link in discovery.homepage_links] == [
        (landing, LinkRegion.NAVIGATION)
    ]


def test_homepage_that_does_not_link_to_the_statement(
    httpserver: HTTPServer, fetcher: Fetcher
) -> None:
    home = serve_site(httpserver, "nolink")
    httpserver.expect_request("/hidden/msa.pdf").respond_with_data(b"%PDF-1.4 hidden")

    discovery = find_homepage_links(httpserver.url_for("/hidden/msa.pdf"), fetcher)

    assert discovery.homepage_links == ()
    assert discovery.path == (home,)
    assert discovery.notes[-1] == "no link on the homepage leads to the statement"


# -- locate_statement: what check.py calls -------------------------------------------


def test_locate_from_a_homepage_discovers(httpserver: HTTPServer) -> None:
    home = serve_site(httpserver, "footer")

    located = locate_statement(home, QUICK)

    assert located.source.final_url == httpserver.url_for("/msa-statement.pdf")
    assert located.discovery is not None
    assert located.discovery.homepage_links[0].region is LinkRegion.FOOTER


def test_locate_a_statement_checks_the_homepage(httpserver: HTTPServer) -> None:
    home = serve_site(httpserver, "bodytext")
    statement = httpserver.url_for("/about/slavery-and-trafficking")

    located = locate_statement(statement, QUICK)

    assert located.source.location == statement
    assert located.discovery is not None
    assert located.discovery.homepage == home
    assert [link.region for link in located.discovery.homepage_links] == [LinkRegion.BODY]


def test_locate_a_landing_page_finds_the_statement_and_the_homepage_link(
    httpserver: HTTPServer,
) -> None:
    home = serve_site(httpserver, "landing")
    landing = httpserver.url_for("/sustainability/modern-slavery")

    located = locate_statement(landing, QUICK)

    assert located.source.location.endswith("Statement-2023-24.pdf")
    assert located.discovery is not None
    assert located.discovery.path == (home, landing, located.source.location)
    assert [link.text for link in located.discovery.homepage_links] == ["Modern slavery"]


def test_locate_without_discovery_takes_the_page_as_it_is(httpserver: HTTPServer) -> None:
    home = serve_site(httpserver, "footer")

    located = locate_statement(home, QUICK, discover=False)

    assert located.source.final_url == home
    assert located.discovery is None
    assert len(httpserver.log) == 1


def test_locate_notes_a_homepage_that_cannot_be_read(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/").respond_with_data("down", status=503)
    httpserver.expect_request("/msa.pdf").respond_with_data(b"%PDF-1.4 statement")

    located = locate_statement(httpserver.url_for("/msa.pdf"), QUICK)

    assert located.discovery is None
    assert located.notes == (
        f"could not read the homepage {httpserver.url_for('/')} to check that it links to"
        f" the statement: HTTP 503 Service Unavailable from {httpserver.url_for('/')}",
    )


# -- is it a statement already? ------------------------------------------------------


@pytest.mark.parametrize(
    ("site", "path", "expected"),
    [
        ("bodytext", "/about/slavery-and-trafficking", True),
        ("bodytext", "/", False),
        ("landing", "/sustainability/modern-slavery", False),
        ("landing", "/docs/msa-2022.pdf", True),
    ],
)
def test_looks_like_statement(
    httpserver: HTTPServer, fetcher: Fetcher, site: str, path: str, expected: bool
) -> None:
    serve_site(httpserver, site)

    assert looks_like_statement(fetcher.fetch(httpserver.url_for(path))) is expected
