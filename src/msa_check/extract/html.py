"""HTML to a Document: drop the page chrome, keep the statement's headings, paragraphs and lists.

Statements on the web sit inside navigation, cookie banners and footers that would
otherwise pass for statement text ("we use cookies to ..."), so those go first. The walk
then emits each block element's own text once, so nested markup is never counted twice.
The page's <title> and the links left after the chrome go beside the text, in the
Document's `title` and `links`: recognition reads them (a registry's page about a
statement names itself in its title, and links to the statement by "View the full
statement"), the rules do not.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PageElement, PreformattedString, Tag

from msa_check.errors import ExtractError
from msa_check.extract.assemble import DraftBlock, assemble_document
from msa_check.extract.decode import charset_from_content_type, charset_from_html_meta, decode_text
from msa_check.extract.html_budget import html_for_parsing
from msa_check.extract.normalise import normalise_block_text, strip_bullet
from msa_check.models import BlockKind, ContentKind, Document, Link, is_absolute_web_address

DROPPED_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "form"}
    | {"aside", "iframe", "button", "canvas", "object", "embed", "audio", "video", "select"}
    | {"textarea", "dialog"}
)
# Page chrome ids, classes and labels. "banner" also catches promotional banners, which
# are no more a part of the statement than a cookie notice is.
_CHROME_WORDS = re.compile(r"cookie|consent|gdpr|banner", re.IGNORECASE)
_CHROME_ROLES = frozenset({"banner", "navigation", "contentinfo", "search"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Never dropped for their class: a <body class="cookie-consent-pending"> holds everything.
_CONTAINERS = frozenset({"html", "body", "main", "article"})

HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCK_TAGS = HEADING_TAGS | frozenset(
    {"address", "article", "blockquote", "caption", "center", "dd", "details", "div", "dl"}
    | {"dt", "fieldset", "figcaption", "figure", "hr", "li", "main", "ol", "p", "pre"}
    | {"section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
)
_SPACE_RUN = re.compile(r"\s+")


def _is_chrome(tag: Tag) -> bool:
    """True for cookie banners, consent dialogs, site headers and hidden elements."""
    if tag.name in _CONTAINERS:
        return False
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    if _HIDDEN_STYLE.search(str(tag.get("style", ""))):
        return True
    if str(tag.get("role", "")).lower() in _CHROME_ROLES:
        return True
    labels = [tag.get("id"), tag.get("aria-label"), *tag.get_attribute_list("class")]
    return any(isinstance(label, str) and _CHROME_WORDS.search(label) for label in labels)


def _in_article(tag: Tag) -> bool:
    return tag.find_parent(["main", "article"]) is not None


def remove_page_chrome(soup: BeautifulSoup) -> None:
    """Delete everything that is not statement text, in place."""
    doomed = [
        tag
        for tag in soup.find_all(True)
        if (
            tag.name in DROPPED_TAGS and not (tag.name in {"header", "footer"} and _in_article(tag))
        )
        or _is_chrome(tag)
    ]
    for tag in doomed:
        if not tag.decomposed:
            tag.decompose()


def _kind_inside(tag: Tag, outer: BlockKind) -> BlockKind:
    """The kind of the text directly inside a block element."""
    if tag.name in HEADING_TAGS or outer is BlockKind.HEADING:
        return BlockKind.HEADING
    if tag.name == "li" or outer is BlockKind.LIST_ITEM:
        return BlockKind.LIST_ITEM
    return BlockKind.PARAGRAPH


class _BlockCollector:
    """Walks the tree once, turning each run of inline text into one block.

    The walk keeps its own stack rather than recursing, so pages nested thousands of
    elements deep (page builders do this) cannot exhaust Python's recursion limit.
    """

    def __init__(self) -> None:
        self.blocks: list[DraftBlock] = []
        self._pieces: list[str] = []

    def flush(self, kind: BlockKind) -> None:
        raw = "".join(self._pieces)
        self._pieces.clear()
        text = normalise_block_text(raw, keep_line_breaks=kind is not BlockKind.HEADING)
        if kind is BlockKind.LIST_ITEM:
            text = strip_bullet(text)
        if text:
            self.blocks.append(DraftBlock(text, kind))

    def walk(self, root: Tag) -> None:
        # Each entry is an element to visit, or None: "flush the block that ends here".
        stack: list[tuple[PageElement | None, BlockKind]] = [(None, BlockKind.PARAGRAPH)]
        stack.extend((child, BlockKind.PARAGRAPH) for child in reversed(root.contents))
        while stack:
            node, kind = stack.pop()
            if node is None:
                self.flush(kind)
            elif isinstance(node, PreformattedString):  # comments, doctypes, CDATA
                continue
            elif isinstance(node, NavigableString):
                self._pieces.append(_SPACE_RUN.sub(" ", str(node)))
            elif isinstance(node, Tag) and node.name == "br":
                self._pieces.append("\n")
            elif isinstance(node, Tag):
                inner = kind
                if node.name in BLOCK_TAGS:
                    self.flush(kind)  # the text before this block is a block of its own
                    inner = _kind_inside(node, kind)
                    stack.append((None, inner))
                stack.extend((child, inner) for child in reversed(node.contents))


def html_title(soup: BeautifulSoup) -> str | None:
    """The <title>, else the first <h1>."""
    for tag in (soup.title, soup.find("h1")):
        if isinstance(tag, Tag):
            text = normalise_block_text(tag.get_text(" "))
            if text:
                return text
    return None


def html_base(soup: BeautifulSoup, page_url: str | None) -> str | None:
    """The address the page's relative links are read against: its <base href> (itself
    read against the page's address), else the page's address; None when neither is known
    (a file)."""
    base_tag = soup.find("base", href=True)
    href = str(base_tag["href"]).strip() if isinstance(base_tag, Tag) else ""
    try:
        joined = urljoin(page_url or "", href)
    except ValueError:  # a malformed <base href> is ignored, as browsers do
        return page_url
    return joined if is_absolute_web_address(joined) else page_url


def html_links(soup: BeautifulSoup, base: str | None) -> tuple[Link, ...]:
    """The page's links in document order: each <a href>'s text and its address, made
    absolute against `base` (when known) and without its #fragment; links to no page
    (fragments, mailto:, javascript:, tel:) are left out."""
    links = []
    for anchor in soup.find_all("a", href=True):
        href = str(anchor["href"]).strip()
        if not href or href.startswith("#") or _NOT_A_PAGE.match(href):
            continue
        try:
            href = urljoin(base, href) if base else href
        except ValueError:  # "http://[oops": no address to give
            continue
        links.append(Link(normalise_block_text(anchor.get_text(" ")), href.split("#", 1)[0]))
    return tuple(links)


_NOT_A_PAGE = re.compile(r"(?:javascript|mailto|tel|data):", re.IGNORECASE)


def extract_html_document(
    content: bytes, *, content_type: str | None = None, url: str | None = None
) -> Document:
    """Parse an HTML page into a Document of its statement text, with its title and its
    links (those left after the page chrome, read against `url`, the page's address)."""
    declared = charset_from_content_type(content_type) or charset_from_html_meta(content)
    # Slimmed and capped before parsing: the tree costs ~30x the markup in memory.
    soup = BeautifulSoup(html_for_parsing(decode_text(content, declared)), "html.parser")
    title = html_title(soup)
    base = html_base(soup, url)
    if soup.head is not None:
        soup.head.decompose()
    remove_page_chrome(soup)
    collector = _BlockCollector()
    collector.walk(soup)
    if not collector.blocks:
        raise ExtractError("the page has no statement text (it may be rendered by JavaScript)")
    links = html_links(soup, base)
    return assemble_document(ContentKind.HTML, collector.blocks, title=title, links=links)
