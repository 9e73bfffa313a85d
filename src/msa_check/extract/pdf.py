"""PDF bytes to a Document, one page at a time, never merging text across pages.

Words come from one of two engines: PDFium (pypdfium2, extract/pdf_pdfium.py), the
default and some ten times faster, or pdfplumber, used when asked for and as the
fallback for a file PDFium cannot open. All contact with either is in `read_pdf_words`,
so their failures map to one set of messages and the layout code after it is pure.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import warnings
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from msa_check.errors import SETTING, ExtractError, ScannedPdfError, Setting, UsageError
from msa_check.extract.assemble import assemble_document
from msa_check.extract.normalise import normalise_block_text
from msa_check.extract.pdf_blocks import SizedBlock, page_blocks, title_heading
from msa_check.extract.pdf_engine import DEFAULT_PDF_ENGINE, PdfEngine
from msa_check.extract.pdf_layout import Line, Word, body_size_of, page_lines, word_from_pdfplumber
from msa_check.extract.pdf_pdfium import (
    PDFIUM_LOCK,
    PdfiumPasswordError,
    PdfiumUnreadable,
    meta_title,
    open_pdf,
    page_words,
    shown_height,
)
from msa_check.models import ContentKind, Document

CORRUPT = "the PDF is corrupt or truncated and cannot be read"
SCANNED = (
    "the PDF has no text layer: it looks scanned and needs OCR "
    f"(run with {SETTING}, with the tesseract program installed)"
)
MARGIN_SHARE = 0.1  # running headers and footers sit in the top and bottom tenth of a page
_CID = re.compile(r"\(cid:\d+\)")
_PAGE_NUMBER = re.compile(
    # Each optional separator carries its own following spaces: two bare \s* in a row
    # would try every split of a long run of spaces between them (quadratic).
    r"^(page|p\.)?\s*(?:[|.\-\u2013\u2014]\s*)?\d{1,4}(\s*(of|/|\|)\s*\d{1,4})?"
    r"\s*(?:[|\-\u2013\u2014]\s*)?$",
    re.IGNORECASE,
)
_FILE_NAME_TITLE = re.compile(
    r"(_|\.(docx?|pdf|indd|pptx?|rtf|odt)$|^(microsoft|untitled|document\b|slide\b)|^\d{6,})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class RawPage:
    number: int  # 1-based
    height: float
    words: tuple[Word, ...]


@dataclass(frozen=True)
class RawPdf:
    pages: tuple[RawPage, ...]
    page_count: int
    metadata_title: str | None
    warnings: tuple[str, ...] = ()


@contextlib.contextmanager
def _quiet_pdfminer() -> Iterator[None]:
    """Silence pdfminer's and pdfplumber's log lines and warnings for one call.

    They report recoverable oddities ("CropBox missing") that say nothing to a user. The
    logger levels are process-wide, so threads reading PDFs at once may see them restored
    a moment early or late: at worst a stray log line, never a changed result.
    """
    loggers = [logging.getLogger(name) for name in ("pdfminer", "pdfplumber")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _open_error(error: Exception) -> ExtractError:
    """The user's message for an exception raised while opening or reading a PDF."""
    cause = error.args[0] if isinstance(error, PdfminerException) and error.args else error
    if isinstance(cause, PDFPasswordIncorrect):
        return ExtractError("the PDF is password-protected")
    if isinstance(cause, PDFEncryptionError):
        return ExtractError("the PDF is encrypted in a way msa-check cannot read")
    return ExtractError(CORRUPT)


def _without_doubled_glyphs(page: pdfplumber.page.Page) -> pdfplumber.page.Page:
    """Drop glyphs drawn twice within a point of each other, as tools do to fake bold.

    pdfplumber's own dedupe_chars does the same but is quadratic in the page's glyphs.
    """
    seen: dict[tuple[str, int, int], list[tuple[float, float]]] = {}
    doubled: set[int] = set()
    for char in page.chars:
        x, y, text = float(char["x0"]), float(char["top"]), str(char["text"])
        near = (
            seen.get((text, round(x) + dx, round(y) + dy), [])
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
        )
        if any(abs(x - sx) <= 1 and abs(y - sy) <= 1 for cell in near for sx, sy in cell):
            doubled.add(id(char))
        else:
            seen.setdefault((text, round(x), round(y)), []).append((x, y))
    return page.filter(lambda obj: id(obj) not in doubled) if doubled else page


def _page_words(page: pdfplumber.page.Page) -> list[Word]:
    raw = _without_doubled_glyphs(page).extract_words(extra_attrs=["fontname", "size"])
    words = []
    for item in raw:
        if not item.get("upright", True):
            continue  # rotated text (a margin note) would break the lines it crosses
        text = _CID.sub("", str(item["text"]))
        if text.strip():
            words.append(word_from_pdfplumber({**item, "text": text}))
    return words


def meaningful_title(raw: object) -> str | None:
    """The metadata Title if it reads like a title, not a file name or a tool's default."""
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="replace")
    if not isinstance(raw, str):
        return None
    title = normalise_block_text(raw)
    if len(title.split()) < 2 or _FILE_NAME_TITLE.search(title):
        return None
    return title


