"""From what the user gave to the statement to analyse, and where its homepage links to it.

A URL may be a homepage (find the statement it links to), a landing page (the same, then
check the real homepage's link), or the statement itself (check the homepage's link).
Files and stdin are read as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import BinaryIO
from urllib.parse import urlsplit

from msa_check.errors import FetchError, StatementNotFoundError
from msa_check.fetch.discover import find_statement_from, root_of
from msa_check.fetch.homepage import find_homepage_links
from msa_check.fetch.location import fetch_statement, is_url
from msa_check.fetch.options import FetchOptions
from msa_check.fetch.pages import read_page
from msa_check.fetch.session import Fetcher
from msa_check.models import Discovery, FetchedSource

_DEFAULT_OPTIONS = FetchOptions()  # frozen, so one shared default is safe


@dataclass(frozen=True)
class LocatedStatement:
    """The statement to analyse, and how its homepage leads to it.

    `discovery` is None for files and stdin, with discovery turned off, or when the
    homepage could not be read (`notes` then says why): the homepage link is unknown.
    """

    source: FetchedSource
    discovery: Discovery | None = None
    notes: tuple[str, ...] = ()


def locate_statement(
    location: str,
    options: FetchOptions = _DEFAULT_OPTIONS,
    stdin: BinaryIO | None = None,
    *,
    discover: bool = True,
    fetcher: Fetcher | None = None,
) -> LocatedStatement:
    """Fetch `location`; if it is a web page that lists statements, find the statement.

    Raises FetchError as fetch_statement does, and StatementNotFoundError when a page
    links to no modern slavery statement. With `discover` False the URL is analysed as
    it is and the homepage is not read. `fetcher`, if given, is used and left open.
    """
    if not discover or not is_url(location):
        return LocatedStatement(fetch_statement(location, options, stdin, fetcher=fetcher))
    if fetcher is not None:
        return _locate_url(location, fetcher)
    with Fetcher(options) as own:
        return _locate_url(location, own)


def _locate_url(url: str, fetcher: Fetcher) -> LocatedStatement:
    page = read_page(fetcher.fetch(url))
    if page.is_statement:
        return _with_homepage_check(page.fetched, fetcher)
    try:
        found = find_statement_from(page, fetcher)
    except StatementNotFoundError:
        if _is_homepage(url):
            raise
        # A page deeper in a site that links to no statement is read as the statement
        # itself: a short statement page has few words, but it is what the user gave.
        return _with_homepage_check(page.fetched, fetcher)
    if _is_homepage(url):
        return LocatedStatement(found.source, found.discovery)
    # A landing page was given: its links are not the homepage's, so read the homepage.
    located = _with_homepage_check(found.source, fetcher, via=(url,))
    if located.discovery is None:
        return located
    notes = (*found.discovery.notes, *located.discovery.notes)
    return replace(located, discovery=replace(located.discovery, notes=notes))


def _with_homepage_check(
    statement: FetchedSource, fetcher: Fetcher, via: tuple[str, ...] = ()
) -> LocatedStatement:
    try:
        discovery = find_homepage_links(statement.location, fetcher, statement=statement, via=via)
    except FetchError as error:
        note = (
            f"could not read the homepage {root_of(statement.location)} to check that it"
            f" links to the statement: {error.message}"
        )
        return LocatedStatement(statement, None, (note,))
    return LocatedStatement(statement, discovery)


def _is_homepage(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query
