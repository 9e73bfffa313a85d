"""Turn blocks in reading order into a Document with offsets, sections and pages.

Every extractor ends here, so the offset arithmetic lives in one place: `text` is the
blocks joined by a blank line, and every range below indexes into it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from msa_check.models import Block, BlockKind, ContentKind, Document, Page, Section

BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class DraftBlock:
    """A block before it has a place in the Document: text, role and page."""

    text: str
    kind: BlockKind
    page: int | None = None


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
        end = offset + len(text)
        blocks.append(Block(text, draft.kind, offset, end, draft.page, section))
        offset = end + len(BLOCK_SEPARATOR)
    return tuple(blocks)


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
    )
