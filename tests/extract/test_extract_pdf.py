"""PDF extraction on PDFs made here with fpdf2 and on real published statements."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from msa_check.errors import ExtractError
from msa_check.extract.pdf import extract_pdf_document, meaningful_title
from msa_check.models import Block, BlockKind, Document
from tests.conftest import FOOTER, LEFT_COLUMN, RIGHT_COLUMN
from tests.extract.well_formed import assert_well_formed


def _block_with(document: Document, fragment: str) -> Block:
    matches = [b for b in document.blocks if fragment in b.text]
    assert matches, f"no block contains {fragment!r}"
    return matches[0]


def _headings(document: Document) -> list[str]:
    return [b.text for b in document.blocks if b.kind is BlockKind.HEADING]


class TestGeneratedStatement:
    def test_sections_have_titles_and_pages(self, statement_pdf: bytes) -> None:
        document = extract_pdf_document(statement_pdf)
        assert_well_formed(document)
        assert [(s.title, s.page) for s in document.sections] == [
            ("Modern Slavery Statement 2024", 1),
            ("Our Structure and Supply Chains", 1),
            ("Due Diligence", 2),
            ("Approval", 3),
        ]
        assert document.page_count == 3
        assert [p.number for p in document.pages] == [1, 2, 3]

    def test_blocks_know_their_page_and_section(self, statement_pdf: bytes) -> None:
        document = extract_pdf_document(statement_pdf)
        approval = _block_with(document, "approved by the board of directors")
        assert (approval.page, approval.section) == (3, "Approval")
        audits = _block_with(document, "retained passports")
        assert audits.page == 2 and audits.text.startswith("We audited 40 factories")

    def test_lines_join_and_line_end_hyphens_close(self, statement_pdf: bytes) -> None:
        document = extract_pdf_document(statement_pdf)
        assert "suppliers in Turkey" in _block_with(document, "employees").text  # lines joined
        assert "employ-" not in document.text

    def test_dash_bullets_become_list_items(self, statement_pdf: bytes) -> None:
        document = extract_pdf_document(statement_pdf)
        items = [b.text for b in document.blocks if b.kind is BlockKind.LIST_ITEM]
        assert items == ["sign our Supplier Code of Conduct;", "pass an ethical audit;"]

    def test_running_footer_and_page_numbers_are_dropped(self, statement_pdf: bytes) -> None:
        document = extract_pdf_document(statement_pdf)
        assert FOOTER not in document.text
        assert not [b for b in document.blocks if b.text.isdigit()]

    def test_metadata_title_is_used(self, statement_pdf: bytes) -> None:
        assert extract_pdf_document(statement_pdf).title == "Modern Slavery Statement 2024"

    def test_max_pages_reads_fewer_pages_and_says_so(self, statement_pdf: bytes) -> None:
        document = extract_pdf_document(statement_pdf, max_pages=2)
        assert {b.page for b in document.blocks} == {1, 2}
        assert document.page_count == 3
        assert document.warnings == ("read only the first 2 of 3 pages (--max-pages)",)

    def test_encrypted_with_empty_user_password_is_read(self, open_encrypted_pdf: bytes) -> None:
        document = extract_pdf_document(open_encrypted_pdf)
        assert "Due Diligence" in _headings(document)

    def test_ligatures_and_soft_hyphens_are_cleaned(self, ligature_pdf: bytes) -> None:
        text = extract_pdf_document(ligature_pdf).text
        assert "financial crime and office training; employees too." in text

    def test_columns_are_read_one_after_the_other(self, two_column_pdf: bytes) -> None:
        document = extract_pdf_document(two_column_pdf)
        assert [(b.kind, b.text) for b in document.blocks] == [
            (BlockKind.HEADING, "How We Check Our Supply Chain"),
            (BlockKind.PARAGRAPH, " ".join(LEFT_COLUMN)),
            (BlockKind.PARAGRAPH, " ".join(RIGHT_COLUMN)),
        ]

    def test_glyphs_drawn_twice_are_read_once(self, overprinted_pdf: bytes) -> None:
        document = extract_pdf_document(overprinted_pdf)
        assert [b.text for b in document.blocks] == [
            "Our Suppliers",
            "We audited every supplier this year.",
        ]


class TestUnreadablePdfs:
    def test_user_password(self, password_pdf: bytes) -> None:
        with pytest.raises(ExtractError, match=r"^the PDF is password-protected$"):
            extract_pdf_document(password_pdf)

    def test_image_only_pages(self, scanned_pdf: bytes) -> None:
        with pytest.raises(ExtractError, match="no text layer: it looks scanned and needs OCR"):
            extract_pdf_document(scanned_pdf)

    @pytest.mark.parametrize("cut", [0.5, 0.1])
    def test_truncated(self, statement_pdf: bytes, cut: float) -> None:
        with pytest.raises(ExtractError, match="corrupt or truncated") as caught:
            extract_pdf_document(statement_pdf[: int(len(statement_pdf) * cut)])
        assert caught.value.__cause__ is not None  # the pdfminer error is kept for --debug

    def test_garbage_after_the_marker(self) -> None:
        with pytest.raises(ExtractError, match="corrupt or truncated"):
            extract_pdf_document(b"%PDF-1.7\nthis is not a PDF body at all\n")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Modern Slavery Statement 2024", "Modern Slavery Statement 2024"),
        ("20190515CCEP 2018 Modern Slavery Statement_FINAL (HA)", None),
        ("Microsoft Word - statement.docx", None),
        ("statement.pdf", None),
        ("Untitled", None),
        ("", None),
        (None, None),
    ],
)
def test_meaningful_title(raw: object, expected: str | None) -> None:
    assert meaningful_title(raw) == expected


class TestCorpus:
    """Real statements from the shared corpus (skipped when it is not there)."""

    def test_coke_eight_pages_approval_and_signature(
        self, corpus_pdf: Callable[[str], bytes]
    ) -> None:
        document = extract_pdf_document(corpus_pdf("coke_1"))
        assert_well_formed(document)
        assert document.page_count == 8 and len(document.pages) == 8
        assert document.title == "Modern Slavery Statement 2018"  # metadata title is a file name
        approval = _block_with(document, "This statement was approved by the Boards")
        assert approval.page == 8
        assert approval.text.endswith("Coca-Cola European Partners Services Europe Limited.")
        assert [b.page for b in document.blocks if b.text == "Signed"] == [8]
        signatory = _block_with(document, "Damian Gammell Chief Executive Officer")
        # Bold name-and-title lines in a row are a signature block, not headings.
        assert (signatory.page, signatory.kind) == (8, BlockKind.PARAGRAPH)

    def test_coke_headings_on_several_pages(self, corpus_pdf: Callable[[str], bytes]) -> None:
        document = extract_pdf_document(corpus_pdf("coke_1"))
        assert {"Introduction", "Our supply chain", "Risk and risk mitigation"} <= set(
            _headings(document)
        )
        assert {s.page for s in document.sections} >= {1, 2, 3, 5, 7}

    def test_pm_group_three_columns_read_in_order(self, corpus_pdf: Callable[[str], bytes]) -> None:
        document = extract_pdf_document(corpus_pdf("PM_group_2019"))
        assert_well_formed(document)
        assert document.page_count == 1
        opening = _block_with(document, "PM Group recognises that it has a responsibility")
        assert "take a robust approach towards modern slavery and human" in opening.text
        assert {"Our Policies", "Assessment of Supply Chain", "Approval"} <= set(
            _headings(document)
        )

    def test_vwr_three_pages_and_signatures(self, corpus_pdf: Callable[[str], bytes]) -> None:
        document = extract_pdf_document(corpus_pdf("VWR_statement"))
        assert_well_formed(document)
        assert document.page_count == 3
        assert {b.page for b in document.blocks} == {1, 2, 3}
        assert document.title == "Modern Slavery and Human Trafficking Statement 2019"
        assert "Slavery and Human Trafficking within the Supply Chain" in _headings(document)
        assert _block_with(document, "Managing Director VWR International Ltd").page == 3
        assert "page | 3" not in document.text