def read_pdf_words(
    content: bytes, max_pages: int | None, engine: PdfEngine = DEFAULT_PDF_ENGINE
) -> RawPdf:
    """Open the PDF and take the words of each page read; ExtractError if it cannot be.

    With PDFium, a file it cannot open (but is not password-protected) is tried again
    with pdfplumber, whose parser forgives other damage.
    """
    if engine is PdfEngine.PDFIUM:
        try:
            return _read_with_pdfium(content, max_pages)
        except PdfiumPasswordError as error:
            raise ExtractError("the PDF is password-protected") from error
        except PdfiumUnreadable:
            pass
    return _read_with_pdfplumber(content, max_pages)


def _read_with_pdfium(content: bytes, max_pages: int | None) -> RawPdf:
    with PDFIUM_LOCK:
        raw = _pdfium_pages(content, max_pages)
    return _checked(raw, max_pages)


def _pdfium_pages(content: bytes, max_pages: int | None) -> RawPdf:
    notes: list[str] = []
    pages: list[RawPage] = []
    pdf = open_pdf(content)
    try:
        page_count = len(pdf)
        title = meaningful_title(meta_title(pdf))
        for index in range(min(page_count, max_pages or page_count)):
            page = pdf[index]
            try:
                words = tuple(page_words(page))
            except Exception:  # one broken page stream should not lose the rest
                notes.append(f"page {index + 1} could not be read and was skipped")
                words = ()
            pages.append(RawPage(index + 1, shown_height(page), words))
            page.close()
    finally:
        pdf.close()
    return RawPdf(tuple(pages), page_count, title, tuple(notes))


def _checked(raw: RawPdf, max_pages: int | None) -> RawPdf:
    if raw.page_count == 0 or len(raw.warnings) == len(raw.pages):
        raise ExtractError(CORRUPT)  # no pages, or every page read failed
    if max_pages is not None and raw.page_count > max_pages:
        note = f"read only the first {max_pages} of {raw.page_count} pages (--max-pages)"
        return RawPdf(raw.pages, raw.page_count, raw.metadata_title, (*raw.warnings, note))
    return raw


def _read_with_pdfplumber(content: bytes, max_pages: int | None) -> RawPdf:
    notes: list[str] = []
    pages: list[RawPage] = []
    with _quiet_pdfminer():
        try:
            with pdfplumber.open(io.BytesIO(content)) as pdf:
                page_count = len(pdf.pages)
                title = meaningful_title(pdf.metadata.get("Title"))
                for page in pdf.pages[:max_pages]:
                    try:
                        words = tuple(_page_words(page))
                    except Exception:  # one broken page stream should not lose the rest
                        notes.append(f"page {page.page_number} could not be read and was skipped")
                        words = ()
                    pages.append(RawPage(page.page_number, float(page.height), words))
                    page.close()
        except Exception as error:  # pdfminer raises many types for damaged files
            raise _open_error(error) from error
    return _checked(RawPdf(tuple(pages), page_count, title, tuple(notes)), max_pages)


def _in_margin(line: Line, height: float) -> bool:
    return line.bottom <= height * MARGIN_SHARE or line.top >= height * (1 - MARGIN_SHARE)


def _furniture_key(line: Line) -> str:
    return re.sub(r"\d+", "#", line.text.lower()).strip()


def drop_page_furniture(pages: Sequence[tuple[RawPage, list[Line]]]) -> list[list[Line]]:
    """Remove page numbers and running headers and footers repeated across pages."""
    seen = Counter(
        key
        for page, lines in pages
        for key in {_furniture_key(ln) for ln in lines if _in_margin(ln, page.height)}
    )
    repeats = max(2.0, 0.4 * len(pages))
    kept: list[list[Line]] = []
    for page, lines in pages:
        kept.append(
            [
                ln
                for ln in lines
                if not _in_margin(ln, page.height)
                or not (_PAGE_NUMBER.match(ln.text) or seen[_furniture_key(ln)] >= repeats)
            ]
        )
    return kept


def _missing_pages_note(pages: Sequence[RawPage]) -> list[str]:
    empty = [str(page.number) for page in pages if not page.words]
    if not empty:
        return []
    which = f"page {empty[0]} has" if len(empty) == 1 else f"pages {', '.join(empty)} have"
    return [f"{which} no text layer (scanned?), so their text is missing"]


def extract_pdf_document(
    content: bytes, *, max_pages: int | None = None, engine: PdfEngine = DEFAULT_PDF_ENGINE
) -> Document:
    """Read a PDF into a Document: blocks per page, headings by type size and weight."""
    if max_pages is not None and max_pages < 1:
        raise UsageError(f"{SETTING} must be at least 1", setting=Setting.MAX_PAGES)
    raw = read_pdf_words(content, max_pages, engine)
    if not any(page.words for page in raw.pages):
        raise ScannedPdfError(SCANNED, setting=Setting.OCR)
    body_size = body_size_of(word for page in raw.pages for word in page.words)
    lines = [(page, page_lines(page.words, body_size)) for page in raw.pages]
    blocks: list[SizedBlock] = []
    for (page, _), page_kept in zip(lines, drop_page_furniture(lines), strict=True):
        blocks.extend(page_blocks(page_kept, body_size, page.number))
    return assemble_document(
        ContentKind.PDF,
        [sized.block for sized in blocks],
        title=raw.metadata_title or title_heading(blocks),
        page_numbers=[page.number for page in raw.pages],
        page_count=raw.page_count,
        warnings=[*raw.warnings, *_missing_pages_note(raw.pages)],
    )
