"""A statement as text: blocks, pages, sections and sentences, located by character offsets.

What extraction and the NLP stage make and the matchers read; apart from the verdicts
because it knows nothing of rules.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import Enum


class ContentKind(str, Enum):
    """What the bytes of a statement are, decided by sniffing them."""

    PDF = "pdf"
    HTML = "html"
    TEXT = "text"


class BlockKind(str, Enum):
    """The role of a block of text in the layout of a statement."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"


@dataclass(frozen=True)
class Block:
    """A run of text that never shares a sentence with its neighbours.

    Extraction yields headings, paragraphs and list items in reading order. `start`
    and `end` are character offsets into Document.text; `section` is the title of the
    heading the block sits under (None before the first heading).
    """

    text: str
    kind: BlockKind
    start: int
    end: int
    page: int | None = None  # 1-based page number for PDFs, None otherwise
    section: str | None = None


@dataclass(frozen=True)
class Page:
    """A page of a PDF as a character range of Document.text."""

    number: int  # 1-based
    start: int
    end: int


@dataclass(frozen=True)
class Section:
    """A heading and the character range of Document.text it governs."""

    title: str
    start: int
    end: int
    page: int | None = None  # the page the heading is on


@dataclass(frozen=True)
class Sentence:
    """One sentence of a statement, located in the Document."""

    index: int  # position among all sentences of the document, from 0
    text: str
    start: int  # character offsets into Document.text
    end: int
    page: int | None = None
    section: str | None = None


@dataclass(frozen=True)
class Link:
    """A link of a web page's statement text (<a href>), kept beside the text, not in it.

    `href` is absolute when the page's address (or its <base href>) is known, else as
    the page wrote it; `text` is what a reader sees of the link, one space between words.
    """

    text: str
    href: str


def is_absolute_web_address(address: str) -> bool:
    """Whether `address` starts "http://" or "https://", in any case: an absolute web
    address. Extraction keeps a page's <base href> only when it is one, and recognition
    takes a registry page's link for the statement only when it is one; beside `Link`,
    which both stages read, so they ask the question the same way."""
    return _ABSOLUTE_WEB_ADDRESS.match(address) is not None


_ABSOLUTE_WEB_ADDRESS = re.compile(r"https?://", re.IGNORECASE)


@dataclass(frozen=True)
class Document:
    """A statement as text: pages -> sections -> sentences, with character offsets.

    Extraction fills `text`, `blocks`, `pages` and `sections`; the NLP stage fills
    `sentences`. `text` is the blocks joined by blank lines, so every offset above
    indexes into it. `title` is a web page's <title> (else its first heading) and `links`
    its links (HTML only): what a page says of itself outside its text, which recognition
    reads (a registry's page about a statement) and the rules never see.
    """

    kind: ContentKind
    text: str
    blocks: tuple[Block, ...]
    pages: tuple[Page, ...] = ()
    sections: tuple[Section, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    title: str | None = None
    page_count: int | None = None  # PDFs only
    warnings: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()

    @functools.cached_property  # the metadata and the report's summary both ask
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class DocumentSummary:
    kind: ContentKind
    title: str | None
    page_count: int | None
    word_count: int
    sentence_count: int
    warnings: tuple[str, ...] = ()
