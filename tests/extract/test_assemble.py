"""Assembling blocks into a Document: offsets, sections, pages and the title."""

from __future__ import annotations

from unittest.mock import patch

from hypothesis import given
from hypothesis import strategies as st

from msa_check.extract import assemble
from msa_check.extract.assemble import (
    CONTINUED_LINE_MAX_WORDS,
    JOINED_MAX_WORDS,
    DraftBlock,
    assemble_document,
    continued_groups,
)
from msa_check.models import BlockKind, ContentKind, Page, Section
from tests.extract.well_formed import assert_well_formed

H, P, L = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM


def test_offsets_sections_and_pages() -> None:
    drafts = [
        DraftBlock("Preamble.", P, 1),
        DraftBlock("Policies", H, 1),
        DraftBlock("We ban forced labour.", P, 1),
        DraftBlock("   ", P, 2),  # empty after stripping: dropped
        DraftBlock("Audits", H, 3),
        DraftBlock("40 audits", L, 3),
    ]
    document = assemble_document(ContentKind.PDF, drafts, page_numbers=[1, 2, 3], page_count=3)
    assert_well_formed(document)
    assert document.text == "Preamble.\n\nPolicies\n\nWe ban forced labour.\n\nAudits\n\n40 audits"
    assert [b.section for b in document.blocks] == [
        None,
        "Policies",
        "Policies",
        "Audits",
        "Audits",
    ]
    assert document.sections == (Section("Policies", 11, 42, 1), Section("Audits", 44, 61, 3))
    # Page 2 has no text: an empty range where it sits, so page numbers stay complete.
    assert document.pages == (Page(1, 0, 42), Page(2, 42, 42), Page(3, 44, 61))
    assert document.title == "Policies"


def test_given_title_wins_and_no_headings_means_no_sections() -> None:
    document = assemble_document(
        ContentKind.TEXT, [DraftBlock("Just text.", P)], title="Statement", warnings=["w"]
    )
    assert (document.title, document.sections, document.warnings) == ("Statement", (), ("w",))


def test_a_block_over_the_limit_is_cut_at_line_breaks_then_sentence_ends_then_spaces() -> None:
    from msa_check.extract.assemble import split_long_text

    lines = "\n".join(["We audit suppliers every year."] * 10)
    pieces = split_long_text(lines, limit=100)
    assert all(len(p) <= 100 for p in pieces)
    assert all(p.endswith("year.") for p in pieces)  # cut after a line break, not mid-line
    sentences = " ".join(["We audit suppliers every year."] * 10)
    assert all(p.endswith("year.") for p in split_long_text(sentences, limit=100))
    one_word = "a" * 250
    assert split_long_text(one_word, limit=100) == ["a" * 100, "a" * 100, "a" * 50]
    assert split_long_text("short", limit=100) == ["short"]


def test_a_text_over_a_million_characters_becomes_blocks_spacy_can_parse() -> None:
    # spaCy refuses any text over 1,000,000 characters (E088); one long line must not
    # reach it whole, and the pieces must still cover all of the text.
    from msa_check.extract.assemble import MAX_BLOCK_CHARS
    from msa_check.nlp import load_pipeline, parse_document

    sentence = "We audited forty suppliers for forced labour risk. "
    line = sentence * (1_100_000 // len(sentence))
    document = assemble_document(ContentKind.TEXT, [DraftBlock(line, BlockKind.PARAGRAPH)])
    assert len(document.blocks) > 10
    assert max(len(b.text) for b in document.blocks) <= MAX_BLOCK_CHARS
    assert_well_formed(document)
    assert document.text.replace("\n\n", " ").split() == line.split()
    parsed = parse_document(document, load_pipeline())
    assert len(parsed.document.sentences) == line.count(".")


def test_a_sentence_broken_over_one_line_blocks_is_joined_again() -> None:
    from msa_check.extract.assemble import join_continued_lines

    drafts = [
        DraftBlock("This statement was approved by", P, 4),
        DraftBlock("the Board of Directors of", P, 4),
        DraftBlock("Tern Valley Freight Ltd", H, 4),  # shaped like a heading, yet goes on
        DraftBlock("on 14 May 2025", P, 4),
        DraftBlock("Amara Quill", P, 4),  # a signature block's lines stay apart
        DraftBlock("Director", P, 4),
        DraftBlock("Signed:", P, 4),
        DraftBlock("for and on behalf of the board", P, 5),  # another page: not joined
    ]
    assert [(d.text, d.kind) for d in join_continued_lines(drafts)] == [
        (
            "This statement was approved by the Board of Directors of Tern Valley Freight Ltd"
            " on 14 May 2025",
            P,
        ),
        ("Amara Quill", P),
        ("Director", P),
        ("Signed:", P),
        ("for and on behalf of the board", P),
    ]


def _groups_counting_every_draft(drafts: list[DraftBlock]) -> list[list[int]]:
    """continued_groups as first written: every draft's words counted, the whole of the
    previous block split to test it (the reference the faster version must agree with)."""

    def continues_whole(previous: str, following: DraftBlock) -> bool:
        words = previous.split()
        too_long = len(words) > CONTINUED_LINE_MAX_WORDS
        if not words or too_long or previous.endswith(assemble._FINAL_MARKS):
            return False
        if words[-1].lower() in assemble._DANGLING_WORDS:
            return following.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING)
        first = following.text.lstrip()[:1]
        return following.kind is BlockKind.PARAGRAPH and first.isalpha() and first.islower()

    groups: list[list[int]] = []
    words = 0
    for index, draft in enumerate(drafts):
        if groups:
            first, last = drafts[groups[-1][0]], drafts[groups[-1][-1]]
            if (
                first.kind is BlockKind.PARAGRAPH
                and first.page == draft.page
                and words + len(draft.text.split()) <= assemble.JOINED_MAX_WORDS
                and continues_whole(last.text, draft)
            ):
                groups[-1].append(index)
                words += len(draft.text.split())
                continue
        groups.append([index])
        words = len(draft.text.split())
    return groups


_WORDS = st.sampled_from(["of", "the", "by", "and", "Ltd", "staff", "trained.", "x;", "Board"])
_DRAFTS = st.lists(
    st.builds(
        DraftBlock,
        st.lists(_WORDS, min_size=1, max_size=30).map(" ".join),
        st.sampled_from([BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.LIST_ITEM]),
        st.sampled_from([1, 2]),
    ),
    max_size=8,
)


@given(_DRAFTS, st.sampled_from([3, 8, 20, JOINED_MAX_WORDS]))
def test_continued_groups_agree_with_counting_every_draft(
    drafts: list[DraftBlock], limit: int
) -> None:
    """The same groups for any limit on a joined run (a small one is reached often)."""
    with patch.object(assemble, "JOINED_MAX_WORDS", limit):
        assert continued_groups(drafts) == _groups_counting_every_draft(drafts)
