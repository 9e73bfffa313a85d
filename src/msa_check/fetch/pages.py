"""A fetched web page read for discovery: its links, and whether it is itself a statement.

A homepage or a landing page lists statements; a statement talks about slavery at length,
and its wording reads as a statement (recognition.py): a news story or a policy page that
only mentions slavery does not. Words inside links do not count towards either, so a
landing page that lists "Modern Slavery Statement 2022", "... 2023" and "... 2024" is not
taken for a statement.
"""

from __future__ import annotations

from dataclasses import dataclass

from msa_check.errors import ExtractError
from msa_check.extract.html import remove_page_chrome
from msa_check.extract.sniff import sniff_content
from msa_check.fetch.links import PageLink, parse_page, read_links
from msa_check.fetch.wording import slavery_mentions
from msa_check.models import ContentKind, FetchedSource, Recognition
from msa_check.recognition import recognise_wording

STATEMENT_MIN_WORDS = 200
STATEMENT_MIN_MENTIONS = 3
# A page headed as a statement ("Modern Slavery Statement 2024") may be short and weak:
# it is still the statement, not a page to look for one from.
HEADED_MIN_WORDS = 60
HEADED_MIN_MENTIONS = 1


@dataclass(frozen=True)
class WebPage:
    """A fetched page: HTML with its links and the size of its own text, or a document."""

    fetched: FetchedSource
    is_html: bool
    links: tuple[PageLink, ...] = ()
    words: int = 0  # outside links, navigation, headers, footers and scripts
    mentions: int = 0  # of slavery, trafficking, forced or child labour in those words
    headed_as_statement: bool = False  # its h1 (or title) names a slavery statement or report
    # "Is this a statement?" on the page's own words (no criteria coverage here); None for
    # a document (PDF, text), which is taken as it is.
    recognition: Recognition | None = None
    skipped_links: tuple[str, ...] = ()  # malformed hrefs (and <base href>), each with why

    @property
    def url(self) -> str:
        return self.fetched.final_url or self.fetched.location

    @property
    def is_statement(self) -> bool:
        """A PDF or text file is taken as it is; a page must talk about slavery at length."""
        if not self.is_html:
            return True
        return self.about_slavery and self.reads_as_statement

    @property
    def about_slavery(self) -> bool:
        """Long enough and about slavery: at least 200 words naming it 3 times, or 60 words
        naming it once under a heading that names a slavery statement."""
        if self.headed_as_statement:
            return self.words >= HEADED_MIN_WORDS and self.mentions >= HEADED_MIN_MENTIONS
        return self.words >= STATEMENT_MIN_WORDS and self.mentions >= STATEMENT_MIN_MENTIONS

    @property
    def reads_as_statement(self) -> bool:
        """Its wording passes the "is this a statement?" check (a news story, a policy or a
        code of conduct that only mentions slavery does not)."""
        return self.recognition is None or self.recognition.is_statement

    @property
    def rejection(self) -> str:
        """Why the page is not taken as a statement, in words."""
        if not self.about_slavery:
            return (
                f"not a statement: {self.words} words naming slavery {self.mentions} times"
                f" (a statement page has {STATEMENT_MIN_WORDS} words naming it"
                f" {STATEMENT_MIN_MENTIONS} times)"
            )
        assert self.recognition is not None
        counted = "; ".join(self.recognition.reasons) or "no signal"
        return (
            f"not a statement: its wording scores {self.recognition.score}, a statement"
            f" needs {self.recognition.needed} ({counted})"
        )


def read_page(fetched: FetchedSource) -> WebPage:
    try:
        kind = sniff_content(fetched.content)
    except ExtractError:
        return WebPage(fetched, is_html=False)  # left for extraction to name what it is
    if kind is not ContentKind.HTML:
        return WebPage(fetched, is_html=False)
    soup = parse_page(fetched)
    found = read_links(soup, fetched.final_url or fetched.location)
    heading = soup.find("h1") or soup.find("title")
    headline = heading.get_text(" ") if heading is not None else ""
    if soup.head is not None:
        soup.head.decompose()
    remove_page_chrome(soup)
    for anchor in soup.find_all("a"):
        anchor.decompose()
    text = soup.get_text(" ")
    return WebPage(
        fetched,
        is_html=True,
        links=found.links,
        skipped_links=found.skipped,
        words=len(text.split()),
        mentions=slavery_mentions(text),
        headed_as_statement=_headed_as_statement(headline),
        recognition=recognise_wording(text, headline),
    )


def links_note(page: WebPage, where: str = "the homepage") -> str:
    """What was read of a page's links, for discovery's notes: how many, and any skipped."""
    note = f"looked at {len(page.links)} links on {where}"
    if not page.skipped_links:
        return note
    count = len(page.skipped_links)
    return (
        f"{note}; skipped {count} malformed link{'s' if count > 1 else ''}"
        f" ({page.skipped_links[0]}{', ...' if count > 1 else ''})"
    )


def _headed_as_statement(headline: str) -> bool:
    lowered = headline.lower()
    return bool(slavery_mentions(headline)) and any(w in lowered for w in ("statement", "report"))


def looks_like_statement(fetched: FetchedSource) -> bool:
    """True if `fetched` should be analysed as it is, False if it is a page to discover from.

    PDFs and text are statements; an HTML page is one when, outside its links and page
    chrome, it has at least 200 words and names slavery or trafficking at least 3 times,
    or when its main heading names a slavery statement and it has some text about it.
    """
    return read_page(fetched).is_statement
