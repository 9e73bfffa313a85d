"""Plain-text extraction: blank lines, headings, bullets and hyphenation."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from msa_check.errors import ExtractError
from msa_check.extract.normalise import starts_with_bullet
from msa_check.extract.text import (
    _NUMBERED_ITEM,
    extract_text_document,
    is_list_line,
    looks_like_heading,
)
from msa_check.models import BlockKind, ContentKind
from tests.extract.well_formed import assert_well_formed

STATEMENT = """MODERN SLAVERY STATEMENT 2024

This statement is made under section 54 of the Modern Slavery Act 2015.
It covers Example Trading Ltd and its subsidiaries.

Our Supply Chains

We buy from 85 suppliers. All employ-
ees are trained, and our anti-slavery policy
applies to every one of them.

## Due diligence

Every new supplier must:
• sign our code of conduct;
- pass an audit
  within six months;
* report any incident.
1. We visit high-risk sites.

Our approach

Signed

Jane Smith

Chief Executive Officer

1 June 2024
"""


def _blocks(text: str) -> list[tuple[BlockKind, str]]:
    document = extract_text_document(text.encode())
    assert_well_formed(document)
    return [(b.kind, b.text) for b in document.blocks]


def test_blocks_headings_and_lists() -> None:
    assert _blocks(STATEMENT) == [
        (BlockKind.HEADING, "MODERN SLAVERY STATEMENT 2024"),
        (
            BlockKind.PARAGRAPH,
            "This statement is made under section 54 of the Modern Slavery Act 2015. "
            "It covers Example Trading Ltd and its subsidiaries.",
        ),
        (BlockKind.HEADING, "Our Supply Chains"),
        (
            BlockKind.PARAGRAPH,
            "We buy from 85 suppliers. All employees are trained, and our anti-slavery policy "
            "applies to every one of them.",
        ),
        (BlockKind.HEADING, "Due diligence"),
        (BlockKind.PARAGRAPH, "Every new supplier must:"),
        (BlockKind.LIST_ITEM, "sign our code of conduct;"),
        (BlockKind.LIST_ITEM, "pass an audit within six months;"),
        (BlockKind.LIST_ITEM, "report any incident."),
        (BlockKind.LIST_ITEM, "1. We visit high-risk sites."),
        # Sentence case: a short line, but not a heading by the Title Case rule.
        (BlockKind.PARAGRAPH, "Our approach"),
        # Four would-be headings in a row are a signature block.
        (BlockKind.PARAGRAPH, "Signed"),
        (BlockKind.PARAGRAPH, "Jane Smith"),
        (BlockKind.PARAGRAPH, "Chief Executive Officer"),
        (BlockKind.PARAGRAPH, "1 June 2024"),
    ]


def test_sections_and_title() -> None:
    document = extract_text_document(STATEMENT.encode())
    assert document.kind is ContentKind.TEXT
    assert document.title == "MODERN SLAVERY STATEMENT 2024"
    assert [s.title for s in document.sections] == [
        "MODERN SLAVERY STATEMENT 2024",
        "Our Supply Chains",
        "Due diligence",
    ]
    last = document.sections[-1]
    assert document.text[last.start : last.end].endswith("1 June 2024")


def test_windows_line_endings_and_encodings() -> None:
    text = "Our Policy\r\n\r\nWe pay the living wage \u2013 always.\r\n"
    for encoded in (text.encode("cp1252"), codecs.BOM_UTF16_LE + text.encode("utf-16-le")):
        blocks = [b.text for b in extract_text_document(encoded).blocks]
        assert blocks == ["Our Policy", "We pay the living wage \u2013 always."]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("OUR SUPPLY CHAIN", True),
        ("Risk Assessment and Management", True),
        ("Training for Staff in the UK", True),
        ("Our supply chain", False),
        ("We train our staff.", False),
        ("Key Risks:", False),
        ("2024", False),
        ("A Very Long Title That Goes On And On And On For More Than Twelve Words", False),
    ],
)
def test_looks_like_heading(line: str, expected: bool) -> None:
    assert looks_like_heading(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("• item", True),
        ("- item", True),
        ("* item", True),
        ("12. item", True),
        ("(a) item", True),
        ("-5% of spend", False),
        ("**Bold** text", False),
        ("2015 was the year", False),
    ],
)
def test_is_list_line(line: str, expected: bool) -> None:
    assert is_list_line(line) is expected


@pytest.mark.parametrize("content", [b"\n\n  \n", "\ufeff\n".encode()])
def test_blank_text_is_refused(content: bytes) -> None:
    with pytest.raises(ExtractError, match=r"^the content is empty$"):
        extract_text_document(content)


# Lines shaped like list items (any opening letter, case or digit) and any others.
_ITEMISH = r"\A[ \t]*(\(?(\d|[a-zA-Z]|[ivxIVX]{1,3})[.)]|[-*\u2022\ue001A-Z])[ \t]+\S*\Z"


@given(st.from_regex(_ITEMISH) | st.text(alphabet=" \t(1iIvVxaAZz.)-*\u2022\ue001 "))
@example("a. item")
@example("  iv) item")
@example("\u2022 item")
@example("Z. item")
def test_is_list_line_skips_only_lines_that_open_no_item(line: str) -> None:
    # The capital-letter shortcut against the two tests it skips.
    full = starts_with_bullet(line) or _NUMBERED_ITEM.match(line.lstrip()) is not None
    assert is_list_line(line) is full
