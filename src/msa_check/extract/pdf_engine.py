"""Which library reads a PDF's words: a module of its own, importing neither library, so
the command line can offer the choice without loading them."""

from __future__ import annotations

from enum import Enum


class PdfEngine(str, Enum):
    """Which library reads a PDF's words; the layout code after it is the same."""

    PDFIUM = "pdfium"
    PDFPLUMBER = "pdfplumber"


DEFAULT_PDF_ENGINE = PdfEngine.PDFIUM
