"""Reading a page's links, their region, their wording and the year they name (no server)."""

from __future__ import annotations

import pytest

from msa_check.fetch.links import page_links, parse_page, same_url
from msa_check.fetch.ranking import rank_candidates, year_note
from msa_check.fetch.wording import link_year, score_wording
from msa_check.models import FetchedSource, LinkRegion, SourceKind

BASE = "https://example.com/en/"


def links_of(html: str) -> dict[str, LinkRegion]:
    fetched = FetchedSource(
        location=BASE, kind=SourceKind.URL, content=html.encode(), sha256="", fetched_at=""
    )
    return {link.text: link.region for link in page_links(parse_page(fetched), BASE)}


def test_region_comes_from_the_enclosing_elements() -> None:
    regions = links_of(
        """<header><a href="/a">In header</a><nav><a href="/b">In header nav</a></nav></header>
        <div role="navigation"><a href="/c">In role nav</a></div>
        <main><p><a href="/d">In body</a></p>
          <article><header><a href="/e">In article header</a></header>
          <footer><a href="/f">In article footer</a></footer></article></main>
        <footer><nav><a href="/g">In footer nav</a></nav></footer>
        <div role="contentinfo"><a href="/h">In role contentinfo</a></div>
        <div id="site-footer"><a href="/i">In footer div</a></div>"""
    )

    assert regions == {
        "In header": LinkRegion.HEADER,
        "In header nav": LinkRegion.NAVIGATION,
        "In role nav": LinkRegion.NAVIGATION,
        "In body": LinkRegion.BODY,
        "In article header": LinkRegion.BODY,
        "In article footer": LinkRegion.BODY,
        "In footer nav": LinkRegion.FOOTER,
        "In role contentinfo": LinkRegion.FOOTER,
        "In footer div": LinkRegion.FOOTER,
    }


def test_links_resolve_against_base_and_skip_what_cannot_be_followed() -> None:
    html = """<base href="https://cdn.example.com/docs/">
        <a href="msa.pdf#page=2">Statement</a> <a href="#top">Top</a>
        <a href="mailto:a@example.com">Mail</a> <a href="javascript:void(0)">JS</a>
        <a href="ftp://example.com/x">FTP</a> <a href="/policy" aria-label="Slavery policy"></a>"""
    fetched = FetchedSource(
        location=BASE, kind=SourceKind.URL, content=html.encode(), sha256="", fetched_at=""
    )

    links = page_links(parse_page(fetched), BASE)

    assert [(link.url, link.text) for link in links] == [
        ("https://cdn.example.com/docs/msa.pdf", "Statement"),
        ("https://cdn.example.com/policy", "Slavery policy"),
    ]


@pytest.mark.parametrize(
    ("text", "url", "score"),
    [
        ("Modern Slavery Statement", "", 0.9),
        ("Modern Slavery Act Statement 2024", "/msa-2024.pdf", 1.0),
        ("Transparency in Supply Chains", "", 0.6),
        ("Forced Labour and Child Labour Report", "", 0.75),
        ("Read more", "/docs/ModernSlaveryStatement2023.pdf", 0.83),
        ("Statement", "", 0.0),
        ("Sustainability", "/sustainability", 0.0),
    ],
)
def test_wording_score(text: str, url: str, score: float) -> None:
    assert score_wording(text, url) == score


@pytest.mark.parametrize(
    ("text", "url", "year"),
    [
        ("Modern Slavery Statement FY24", "", 2024),
        ("Statement 2024-25", "", 2025),
        ("Statement 2023/24", "", 2024),
        ("Statement", "/wp-content/uploads/2024/06/msa-2023.pdf", 2023),
        ("Statement", "/wp-content/uploads/2024/06/msa.pdf", 2024),
        ("Our latest statement", "/msa-2021.pdf", 9999),
        ("Statement", "/msa.pdf", None),
    ],
)
def test_link_year(text: str, url: str, year: int | None) -> None:
    assert link_year(text, url) == year


def test_same_url_ignores_spelling_differences() -> None:
    assert same_url("HTTPS://Example.com:443/msa/#top") == same_url("https://example.com/msa")
    assert same_url("http://example.com") == "http://example.com/"
    assert same_url("http://example.com:8080/a") != same_url("http://example.com/a")


def test_same_url_keeps_ipv6_brackets() -> None:
    # Found by tests/fuzz/test_urls.py: "http://[::1]" became "http://::1/", no URL at all.
    assert same_url("http://[::1]") == "http://[::1]/"
    assert same_url("http://[FE80::1]:8080/a/") == "http://[fe80::1]:8080/a"


def test_links_to_one_url_are_one_candidate_and_years_decide_among_equals() -> None:
    fetched = FetchedSource(
        location=BASE,
        kind=SourceKind.URL,
        content=b"""<nav><a href="/msa-2023.pdf">Modern slavery statement 2023</a></nav>
            <footer><a href="/msa-2023.pdf">Modern slavery statement 2023</a>
            <a href="/msa-2024.pdf">Modern slavery statement 2024</a>
            <a href="/news">Slavery in history: a talk</a></footer>""",
        sha256="",
        fetched_at="",
    )

    candidates = rank_candidates(page_links(parse_page(fetched), BASE), on_landing_page=False)

    assert [(c.url, c.year, len(c.links)) for c in candidates] == [
        ("https://example.com/msa-2024.pdf", 2024, 1),
        ("https://example.com/msa-2023.pdf", 2023, 2),
        ("https://example.com/news", None, 1),
    ]
    assert year_note(candidates) == "2 statements offered (2023, 2024); chose 2024"
