"""Where a statement came from: the bytes fetched and, from a homepage, how it was found.

Apart from the document and the verdicts because only the fetch stage makes these, and a
report only carries them along.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class SourceKind(str, Enum):
    """Where the bytes came from."""

    URL = "url"
    FILE = "file"
    STDIN = "stdin"


@dataclass(frozen=True)
class FetchedSource:
    """The raw bytes of a statement and where they came from.

    `location` is what the user gave (URL, path or "-"); `final_url` is the URL after
    redirects (None for files and stdin).
    """

    location: str
    kind: SourceKind
    content: bytes
    sha256: str
    fetched_at: str  # ISO 8601, UTC, e.g. "2026-11-25T10:00:00+00:00"
    final_url: str | None = None
    status: int | None = None
    content_type: str | None = None  # the Content-Type header, if any: a hint only
    redirects: tuple[str, ...] = ()


class LinkRegion(str, Enum):
    """Where on a page a link sits: s54(7) asks for a link in a prominent place."""

    HEADER = "header"
    NAVIGATION = "navigation"
    BODY = "body"
    FOOTER = "footer"


@dataclass(frozen=True)
class HomepageLink:
    """A link on an organisation's homepage to its statement or the statement's landing page."""

    text: str  # the link text (or its title / aria-label when it has no text)
    url: str  # absolute URL it points to
    region: LinkRegion
    score: float  # how strongly its wording says "modern slavery statement", 0.0-1.0


@dataclass(frozen=True)
class Discovery:
    """How the statement was found from a homepage, and what the homepage links to.

    `path` is the chain of URLs followed: homepage -> landing page -> document. An empty
    `homepage_links` means the homepage was read and links to no statement.
    """

    homepage: str
    statement_url: str | None
    path: tuple[str, ...] = ()
    homepage_links: tuple[HomepageLink, ...] = ()
    notes: tuple[str, ...] = ()  # e.g. "three years offered; chose 2025"
    # Every candidate link followed or weighed, and why it was or was not the statement.
    examined: tuple[ExaminedLink, ...] = ()
    # True when no candidate read as a statement and the page analysed was kept in reserve:
    # if the whole check finds it is not a statement either, no statement was found.
    in_reserve: bool = False

    @property
    def statement_found(self) -> bool:
        return self.statement_url is not None


@dataclass(frozen=True)
class ExaminedLink:
    """A link discovery looked at, and what it made of it (taken, or why it was rejected)."""

    url: str
    text: str
    score: float  # the link's wording score, 0.0-1.0
    outcome: str  # "taken as the statement", "rejected: not a statement (...)", ...
