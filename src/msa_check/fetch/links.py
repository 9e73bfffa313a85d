"""The links on a web page, with their wording and the part of the page they sit in.

Section 54(7) asks for a link "in a prominent place" on the homepage, so each link's
region (header, navigation, body, footer) is read from the elements around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from bs4 import BeautifulSoup
from bs4.element import Tag

from msa_check.extract.decode import charset_from_content_type, charset_from_html_meta, decode_text
from msa_check.extract.html_budget import html_for_links
from msa_check.fetch.urls import NOT_HTTP, join_url, shown_url
from msa_check.models import FetchedSource, LinkRegion

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_SKIPPED_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "#")
_DEFAULT_PORTS = {"http": "80", "https": "443"}
_CONTEXT_CHARS = 300
# Sections of a page (HTML's "sectioning content"): a <header> or <footer> inside one of
# these heads or foots that section, not the site.
_SECTIONS = frozenset({"article", "section", "aside", "main"})
_FOOTER_NAMES = re.compile(r"(^|[-_])(footer|colophon)([-_]|$)", re.IGNORECASE)
_NAV_NAMES = re.compile(r"(^|[-_])(nav|navbar|navigation|menu)([-_]|$)", re.IGNORECASE)
_HEADER_NAMES = re.compile(r"(^|[-_])(header|masthead)([-_]|$)", re.IGNORECASE)


@dataclass(frozen=True)
class PageLink:
    """One <a href> of a page."""

    url: str  # absolute, without its #fragment
    text: str  # what a reader sees: the link text, else its title, aria-label or image alt
    label: str  # all of the link's own wording: text, title, aria-label, image alt
    context: str  # the heading it sits under and the list item or paragraph around it
    region: LinkRegion


def parse_page(fetched: FetchedSource) -> BeautifulSoup:
    declared = charset_from_content_type(fetched.content_type) or charset_from_html_meta(
        fetched.content
    )
    # Read for its links only: a page too big to parse whole is read up to the cap.
    return BeautifulSoup(html_for_links(decode_text(fetched.content, declared)), "html.parser")


@dataclass(frozen=True)
class PageLinks:
    """A page's followable links, and the malformed ones skipped, each with why."""

    links: tuple[PageLink, ...]
    skipped: tuple[str, ...] = ()  # "HREF: reason", for a note; also an ignored <base href>


def page_links(soup: BeautifulSoup, page_url: str) -> tuple[PageLink, ...]:
    """Every followable http(s) link of the page, in document order."""
    return read_links(soup, page_url).links


def read_links(soup: BeautifulSoup, page_url: str) -> PageLinks:
    """As page_links, and the links skipped because they are no URL that can be fetched."""
    skipped: list[str] = []
    base = page_url
    base_tag = soup.find("base", href=True)
    if isinstance(base_tag, Tag):
        href = str(base_tag["href"])
        try:
            base = join_url(page_url, href)
        except ValueError as exc:
            # Ignored, as browsers do: links are then read against the page's own URL.
            skipped.append(f"<base href> {shown_url(href.strip())}: {exc}")
    links: list[PageLink] = []
    heading = ""
    # find_all walks in document order, so the last heading seen is the one a link is under.
    for tag in soup.find_all([*_HEADINGS, "a"]):
        if tag.name in _HEADINGS:
            heading = _words(tag.get_text(" "))
            continue
        try:
            link = _read_link(tag, base, heading)
        except ValueError as exc:  # a malformed href ("http://[oops/x"): one bad link
            skipped.append(f"{shown_url(str(tag.get('href') or '').strip())}: {exc}")
            continue
        if link is not None:
            links.append(link)
    return PageLinks(tuple(links), tuple(skipped))


def same_url(url: str) -> str:
    """`url` in one spelling: lower-case scheme and host, no default port, fragment or end slash."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # an IPv6 address: hostname drops its brackets, a URL needs them
        host = f"[{host}]"
    if parts.port is not None and str(parts.port) != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((scheme, host, path, parts.query, ""))


def _read_link(tag: Tag, base: str, heading: str) -> PageLink | None:
    """The link of `tag`; None if it is not for following (mailto:, #top, ftp:...);
    ValueError, with the reason, if its href is no URL that can be fetched."""
    href = str(tag.get("href") or "").strip()
    if not href or href.lower().startswith(_SKIPPED_SCHEMES):
        return None
    try:
        url = join_url(base, href)
    except ValueError as exc:
        if str(exc) == NOT_HTTP:
            return None  # ftp:, file:, a custom app scheme: not a link to follow
        raise
    text = _words(tag.get_text(" "))
    extras = [str(tag.get(name) or "") for name in ("title", "aria-label")]
    extras += [str(image.get("alt") or "") for image in tag.find_all("img")]
    extras = [_words(extra) for extra in extras if extra.strip()]
    around = tag.find_parent(["li", "p", "td", "dd"])
    block = _words(around.get_text(" "))[:_CONTEXT_CHARS] if around is not None else ""
    return PageLink(
        url=url,
        text=text or next(iter(extras), ""),
        label=" ".join([text, *extras]).strip(),
        context=f"{heading} {block}".strip(),
        region=region_of(tag),
    )


def region_of(tag: Tag) -> LinkRegion:
    """Footer over navigation over header over body, from the elements around `tag`.

    A footer's menu is still the footer, where statements are most often linked; a menu
    in the site header is navigation.
    """
    found: set[LinkRegion] = set()
    for parent in tag.parents:
        if parent.name in _SECTIONS:
            # A header or footer inside a section is the section's; further up, the site's.
            found.discard(LinkRegion.HEADER)
            found.discard(LinkRegion.FOOTER)
        region = _region_of_element(parent)
        if region is not None:
            found.add(region)
    for region in (LinkRegion.FOOTER, LinkRegion.NAVIGATION, LinkRegion.HEADER):
        if region in found:
            return region
    return LinkRegion.BODY


def _region_of_element(element: Tag) -> LinkRegion | None:
    role = str(element.get("role") or "").lower()
    names = [str(element.get("id") or ""), *element.get_attribute_list("class")]
    names = [name for name in names if name]
    if element.name == "footer" or role == "contentinfo" or _named(names, _FOOTER_NAMES):
        return LinkRegion.FOOTER
    if element.name == "nav" or role == "navigation" or _named(names, _NAV_NAMES):
        return LinkRegion.NAVIGATION
    if element.name == "header" or role == "banner" or _named(names, _HEADER_NAMES):
        return LinkRegion.HEADER
    return None


def _named(names: list[str], pattern: re.Pattern[str]) -> bool:
    return any(pattern.search(name) for name in names)


def _words(text: str) -> str:
    return " ".join(text.split())
