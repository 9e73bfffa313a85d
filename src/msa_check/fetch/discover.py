"""Finding a company's modern slavery statement from its homepage, and the homepage's link to it.

From the homepage, the best link about a modern slavery statement is followed. If it
leads to the statement (a PDF, or a page that reads as a statement) that is the
statement; if it leads to a landing page that lists statements, the best of those (the
most recent year) is. Two levels at most: homepage -> landing page -> document.

A page that only mentions slavery (a news story, a policy, a code of conduct) is passed
over for the next candidate: its wording is put to the "is this a statement?" check
(recognition.py, without the criteria coverage, which needs the analysis). If no
candidate reads as a statement, the best page that cannot be ruled out (one about
slavery, or one with no text of its own, likely drawn by JavaScript) is taken, and the
report says what it is; if there is none, no statement is found.
Every link weighed is recorded (`Discovery.examined`) with what became of it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from msa_check.errors import FetchError, StatementNotFoundError
from msa_check.fetch.links import PageLink, same_url
from msa_check.fetch.pages import WebPage, links_note, read_page
from msa_check.fetch.ranking import (
    LINK_THRESHOLD,
    Candidate,
    link_score,
    rank_candidates,
    year_note,
)
from msa_check.fetch.session import Fetcher
from msa_check.models import Discovery, ExaminedLink, FetchedSource, HomepageLink

MAX_TRIES = 3  # candidates tried on each page before giving up
NEAR_MISSES = 5  # links below the wording threshold listed when no link is above it
NO_TEXT_WORDS = 20  # a page with fewer words of its own is likely drawn by JavaScript


@dataclass(frozen=True)
class FoundStatement:
    """The statement a homepage leads to, fetched, and how it was found."""

    discovery: Discovery
    source: FetchedSource


@dataclass
class _Search:
    """What a search from one homepage has seen so far."""

    homepage: WebPage
    notes: list[str]
    examined: list[ExaminedLink]
    # The best candidate page that does not read as a statement but cannot be ruled out
    # (about slavery, or no text of its own to judge), and why: taken if nothing better.
    fallback: tuple[tuple[FetchedSource, ...], str] | None = None

    def looked_at(self, candidate: Candidate, outcome: str) -> None:
        link = candidate.links[0]
        self.examined.append(ExaminedLink(candidate.url, link.text, candidate.score, outcome))


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
    """The Discovery from a fetched homepage, and the statement fetched (None if none).

    Up to MAX_TRIES candidates are tried on each page; if every one fails to fetch, the
    error of the best one is raised, saying which page linked to it.
    """
    search = _Search(homepage, [links_note(homepage)], [])
    seen = aliases(homepage.fetched)
    candidates = rank_candidates(homepage.links, on_landing_page=False, exclude=seen)
    if not candidates:
        search.notes.append(
            "none is worded as a link to a modern slavery statement (a wording score of"
            f" {LINK_THRESHOLD} or more)"
        )
        search.examined.extend(_near_misses(homepage.links, seen))
        return _not_found(search), None
    _add_note(search.notes, year_note(candidates))
    errors: list[FetchError] = []
    for candidate in candidates[:MAX_TRIES]:
        try:
            page = read_page(fetcher.fetch(candidate.url))
        except FetchError as error:
            errors.append(error)
            search.notes.append(f"could not fetch {candidate.url}: {error.message}")
            search.looked_at(candidate, f"could not fetch: {error.message}")
            continue
        if page.is_statement:
            search.looked_at(candidate, "taken as the statement")
            return _found(search, (page.fetched,)), page.fetched
        found = _from_landing_page(search, candidate, page, fetcher)
        if found is not None:
            return found
    for candidate in candidates[MAX_TRIES:]:
        search.looked_at(candidate, f"not followed: only the best {MAX_TRIES} links are")
    if len(errors) == min(len(candidates), MAX_TRIES):
        raise _linked_from(errors[0], homepage.fetched.location)
    if search.fallback is not None:
        steps, why = search.fallback
        search.notes.append(
            f"no candidate reads as a statement; {steps[-1].location} is taken, as {why}:"
            " the report says what it is"
        )
        return replace(_found(search, steps), in_reserve=True), steps[-1]
    search.notes.append("no candidate is a modern slavery statement")
    return _not_found(search), None


def _from_landing_page(
    search: _Search, candidate: Candidate, landing: WebPage, fetcher: Fetcher
) -> tuple[Discovery, FetchedSource] | None:
    """The statement a landing page lists; None (and the reason recorded) if it lists none."""
    exclude = aliases(search.homepage.fetched) | aliases(landing.fetched)
    if landing.skipped_links:
        search.notes.append(links_note(landing, f"the landing page {landing.url}"))
    documents = rank_candidates(landing.links, on_landing_page=True, exclude=exclude)
    if not documents:
        if landing.reads_as_statement:
            search.notes.append(
                f"{landing.url} lists no statements, so it is taken as the statement"
            )
            search.looked_at(candidate, "taken as the statement (a short page that reads as one)")
            return _found(search, (landing.fetched,)), landing.fetched
        if landing.words < NO_TEXT_WORDS:
            why = "it has no text of its own to judge (it may be rendered by JavaScript)"
        elif landing.about_slavery:
            why = "the page is about slavery"
        else:
            search.looked_at(candidate, f"rejected: {landing.rejection}; it lists no statements")
            return None
        if search.fallback is not None:  # one page in reserve: the best-ranked
            search.looked_at(candidate, f"rejected: {landing.rejection}; it lists no statements")
            return None
        search.looked_at(candidate, f"{landing.rejection}; kept in reserve, as {why}")
        search.fallback = ((landing.fetched,), why)
        return None
    search.looked_at(candidate, "followed: a landing page that lists statements")
    _add_note(search.notes, year_note(documents))
    errors: list[FetchError] = []
    for document in documents[:MAX_TRIES]:
        try:
            fetched = fetcher.fetch(document.url)
        except FetchError as error:
            errors.append(error)
            search.notes.append(f"could not fetch {document.url}: {error.message}")
            search.looked_at(document, f"could not fetch: {error.message}")
            continue
        search.looked_at(document, "taken as the statement (listed on the landing page)")
        return _found(search, (landing.fetched, fetched)), fetched
    raise _linked_from(errors[0], landing.fetched.location)


def _near_misses(links: tuple[PageLink, ...], exclude: set[str]) -> list[ExaminedLink]:
    """The homepage's best-worded links below the threshold, so a reader sees what was there."""
    scored: dict[str, tuple[float, PageLink]] = {}
    for link in links:
        key = same_url(link.url)
        score = link_score(link, on_landing_page=False)
        if key not in exclude and score > 0 and score > scored.get(key, (0.0, link))[0]:
            scored[key] = (score, link)
    best = sorted(scored.values(), key=lambda pair: pair[0], reverse=True)[:NEAR_MISSES]
    return [
        ExaminedLink(
            link.url,
            link.text,
            score,
            f"not followed: its wording scores {score:.2f}, under {LINK_THRESHOLD}",
        )
        for score, link in best
    ]


def _found(search: _Search, steps: tuple[FetchedSource, ...]) -> Discovery:
    """The Discovery of a statement reached through `steps`: [landing page,] statement."""
    homepage = search.homepage
    targets = set().union(*(aliases(step) for step in steps))
    return Discovery(
        homepage=homepage.fetched.location,
        statement_url=steps[-1].location,
        path=(homepage.fetched.location, *(step.location for step in steps)),
        homepage_links=homepage_links_to(homepage.links, targets),
        notes=tuple(search.notes),
        examined=tuple(search.examined),
    )


def _not_found(search: _Search) -> Discovery:
    home = search.homepage.fetched.location
    return Discovery(
        home, None, path=(home,), notes=tuple(search.notes), examined=tuple(search.examined)
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
