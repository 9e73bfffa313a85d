"""The promises every Document from the extract stage keeps, checked in one place."""

from __future__ import annotations

from msa_check.models import BlockKind, ContentKind, Document


def assert_well_formed(document: Document) -> None:
    """Offsets index into text, sections and pages cover their blocks, nothing is merged."""
    assert document.blocks, "a Document always has blocks"
    assert document.text == "\n\n".join(block.text for block in document.blocks)
    section: str | None = None
    for block in document.blocks:
        assert document.text[block.start : block.end] == block.text
        assert block.text == block.text.strip() and "\n\n" not in block.text
        if block.kind is BlockKind.HEADING:
            section = block.text
        assert block.section == section
        if document.kind is ContentKind.PDF:
            assert block.page is not None and 1 <= block.page <= (document.page_count or 0)
        else:
            assert block.page is None
    headings = [b for b in document.blocks if b.kind is BlockKind.HEADING]
    assert [s.title for s in document.sections] == [h.text for h in headings]
    for section_, heading in zip(document.sections, headings, strict=True):
        assert section_.start == heading.start and section_.page == heading.page
        assert section_.end >= heading.end
    for page in document.pages:
        on_page = [b for b in document.blocks if b.page == page.number]
        if on_page:
            assert (page.start, page.end) == (on_page[0].start, on_page[-1].end)
    assert document.sentences == ()
