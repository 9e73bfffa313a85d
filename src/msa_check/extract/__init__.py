"""The extract stage: the bytes of a statement to a Document.

What the bytes are is decided by sniffing them (`sniff_content`), then the PDF, HTML or
text reader turns them into blocks in reading order with character offsets, sections and
pages. Sentences are left to the NLP stage.
"""

from __future__ import annotations

from msa_check.errors import DEFAULT_MAX_CHARS, ScannedPdfError, TooMuchTextError
from msa_check.extract.pdf_engine import DEFAULT_PDF_ENGINE, PdfEngine
from msa_check.extract.pdf_inflation import check_stream_inflation
from msa_check.extract.sniff import sniff_content
from msa_check.models import ContentKind, Document, FetchedSource, SourceKind

__all__ = [
    "DEFAULT_MAX_CHARS",
    "DEFAULT_PDF_ENGINE",
    "PdfEngine",
    "extract_document",
    "sniff_content",
]


def extract_document(
    fetched: FetchedSource,
    *,
    max_pages: int | None = None,
    ocr: bool = False,
    max_chars: int = DEFAULT_MAX_CHARS,
    pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE,
) -> Document:
    """Sniff the fetched bytes and read them into a Document of at most `max_chars` characters.

    `max_pages` caps how many PDF pages are read (a warning says so); it does not apply
    to HTML or text. With `ocr`, a PDF with no text layer is read by OCR (extract/ocr.py).
    `pdf_engine` picks the library that reads a PDF's words.
    Raises ExtractError when the bytes are not a readable statement, TooMuchTextError
    (an ExtractError) when the text is longer than `max_chars`.
    """
    document = _extract(fetched, max_pages=max_pages, ocr=ocr, pdf_engine=pdf_engine)
    if len(document.text) > max_chars:
        raise TooMuchTextError(len(document.text), max_chars)
    return document


def _extract(
    fetched: FetchedSource, *, max_pages: int | None, ocr: bool, pdf_engine: PdfEngine
) -> Document:
    # The readers are imported here, not at the top: pdfplumber, pypdfium2 and Beautiful
    # Soup take a second to load, and `msa-check --help` imports this package.
    from msa_check.extract.html import extract_html_document
    from msa_check.extract.pdf import extract_pdf_document
    from msa_check.extract.text import extract_text_document

    kind = sniff_content(fetched.content)
    if kind is ContentKind.PDF:
        check_stream_inflation(fetched.content)  # before any reader inflates a bomb
        try:
            return extract_pdf_document(fetched.content, max_pages=max_pages, engine=pdf_engine)
        except ScannedPdfError:
            if not ocr:
                raise
        # Imported here: OCR is an optional extra, loaded only when a scan needs it.
        from msa_check.extract.ocr import ocr_pdf_document

        return ocr_pdf_document(fetched.content, max_pages=max_pages)
    if kind is ContentKind.HTML:
        url = fetched.final_url or (fetched.location if fetched.kind is SourceKind.URL else None)
        return extract_html_document(fetched.content, content_type=fetched.content_type, url=url)
    return extract_text_document(fetched.content)
