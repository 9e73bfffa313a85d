"""Lines of a PDF page to blocks: paragraphs, list items and headings.

A new block starts where a reader sees one: a larger gap than the page's line spacing, a
change of type size or weight, a jump to another column, or a bullet. Headings are then
recognised by type, since PDFs rarely tag them: set clearly larger than the body text, or
bold, short and not ending like a sentence.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from msa_check.extract.assemble import DraftBlock, continued_groups, join_continued_lines
from msa_check.extract.normalise import (
    DASH_BULLETS,
    is_bullet_glyph,
    normalise_block_text,
    strip_bullet,
)
from msa_check.extract.pdf_layout import Line, bold_share_of_lines, dominant_size_of_lines
from msa_check.models import BlockKind

LARGER_RATIO = 1.15  # a heading's size over the body size, and at least LARGER_POINTS more
LARGER_POINTS = 1.0
LARGE_HEADING_MAX_WORDS = 25
BOLD_HEADING_MAX_WORDS = 15
BOLD_SHARE = 0.8
# A bold "heading" followed by a paragraph this short is a name above a job title.
SHORT_FOLLOWER_WORDS = 6

_NUMBERED = re.compile(r"^\(?(\d{1,2}|[a-z]|[ivx]{1,4})[.)]$")
_SENTENCE_END = tuple(".,;")
_ITEM_LEAD_IN = tuple(".:;")


@dataclass
class _Draft:
    """A block being grouped: its lines so far, and how far left and right they reach.

    The measures below (words, size, bold share) are read once the block is complete.
    """

    lines: list[Line]
    list_item: bool
    indent: float  # where the item's text starts, after its bullet
    x0: float = field(init=False)
    x1: float = field(init=False)

    def __post_init__(self) -> None:
        self.x0 = min(line.x0 for line in self.lines)
        self.x1 = max(line.x1 for line in self.lines)

    def add(self, line: Line) -> None:
        self.lines.append(line)
        self.x0, self.x1 = min(self.x0, line.x0), max(self.x1, line.x1)

    @cached_property
    def words(self) -> list[str]:
        return [word.text for line in self.lines for word in line.words]

    @cached_property
    def size(self) -> float:
        return dominant_size_of_lines(self.lines)

    @cached_property
    def bold_share(self) -> float:
        return bold_share_of_lines(self.lines)


def _line_gap_limit(lines: Sequence[Line], body_size: float) -> float:
    """The vertical gap above which a line starts a new paragraph on this page."""
    gaps = [
        b.top - a.bottom
        for a, b in itertools.pairwise(lines)
        if abs(a.size - b.size) < 0.5 and -0.5 * a.size <= b.top - a.bottom <= a.size
    ]
    typical = statistics.median(gaps) if len(gaps) >= 3 else 0.25 * body_size
    return typical + max(2.0, 0.3 * body_size)


def _opens_item(line: Line, previous: Line | None, in_list: bool) -> bool:
    """True if the line starts a list item.

    A dash, "1." or "a)" at the start of a line can also be the middle of a sentence, so
    they open an item only after a sentence end, a lead-in colon or another item.
    """
    first = line.words[0].text
    if first not in DASH_BULLETS and is_bullet_glyph(first):
        return True
    if len(first) > 1 and is_bullet_glyph(first[0]) and first[0] not in DASH_BULLETS:
        return True  # "•Text": a bullet set tight against its text
    after_break = in_list or previous is None or previous.text.endswith(_ITEM_LEAD_IN)
    return after_break and (first in DASH_BULLETS or _NUMBERED.match(first) is not None)


def _text_indent(line: Line) -> float:
    words = line.words
    return words[1].x0 if len(words) > 1 and is_bullet_glyph(words[0].text) else words[0].x0


def _starts_block(line: Line, previous: Line, draft: _Draft, gap_limit: float) -> bool:
    gap = line.top - previous.bottom
    if line.top < previous.top - 1 or gap > gap_limit:
        return True  # back up the page means a new column; a wide gap, a new paragraph
    if line.x1 < draft.x0 or line.x0 > draft.x1:
        return True
    if abs(line.size - previous.size) > 0.75 or line.bold != previous.bold:
        return True
    return draft.list_item and line.x0 < draft.indent - 2


def group_lines(lines: Sequence[Line], body_size: float) -> list[_Draft]:
    """Group a page's lines, in reading order, into blocks."""
    gap_limit = _line_gap_limit(lines, body_size)
    drafts: list[_Draft] = []
    previous: Line | None = None
    for line in lines:
        opens_item = _opens_item(line, previous, bool(drafts) and drafts[-1].list_item)
        if previous is None or opens_item or _starts_block(line, previous, drafts[-1], gap_limit):
            drafts.append(_Draft([line], opens_item, _text_indent(line)))
        else:
            drafts[-1].add(line)
        previous = line
    return drafts


