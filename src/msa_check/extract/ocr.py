"""Text from a scanned PDF by OCR, when the user asks for it and tesseract is installed.

Scanned statements are PDFs of page images with no text layer. With `--ocr`, each page is
rendered at 300 dpi (pdfplumber, through pypdfium2) and read by the tesseract program
through pytesseract, the `ocr` extra. The page text then goes through the same block
splitting as a text file, so headings and lists are found the same way, and every block
keeps its page number. Recognition errors are likely, so the Document carries a warning.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import replace
from typing import Any

import pdfplumber

from msa_check.errors import ExtractError
from msa_check.extract.assemble import DraftBlock, assemble_document
from msa_check.extract.pdf_pdfium import PDFIUM_LOCK
from msa_check.extract.text import text_blocks
from msa_check.models import ContentKind, Document

RESOLUTION = 300  # dots per inch: tesseract reads body text well from about 300
NEEDS_OCR = (
    "the PDF has no text layer: it looks scanned and needs OCR "
    "(install the 'ocr' extra, pip install 'msa-check[ocr]', and the tesseract program)"
)
OCR_WARNING = "text recovered by OCR (tesseract) from page images: expect recognition errors"


def ocr_pdf_document(content: bytes, *, max_pages: int | None = None) -> Document:
    """Read a scanned PDF by OCR. Raises ExtractError when OCR is not available."""
    tesseract = _tesseract()
    drafts: list[DraftBlock] = []
    numbers: list[int] = []
    with warnings.catch_warnings(), pdfplumber.open(io.BytesIO(content)) as pdf:
        warnings.simplefilter("ignore")  # pdfminer's notes on odd fonts say nothing here
        pages = pdf.pages if max_pages is None else pdf.pages[:max_pages]
        for number, page in enumerate(pages, start=1):
            with PDFIUM_LOCK:  # pdfplumber renders the page with PDFium
                image = page.to_image(resolution=RESOLUTION).original
            text = _read_image(tesseract, image)
            drafts += [replace(block, page=number) for block in text_blocks(text)]
            numbers.append(number)
        page_count = len(pdf.pages)
    if not drafts:
        raise ExtractError("the PDF has no text layer, and OCR found no text on its pages")
    return assemble_document(
        ContentKind.PDF,
        drafts,
        page_numbers=numbers,
        page_count=page_count,
        warnings=[OCR_WARNING],
    )


def _tesseract() -> Any:
    try:
        import pytesseract
    except ImportError as exc:
        raise ExtractError(NEEDS_OCR) from exc
    try:
        pytesseract.get_tesseract_version()
    except pytesseract.TesseractNotFoundError as exc:
        raise ExtractError(NEEDS_OCR) from exc
    return pytesseract


def _read_image(tesseract: Any, image: Any) -> str:
    try:
        return str(tesseract.image_to_string(image, lang="eng"))
    except tesseract.TesseractError as exc:
        raise ExtractError(f"OCR failed on a page of the PDF: {exc}") from exc
