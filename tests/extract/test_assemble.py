"""Assembling blocks into a Document: offsets, sections, pages and the title."""

from __future__ import annotations

from msa_check.extract.assemble import DraftBlock, assemble_document
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
