"""Plain text to a Document: blank lines separate blocks, layout hints mark headings and lists.

Plain-text statements come from copy-pasted web pages, e-mails and Markdown files, so the
rules are the ones a human reader uses: a short unpunctuated line standing alone in
capitals or Title Case is a heading, a line opening with a bullet is a list item.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from msa_check.errors import ExtractError
from msa_check.extract.assemble import DraftBlock, assemble_document, join_continued_lines
from msa_check.extract.decode import decode_text
from msa_check.extract.normalise import (
    has_unusual_character,
    normalise_block_text,
    starts_with_bullet,
    strip_bullet,
)
from msa_check.models import BlockKind, ContentKind, Document

HEADING_MAX_WORDS = 12
# A run this long of would-be headings is a signature or an address block, not headings.
HEADING_RUN_LIMIT = 3

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")
_NUMBERED_ITEM = re.compile(r"^\(?(\d{1,3}|[a-z]|[ivx]{1,4})[.)]\s+\S")
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_FINAL_PUNCTUATION = tuple(".,;:!?")
_MINOR_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or"}
    | {"the", "to", "with", "via", "vs"}
)


def is_list_line(line: str) -> bool:
    """True for a line that opens a list item: a bullet glyph, "- ", "* " or "1. "."""
    stripped = line.lstrip()
    # Most lines open with a capital, which opens no list item (neither a bullet glyph
    # nor what _NUMBERED_ITEM, case-sensitive, starts with): no need for the two tests.
    if "A" <= stripped[:1] <= "Z":
        return False
    return starts_with_bullet(stripped) or _NUMBERED_ITEM.match(stripped) is not None


def is_title_case(line: str) -> bool:
    """True if every word but the small ones ("of", "and") starts with a capital."""
    words = _WORD.findall(line)
    if not words or not words[0][0].isupper():
        return False
    return all(word[0].isupper() for word in words if word.lower() not in _MINOR_WORDS)


def is_all_caps(line: str) -> bool:
    return any(c.isalpha() for c in line) and line.upper() == line


def looks_like_heading(line: str) -> bool:
    """A short line with no final punctuation, in capitals or Title Case."""
    line = line.strip()
    if not line or len(line.split()) > HEADING_MAX_WORDS or line.endswith(_FINAL_PUNCTUATION):
        return False
    return is_all_caps(line) or is_title_case(line)


def _chunk_blocks(chunk: str, *, spaces_plain: bool = False) -> Iterator[DraftBlock]:
    """The blocks of one blank-line-separated chunk: headings, list items and paragraphs.

    `spaces_plain`: the chunk holds no character `normalise_spaces` changes.
    """
    kind = BlockKind.PARAGRAPH
    lines: list[str] = []

    def flush() -> DraftBlock | None:
        text = normalise_block_text("\n".join(lines), spaces_plain=spaces_plain)
        lines.clear()
        return DraftBlock(text, kind) if text else None

    for line in chunk.split("\n"):
        stripped = line.strip()
        # The regex call only where it can match: most lines do not open with "#".
        heading = _MARKDOWN_HEADING.match(stripped) if stripped.startswith("#") else None
        starts_item = is_list_line(line)
        if (heading or starts_item) and (block := flush()):
            yield block
        if heading:
            title = normalise_block_text(heading.group(1), spaces_plain=spaces_plain)
            yield DraftBlock(title, BlockKind.HEADING)
            kind = BlockKind.PARAGRAPH
            continue
        if starts_item:
            kind = BlockKind.LIST_ITEM
            line = strip_bullet(line)
        lines.append(line)
    if block := flush():
        yield block


def _demote_heading_runs(drafts: list[DraftBlock], candidates: set[int]) -> set[int]:
    """Drop candidates in runs of HEADING_RUN_LIMIT or more: those are signature lines."""
    kept: set[int] = set()
    run: list[int] = []
    for index in [*range(len(drafts)), len(drafts)]:
        if index in candidates:
            run.append(index)
            continue
        if len(run) < HEADING_RUN_LIMIT:
            kept.update(run)
        run = []
    return kept


def text_blocks(text: str) -> list[DraftBlock]:
    """Split decoded text into blocks and mark the headings."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    drafts: list[DraftBlock] = []
    candidates: set[int] = set()
    # Every block is cut from the text, so a text without an odd space or a control has
    # none in any block: found once here, where each block had searched for them.
    spaces_plain = not has_unusual_character(text)
    for chunk in _BLANK_LINE.split(text):
        blocks = list(_chunk_blocks(chunk, spaces_plain=spaces_plain))
        lone_line = len(blocks) == 1 and chunk.strip().count("\n") == 0
        if lone_line and blocks[0].kind is BlockKind.PARAGRAPH and looks_like_heading(chunk):
            candidates.add(len(drafts))
        drafts.extend(blocks)
    headings = _demote_heading_runs(drafts, candidates)
    return join_continued_lines(
        [
            DraftBlock(d.text, BlockKind.HEADING) if i in headings else d
            for i, d in enumerate(drafts)
        ]
    )


def extract_text_document(content: bytes, *, declared_charset: str | None = None) -> Document:
    """Decode plain text and split it into a Document."""
    drafts: Sequence[DraftBlock] = text_blocks(decode_text(content, declared_charset))
    if not drafts:
        raise ExtractError("the content is empty")
    return assemble_document(ContentKind.TEXT, drafts)
