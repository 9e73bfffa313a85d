"""Scanned PDFs: a clear message by default, text by OCR with --ocr and tesseract."""

from __future__ import annotations

import hashlib
import io
import shutil
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

from msa_check.errors import ScannedPdfError
from msa_check.extract import extract_document
from msa_check.models import BlockKind, FetchedSource, SourceKind

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
APPROVAL = "This statement was approved by the Board of Directors on 12 June 2025."
PAGES = (
    ["Modern Slavery Statement", "", APPROVAL[:34], APPROVAL[35:]],
    ["Signed: Jane Doe, Director"],
)


def scanned_statement() -> bytes:
    """Two pages that are pictures of typed text, as a scanner makes them."""
    font = ImageFont.truetype(str(DEJAVU), 40)
    pdf = FPDF(format="A4")
    for lines in PAGES:
        image = Image.new("RGB", (1700, 900), "white")
        draw = ImageDraw.Draw(image)
        for row, line in enumerate(lines):
            draw.text((60, 40 + 70 * row), line, fill="black", font=font)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        pdf.add_page()
        pdf.image(buffer, x=10, y=10, w=190)
    return bytes(pdf.output())


def fetched(content: bytes) -> FetchedSource:
    return FetchedSource(
        "scan.pdf", SourceKind.FILE, content, hashlib.sha256(content).hexdigest(), "2026-01-01"
    )


@pytest.mark.skipif(not DEJAVU.is_file(), reason="needs the DejaVu font to draw the scan")
def test_a_scan_without_ocr_says_to_use_ocr() -> None:
    with pytest.raises(ScannedPdfError, match=r"no text layer.*needs OCR \(run with ocr=True"):
        extract_document(fetched(scanned_statement()))


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="no tesseract program installed")
@pytest.mark.skipif(not DEJAVU.is_file(), reason="needs the DejaVu font to draw the scan")
def test_ocr_reads_a_scan_page_by_page() -> None:
    pytest.importorskip("pytesseract")
    document = extract_document(fetched(scanned_statement()), ocr=True)
    blocks = [(b.page, b.kind, b.text) for b in document.blocks]
    assert blocks == [
        (1, BlockKind.HEADING, "Modern Slavery Statement"),
        (1, BlockKind.PARAGRAPH, APPROVAL),
        (2, BlockKind.HEADING, "Signed: Jane Doe, Director"),
    ]  # fmt: skip
    assert document.page_count == 2 and "OCR" in document.warnings[0]
