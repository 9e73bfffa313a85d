"""Whether a site's homepage links to a statement given by its URL (the s54(7) check).

When the user gives the statement's own URL, discovery has not read the homepage; this
reads the homepage and looks for a link to the statement, or to a landing page (among
the homepage's best modern slavery links) that links to it.

Which page is the homepage: the one the user names (`--homepage`, a batch's `website` or
`homepage` column), else scheme://host/ of the statement's own site, but only when that
site can be the organisation's. A registry, a cloud bucket, a CDN or a document host
serves many organisations' files, and its root is nobody's homepage: `homepage_of`
returns None there, and the criterion is `not_checked` with the reason, never `missing`.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from msa_check.errors import FetchError
from msa_check.fetch.discover import MAX_TRIES, aliases, homepage_links_to, root_of
from msa_check.fetch.links import same_url
from msa_check.fetch.pages import WebPage, links_note, read_page
from msa_check.fetch.ranking import rank_candidates
from msa_check.fetch.session import Fetcher
from msa_check.models import Discovery, FetchedSource, SourceKind

# Hosts that serve many organisations' documents (matched as the host or a parent
# domain of it): their root is not the homepage of the statement's organisation.
DOCUMENT_HOSTS = (
    "modern-slavery-statement-registry.service.gov.uk",
    "modernslaveryregister.gov.au",
    "service.gov.uk",
    "amazonaws.com",
    "cloudfront.net",
    "sharepoint.com",
    "blob.core.windows.net",
    "azureedge.net",
    "storage.googleapis.com",
    "googleusercontent.com",
    "drive.google.com",
    "docs.google.com",
    "dropbox.com",
    "dropboxusercontent.com",
    "box.com",
    "issuu.com",
    "q4cdn.com",
    "q4web.com",
    "files.cmp.optimizely.com",
    "hubspotusercontent.net",
    "hubspot.net",
    "squarespace.com",
    "squarespace-cdn.com",
    "wixstatic.com",
    "filesusr.com",
    "ctfassets.net",
    "prismic.io",
    "cdn.sanity.io",
    "akamaihd.net",
    "fastly.net",
    "cloudinary.com",
    "imgix.net",
    "yumpu.com",
    "scribd.com",
    "dfsweb.co.uk",
    "windows.net",
)


def document_host(url: str) -> str | None:
    """The shared document host `url` is on (a registry, bucket or CDN), or None."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return next((d for d in DOCUMENT_HOSTS if host == d or host.endswith("." + d)), None)


def homepage_of(statement_url: str, named: str | None = None) -> str | None:
    """The organisation's homepage: the one named, else the root of the statement's own
    site, or None when that site is a shared document host (the homepage is unknown)."""
    if named:
        return named
    return None if document_host(statement_url) else root_of(statement_url)


def find_homepage_links(
    statement_url: str,
    fetcher: Fetcher,
    *,
    statement: FetchedSource | None = None,
    via: Sequence[str] = (),
    homepage_url: str | None = None,
) -> Discovery:
    """The links on the organisation's homepage that lead to the statement.

    `homepage_url` is the homepage to read (the root of `statement_url`'s site if None).
    `statement` (the fetched statement) adds the URLs it was redirected through; `via`
    names landing pages already known to lead to it. Raises FetchError if the homepage
    cannot be fetched; an empty `homepage_links` means it was read and links to neither.
    """
    root = homepage_url or root_of(statement_url)
    homepage = read_page(fetcher.fetch(root))
    statement_urls = aliases(statement) if statement else {same_url(statement_url)}
    landing_urls = {same_url(url) for url in via}
    notes = [links_note(homepage)]
    if statement_urls & aliases(homepage.fetched):
        notes.append("the statement is the homepage itself")
        return Discovery(root, statement_url, path=(root,), notes=tuple(notes))
    direct = homepage_links_to(homepage.links, statement_urls)
    if direct:
        return Discovery(root, statement_url, (root, statement_url), direct, tuple(notes))
    to_landing = homepage_links_to(homepage.links, landing_urls)
    if to_landing:
        path = (root, to_landing[0].url, statement_url)
        return Discovery(root, statement_url, path, to_landing, tuple(notes))
    # A statement read from a file or standard input has no URL for a link to name: the
    # homepage links to it when a link leads to a document with the very same bytes.
    same_bytes = statement.sha256 if statement and statement.kind is not SourceKind.URL else None
    return _through_landing_page(
        homepage, statement_url, statement_urls, fetcher, notes, same_bytes=same_bytes
    )


def _through_landing_page(
    homepage: WebPage,
    statement_url: str,
    statement_urls: set[str],
    fetcher: Fetcher,
    notes: list[str],
    *,
    same_bytes: str | None = None,
) -> Discovery:
    """Follow the homepage's best modern slavery links, looking for one that leads there
    (or, for a statement given as a file, to a document whose sha256 is `same_bytes`)."""
    root = homepage.fetched.location
    exclude = aliases(homepage.fetched)
    for candidate in rank_candidates(homepage.links, on_landing_page=False, exclude=exclude)[
        :MAX_TRIES
    ]:
        try:
            fetched = fetcher.fetch(candidate.url)
            if same_bytes is not None and fetched.sha256 == same_bytes:
                links = homepage_links_to(homepage.links, aliases(fetched))
                notes.append(f"{candidate.url} has the very bytes of the file checked (sha256)")
                return Discovery(root, statement_url, (root, candidate.url), links, tuple(notes))
            page = read_page(fetched)
        except FetchError as error:
            notes.append(f"could not fetch {candidate.url}: {error.message}")
            continue
        page_urls = aliases(page.fetched)
        links = homepage_links_to(homepage.links, page_urls)
        if page_urls & statement_urls:  # the link redirects to the statement
            return Discovery(root, statement_url, (root, statement_url), links, tuple(notes))
        if any(same_url(link.url) in statement_urls for link in page.links):
            path = (root, candidate.url, statement_url)
            return Discovery(root, statement_url, path, links, tuple(notes))
    notes.append(
        "no link on the homepage leads to a document with the very bytes of the file checked"
        if same_bytes is not None
        else "no link on the homepage leads to the statement"
    )
    return Discovery(root, statement_url, path=(root,), notes=tuple(notes))
