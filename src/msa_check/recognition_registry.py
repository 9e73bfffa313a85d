"""A statement registry's page about one statement: the kinds of the registry's own wording
it carries (recognition.py's `registry` signal), and the link it gives for the statement.

The kinds come from three places: the one-pass scan of the text (recognition_wording.py,
`REGISTRY`), the page's title (`REGISTRY_TITLE`, for a web page whose header and menu the
extractor dropped), and the text as extracted, for a summary's field names on a line of
their own (`FIELD_LINE`, one search; the one pass reads the text with one space between
words, its lines gone). The statement's
address comes from the text, else from the page's links (a registry's HTML page links
to it by "View the full modern slavery statement").

Pure: texts, matches and links in, kinds and an address out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from msa_check.models import Link, is_absolute_web_address
from msa_check.recognition_patterns import (
    FIELD_LINE,
    FIELD_NAMES,
    FIRST_FIELD_LINE,
    REGISTRY_TITLE,
    WEB_ADDRESS,
)

# Each kind found, with the text it was found in (to be quoted from) and its first match.
KindsFound = dict[str, tuple[str, re.Match[str]]]


def registry_kinds(
    text: str, matches: Sequence[re.Match[str]], extracted: str, title: str | None
) -> KindsFound:
    """The kinds of a registry's wording in a document, in the order found: the title's
    first, then the text's (`text`: one space between words, as `matches` were found in
    it; `extracted`: the same text with its lines, where a field name may stand alone)."""
    found: KindsFound = {}
    title = " ".join((title or "").split())
    if title_match := REGISTRY_TITLE.search(title):
        found["registry_title"] = (title, title_match)
    placed: dict[str, tuple[int, str, re.Match[str]]] = {}
    for match in matches:
        kind = str(match.lastgroup)
        if kind not in placed and _counts(kind, match.group()):
            placed[kind] = (match.start(), text, match)
    first = FIRST_FIELD_LINE.match(extracted)
    for match in ([first] if first else []) + list(FIELD_LINE.finditer(extracted)):
        kind = str(match.lastgroup)  # a name with its capital: the patterns see to it
        if kind not in placed:
            placed[kind] = (match.start(), extracted, match)
    for kind, (_, where, match) in sorted(placed.items(), key=lambda item: item[1][0]):
        found[kind] = (where, match)
    return found


def _counts(kind: str, found: str) -> bool:
    """A summary's field, with its colon, counts with its capital: "Financial year: 2024",
    not "the financial year: ..." (the Resource Centre's "legislation:", as before, in
    any case)."""
    return kind == "legislation" or kind not in FIELD_NAMES or found[0].isupper()


def listed_statement_link(text: str, links: Sequence[Link] = ()) -> str | None:
    """The address of the statement a registry's page lists, of those not on a registry's
    own site: the first in its text that looks like a statement's (it names slavery,
    trafficking or a statement, or is a PDF's); else, from its links, the first labelled
    as the statement ("View the full modern slavery statement"), else the first whose
    words or address look like a statement's; else the first address in its text (None
    when it gives none)."""
    addresses = [link for link in _addresses(text) if _host(link) not in _REGISTRY_HOSTS]
    in_text = next((address for address in addresses if _looks_like_statement(address)), None)
    return in_text or _linked_statement(links) or next(iter(addresses), None)


def _linked_statement(links: Sequence[Link]) -> str | None:
    candidates = [
        link
        for link in links
        if is_absolute_web_address(link.href) and _host(link.href) not in _REGISTRY_HOSTS
    ]
    labelled = (link.href for link in candidates if _STATEMENT_LABEL.search(link.text))
    looks_like = (
        link.href
        for link in candidates
        if _looks_like_statement(link.href) or _looks_like_statement(link.text)
    )
    return next(labelled, None) or next(looks_like, None)


def _addresses(text: str) -> list[str]:
    # NFKC: a PDF's "ﬁ" ligature is "fi" in the address; the stops, closing quotes and
    # brackets are the sentence's.
    found = (unicodedata.normalize("NFKC", m.group()) for m in WEB_ADDRESS.finditer(text))
    return [address.rstrip(_TRAILING) for address in found]


def _host(address: str) -> str:
    return address.split("/")[2].lower() if address.count("/") >= 2 else ""


def _looks_like_statement(address: str) -> bool:
    lowered = address.lower()
    return lowered.endswith(".pdf") or any(word in lowered for word in _STATEMENT_WORDS)


# The registries' own sites, whose addresses on their pages are not the statement's.
_REGISTRY_HOSTS = frozenset(
    host
    for site in (
        "modern-slavery-statement-registry.service.gov.uk",
        "business-humanrights.org",
        "modernslaveryregistry.org",
    )
    for host in (site, "www." + site)
)
_TRAILING = ".,;:)]>\"'\u201d\u2019"  # what ends a sentence or a quote round an address
_STATEMENT_WORDS = ("slavery", "statement", "trafficking")
# A link's words that say it is the statement: "View the full modern slavery statement",
# "Link to the statement", "Our slavery and human trafficking statement".
_STATEMENT_LABEL = re.compile(
    r"\b(?:slavery|trafficking)\b.*\bstatement\b|\bstatement\b.*\b(?:slavery|trafficking)\b"
    r"|\b(?:link to|view|read|open|download)\b(?:\W+\w+){0,3}?\W+statement\b",
    re.IGNORECASE,
)
