"""Turn blocks in reading order into a Document with offsets, sections and pages.

Every extractor ends here, so the offset arithmetic lives in one place: `text` is the
blocks joined by a blank line, and every range below indexes into it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from msa_check.models import Block, BlockKind, ContentKind, Document, Link, Page, Section

BLOCK_SEPARATOR = "\n\n"
# spaCy refuses a text over 1,000,000 characters (E088) and its parser needs about 1 GB per
# 100,000 characters, so a longer block (a text file of one line, a page of <br>s) is cut
# into pieces of at most this size, each its own block.
MAX_BLOCK_CHARS = 100_000
# Where to cut, best first: a line break, then a sentence end, then any space.
_CUT_AFTER = ("\n", ". ", "? ", "! ", "; ", " ")


@dataclass(frozen=True)
class DraftBlock:
    """A block before it has a place in the Document: text, role and page."""

    text: str
    kind: BlockKind
    page: int | None = None


# A sentence that PDF text breaks over lines of their own ("This statement was approved
# by" / "the Board of Directors of" / "Tern Valley Ltd" / "on 14 May 2025") is one block
# again when a short line ends without punctuation and either ends on a word that needs
# more ("by", "of", "the") or the next line starts in lower case.
CONTINUED_LINE_MAX_WORDS = 12
JOINED_MAX_WORDS = 60  # a run of lines joined past this is not one broken sentence
_DANGLING_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to"}
    | {"with", "which", "who", "that", "its", "their", "our"}
)
_FINAL_MARKS = tuple(".!?:;")


def continues(previous: str, following: DraftBlock) -> bool:
    """True if `following` carries on the sentence `previous` breaks off. A line that
    looks like a heading ("Tern Valley Ltd") carries on one that ends on "of"."""
    if previous.endswith(_FINAL_MARKS):
        return False  # most blocks: found before splitting the block into words
    # At most one piece past the limit: a long paragraph is not split to its end.
    words = previous.split(None, CONTINUED_LINE_MAX_WORDS)
    if not words or len(words) > CONTINUED_LINE_MAX_WORDS:
        return False
    if words[-1].lower() in _DANGLING_WORDS:
        return following.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING)
    first = following.text.lstrip()[:1]
    return following.kind is BlockKind.PARAGRAPH and first.isalpha() and first.islower()


def continued_groups(drafts: Sequence[DraftBlock]) -> list[list[int]]:
    """The drafts in runs that make one block each: a paragraph, then the paragraphs on its
    page that continue its broken-off last line."""
    groups: list[list[int]] = []
    words: int | None = None  # of the last group; counted only once a draft may join it
    for index, draft in enumerate(drafts):
        if groups:
            first, last = drafts[groups[-1][0]], drafts[groups[-1][-1]]
            if (
                first.kind is BlockKind.PARAGRAPH
                and first.page == draft.page
                and continues(last.text, draft)
            ):
                if words is None:
                    words = len(first.text.split())  # the group is `first` alone
                added = len(draft.text.split())
                if words + added <= JOINED_MAX_WORDS:
                    groups[-1].append(index)
                    words += added
                    continue
        groups.append([index])
        words = None
    return groups


def join_continued_lines(drafts: Sequence[DraftBlock]) -> list[DraftBlock]:
    """Paragraph blocks on one page that continue a broken-off line, joined to it."""
    joined = []
    for group in continued_groups(drafts):
        first = drafts[group[0]]
        text = " ".join(drafts[i].text for i in group)
        joined.append(first if len(group) == 1 else DraftBlock(text, first.kind, first.page))
    return joined


def place_blocks(drafts: Sequence[DraftBlock]) -> tuple[Block, ...]:
    """Give each non-empty block its offsets and the title of the heading it sits under."""
    blocks: list[Block] = []
    offset = 0
    section: str | None = None
    for draft in drafts:
        text = draft.text.strip()
        if not text:
            continue
        if draft.kind is BlockKind.HEADING:
            section = text
        for piece in split_long_text(text):
            end = offset + len(piece)
            blocks.append(Block(piece, draft.kind, offset, end, draft.page, section))
            offset = end + len(BLOCK_SEPARATOR)
    return tuple(blocks)


def split_long_text(text: str, limit: int = MAX_BLOCK_CHARS) -> list[str]:
    """`text` cut into stripped pieces of at most `limit` characters, at the best boundary.

    The cut falls in the second half of each window (never a sliver), at the last line
    break there, else the last sentence end, else the last space, else mid-word.
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window_end = start + limit
        cut = window_end
        for boundary in _CUT_AFTER:
            found = text.rfind(boundary, start + limit // 2, window_end)
            if found != -1:
                cut = found + len(boundary)
                break
        piece = text[start:cut].strip()
        if piece:
            pieces.append(piece)
        start = cut
    rest = text[start:].strip()
    if rest:
        pieces.append(rest)
    return pieces


def sections_of(blocks: Sequence[Block]) -> tuple[Section, ...]:
    """One Section per heading, from the heading to the end of the last block before the next."""
    sections: list[Section] = []
    heading: Block | None = None
    last_end = 0
    for block in blocks:
        if block.kind is BlockKind.HEADING:
            if heading is not None:
                sections.append(Section(heading.text, heading.start, last_end, heading.page))
            heading = block
        last_end = block.end
    if heading is not None:
        sections.append(Section(heading.text, heading.start, last_end, heading.page))
    return tuple(sections)


def pages_of(blocks: Sequence[Block], page_numbers: Sequence[int]) -> tuple[Page, ...]:
    """One Page per page read; a page without text gets an empty range where it would sit."""
    pages: list[Page] = []
    cursor = 0
    for number in page_numbers:
        on_page = [b for b in blocks if b.page == number]
        if on_page:
            pages.append(Page(number, on_page[0].start, on_page[-1].end))
            cursor = on_page[-1].end
        else:
            pages.append(Page(number, cursor, cursor))
    return tuple(pages)


def assemble_document(
    kind: ContentKind,
    drafts: Sequence[DraftBlock],
    *,
    title: str | None = None,
    page_numbers: Sequence[int] = (),
    page_count: int | None = None,
    warnings: Sequence[str] = (),
    links: Sequence[Link] = (),
) -> Document:
    """Build the Document; the title falls back to the first heading."""
    blocks = place_blocks(drafts)
    sections = sections_of(blocks)
    if not title and sections:
        title = sections[0].title
    return Document(
        kind=kind,
        text=BLOCK_SEPARATOR.join(block.text for block in blocks),
        blocks=blocks,
        pages=pages_of(blocks, page_numbers),
        sections=sections,
        title=title or None,
        page_count=page_count,
        warnings=tuple(warnings),
        links=tuple(links),
    )
