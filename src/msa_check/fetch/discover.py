"""Finding a company's modern slavery statement from its homepage, and the homepage's link to it.

From the homepage, the best link about a modern slavery statement is followed. If it
leads to the statement (a PDF, or a page that talks about slavery at length) that is
the statement; if it leads to a landing page that lists statements, the best of those
(the most recent year) is. Two levels at most: homepage -> landing page -> document.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from msa_check.errors import FetchError, StatementNotFoundError
from msa_check.fetch.links import PageLink, same_url
from msa_check.fetch.pages import WebPage, links_note, read_page
from msa_check.fetch.ranking import link_score, rank_candidates, year_note
from msa_check.fetch.session import Fetcher
from msa_check.models import Discovery, FetchedSource, HomepageLink

MAX_TRIES = 3  # candidates tried on each page before giving up


@dataclass(frozen=True)
class FoundStatement:
    """The statement a homepage leads to, fetched, and how it was found."""

    discovery: Discovery
    source: FetchedSource


def discover_statement(homepage_url: str, fetcher: Fetcher) -> Discovery:
    """How `homepage_url` leads to a statement; `statement_url` None if it links to none."""
    homepage = read_page(fetcher.fetch(homepage_url))
    return search_from(homepage, fetcher)[0]


def find_statement(homepage_url: str, fetcher: Fetcher) -> FoundStatement:
    """The statement `homepage_url` leads to; StatementNotFoundError if it links to none."""
    return find_statement_from(read_page(fetcher.fetch(homepage_url)), fetcher)


def find_statement_from(homepage: WebPage, fetcher: Fetcher) -> FoundStatement:
    """As find_statement, from a homepage already fetched."""
    discovery, source = search_from(homepage, fetcher)
    if source is None:
        raise StatementNotFoundError(homepage.fetched.location, len(homepage.links))
    return FoundStatement(discovery, source)


def search_from(homepage: WebPage, fetcher: Fetcher) -> tuple[Discovery, FetchedSource | None]:
    """The Discovery from a fetched homepage, and the statement fetched (None if no link).

    Up to MAX_TRIES candidates are tried on each page; if all fail to fetch, the error of
    the best one is raised, saying which page linked to it.
    """
    home = homepage.fetched.location
    notes = [links_note(homepage)]
    seen = aliases(homepage.fetched)
    candidates = rank_candidates(homepage.links, on_landing_page=False, exclude=seen)
    if not candidates:
        return Discovery(home, None, path=(home,), notes=tuple(notes)), None
    _add_note(notes, year_note(candidates))
    errors: list[FetchError] = []
    for candidate in candidates[:MAX_TRIES]:
        try:
            page = read_page(fetcher.fetch(candidate.url))
        except FetchError as error:
            errors.append(error)
            notes.append(f"could not fetch {candidate.url}: {error.message}")
            continue
        if page.is_statement:
            return _found(homepage, (page.fetched,), notes), page.fetched
        return _from_landing_page(homepage, page, fetcher, notes)
    raise _linked_from(errors[0], home)


def _from_landing_page(
    homepage: WebPage, landing: WebPage, fetcher: Fetcher, notes: list[str]
) -> tuple[Discovery, FetchedSource]:
    exclude = aliases(homepage.fetched) | aliases(landing.fetched)
    documents = rank_candidates(landing.links, on_landing_page=True, exclude=exclude)
    if not documents:
        notes.append(f"{landing.url} lists no statements, so it is taken as the statement")
        return _found(homepage, (landing.fetched,), notes), landing.fetched
    _add_note(notes, year_note(documents))
    errors: list[FetchError] = []
    for document in documents[:MAX_TRIES]:
        try:
            fetched = fetcher.fetch(document.url)
        except FetchError as error:
            errors.append(error)
            notes.append(f"could not fetch {document.url}: {error.message}")
            continue
        return _found(homepage, (landing.fetched, fetched), notes), fetched
    raise _linked_from(errors[0], landing.fetched.location)


def _found(homepage: WebPage, steps: tuple[FetchedSource, ...], notes: list[str]) -> Discovery:
    """The Discovery of a statement reached through `steps`: [landing page,] statement."""
    targets = set().union(*(aliases(step) for step in steps))
    return Discovery(
        homepage=homepage.fetched.location,
        statement_url=steps[-1].location,
        path=(homepage.fetched.location, *(step.location for step in steps)),
        homepage_links=homepage_links_to(homepage.links, targets),
        notes=tuple(notes),
    )


def homepage_links_to(links: tuple[PageLink, ...], targets: set[str]) -> tuple[HomepageLink, ...]:
    """The homepage's links whose URL is one of `targets` (same_url() forms), in page order."""
    return tuple(
        HomepageLink(
            text=link.text,
            url=link.url,
            region=link.region,
            score=link_score(link, on_landing_page=False),
        )
        for link in links
        if same_url(link.url) in targets
    )


def root_of(url: str) -> str:
    """The homepage of the site `url` is on: scheme://host/."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc}/"


def aliases(fetched: FetchedSource) -> set[str]:
    """Every URL that led to `fetched`, in same_url() form: asked for, redirected through, final."""
    urls = [fetched.location, *fetched.redirects]
    if fetched.final_url:
        urls.append(fetched.final_url)
    return {same_url(url) for url in urls}


def _linked_from(error: FetchError, page: str) -> FetchError:
    # The best candidate's error: the user gave `page` (or its homepage), not this URL.
    return FetchError(
        f"{error.template} (linked from {page} as its modern slavery statement)",
        setting=error.setting,
    )


def _add_note(notes: list[str], note: str | None) -> None:
    if note is not None:
        notes.append(note)


__all__ = [
    "FoundStatement",
    "aliases",
    "discover_statement",
    "find_statement",
    "find_statement_from",
    "homepage_links_to",
    "root_of",
    "search_from",
]
