"""From what the user gave to the statement to analyse, and where its homepage links to it.

A URL may be a homepage (find the statement it links to), a landing page (the same, then
check the real homepage's link), or the statement itself (check the homepage's link).
Files and stdin are read as they are.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, replace
from typing import BinaryIO
from urllib.parse import urlsplit

from msa_check.errors import FetchError
from msa_check.fetch.discover import search_from
from msa_check.fetch.homepage import document_host, find_homepage_links, homepage_of
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
    When discovery found no statement (`discovery.statement_found` is False), `source` is
    the homepage, and `discovery.examined` says what each candidate link led to.
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
    homepage: str | None = None,
) -> LocatedStatement:
    """Fetch `location`; if it is a web page that lists statements, find the statement.

    Raises FetchError as fetch_statement does. A homepage that leads to no modern
    slavery statement is not an error: the LocatedStatement says so (see its docstring).
    With `discover` False the URL is analysed as it is and the homepage is not read.
    `fetcher`, if given, is used and left open.
    `homepage` names the organisation's homepage when the statement is elsewhere (a
    document host, another domain): its links are checked instead of the statement
    site's root.
    """
    if not discover or not is_url(location):
        if homepage and discover:  # a file or stdin: only the homepage is on the web
            return _file_with_homepage(location, options, stdin, fetcher, homepage)
        return LocatedStatement(fetch_statement(location, options, stdin, fetcher=fetcher))
    if fetcher is not None:
        return _locate_url(location, fetcher, homepage)
    with Fetcher(options) as own:
        return _locate_url(location, own, homepage)


def _file_with_homepage(
    location: str,
    options: FetchOptions,
    stdin: BinaryIO | None,
    fetcher: Fetcher | None,
    homepage: str,
) -> LocatedStatement:
    source = fetch_statement(location, options, stdin, fetcher=fetcher)
    if fetcher is not None:
        return _with_homepage_check(source, fetcher, homepage=homepage)
    with Fetcher(options) as own:
        return _with_homepage_check(source, own, homepage=homepage)


def _locate_url(url: str, fetcher: Fetcher, homepage: str | None = None) -> LocatedStatement:
    with fetcher.one_source(url):
        return _locate_url_in_deadline(url, fetcher, homepage)


def _locate_url_in_deadline(url: str, fetcher: Fetcher, homepage: str | None) -> LocatedStatement:
    page = read_page(fetcher.fetch(url))
    if page.is_statement:
        return _with_homepage_check(page.fetched, fetcher, homepage=homepage)
    discovery, source = search_from(page, fetcher)
    if source is None:
        if _is_homepage(url) and homepage is None:
            # No statement found: a result, reported with the links examined (issue 17).
            return LocatedStatement(page.fetched, discovery)
        # A page deeper in a site that links to no statement is read as the statement
        # itself: a short statement page has few words, but it is what the user gave.
        return _with_homepage_check(page.fetched, fetcher, homepage=homepage)
    if _is_homepage(url) and homepage is None:
        return LocatedStatement(source, discovery)
    # A landing page was given: its links are not the homepage's, so read the homepage.
    located = _with_homepage_check(source, fetcher, via=(url,), homepage=homepage)
    if located.discovery is None:
        return located
    notes = (*discovery.notes, *located.discovery.notes)
    return replace(located, discovery=replace(located.discovery, notes=notes))


def _with_homepage_check(
    statement: FetchedSource,
    fetcher: Fetcher,
    via: tuple[str, ...] = (),
    homepage: str | None = None,
) -> LocatedStatement:
    root = homepage_of(statement.location, homepage)
    if root is None:
        host = document_host(statement.location)
        note = (
            f"the organisation's homepage is unknown: the statement is on {host}, a host of"
            " many organisations' documents whose root is nobody's homepage (name the"
            " homepage to check its link: --homepage, or a website column in a batch)"
        )
        return LocatedStatement(statement, None, (note,))
    # A homepage the user named is a URL given directly: it may be internal, whatever
    # the address of the statement (fetch/addresses.py).
    chain = fetcher.new_address_chain() if homepage else nullcontext()
    try:
        with chain:
            discovery = find_homepage_links(
                statement.location, fetcher, statement=statement, via=via, homepage_url=root
            )
    except FetchError as error:
        note = (
            f"could not read the homepage {root} to check that it"
            f" links to the statement: {error.message}"
        )
        return LocatedStatement(statement, None, (note,))
    return LocatedStatement(statement, discovery)


def _is_homepage(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query