def _has_letters(words: list[str]) -> bool:
    return any(c.isalpha() for word in words for c in word)


def _is_larger(draft: _Draft, body_size: float) -> bool:
    size = draft.size
    return size >= body_size * LARGER_RATIO and size - body_size >= LARGER_POINTS


def _is_large_heading(draft: _Draft, body_size: float) -> bool:
    words = draft.words
    return (
        not draft.list_item
        and _has_letters(words)
        and len(words) <= LARGE_HEADING_MAX_WORDS
        and _is_larger(draft, body_size)
    )


def _is_bold_and_short(draft: _Draft, body_size: float, max_words: int) -> bool:
    words = draft.words
    return (
        not draft.list_item
        and _has_letters(words)
        and len(words) <= max_words
        and not words[-1].endswith(_SENTENCE_END)
        and draft.bold_share >= BOLD_SHARE
        and draft.size >= body_size - 0.5
    )


def heading_flags(drafts: Sequence[_Draft], body_size: float) -> list[bool]:
    """Which blocks are headings.

    Bold candidates are dropped when a neighbour is bold and short too (a signature block:
    name, job title, company, all in bold) or when they sit above a very short paragraph
    (a name above a job title).
    """
    large = [_is_large_heading(d, body_size) for d in drafts]
    bold = [_is_bold_and_short(d, body_size, BOLD_HEADING_MAX_WORDS) for d in drafts]
    boldish = [_is_bold_and_short(d, body_size, 2 * BOLD_HEADING_MAX_WORDS) for d in drafts]
    flags = list(large)
    for i in range(len(drafts)):
        if large[i] or not bold[i]:
            continue
        before = i > 0 and boldish[i - 1] and not large[i - 1]
        after = i + 1 < len(drafts) and boldish[i + 1] and not large[i + 1]
        follower = drafts[i + 1] if i + 1 < len(drafts) else None
        above_short = (
            follower is not None
            and not follower.list_item
            and not large[i + 1]
            and len(follower.words) < SHORT_FOLLOWER_WORDS
        )
        flags[i] = not (before or after or above_short)
    return flags


@dataclass(frozen=True)
class SizedBlock:
    """A block and the type size most of it is set in, to pick the document's title."""

    block: DraftBlock
    size: float


def page_blocks(lines: Sequence[Line], body_size: float, page: int) -> list[SizedBlock]:
    """The blocks of one page, ready for assembly."""
    drafts = group_lines(lines, body_size)
    blocks: list[SizedBlock] = []
    for draft, is_heading in zip(drafts, heading_flags(drafts, body_size), strict=True):
        text = normalise_block_text("\n".join(line.text for line in draft.lines))
        if draft.list_item:
            text = strip_bullet(text)
            kind = BlockKind.LIST_ITEM
        else:
            kind = BlockKind.HEADING if is_heading else BlockKind.PARAGRAPH
        if text:
            size = draft.size
            blocks.append(SizedBlock(DraftBlock(text, kind, page), size))
    return _joined(blocks)


def _joined(blocks: list[SizedBlock]) -> list[SizedBlock]:
    """A sentence broken over blocks of one line each, one block again (its first size)."""
    groups = continued_groups([b.block for b in blocks])
    if len(groups) == len(blocks):
        return blocks
    return [
        SizedBlock(join_continued_lines([blocks[i].block for i in group])[0], blocks[group[0]].size)
        for group in groups
    ]


def title_heading(blocks: Sequence[SizedBlock]) -> str | None:
    """The largest heading on the first page that has headings: the statement's title."""
    headings = [b for b in blocks if b.block.kind is BlockKind.HEADING]
    if not headings:
        return None
    first_page = [b for b in headings if b.block.page == headings[0].block.page]
    return max(first_page, key=lambda b: b.size).block.text
