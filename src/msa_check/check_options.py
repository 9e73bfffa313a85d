"""How to check a statement: the choices `check`, `compare` and `batch` share, in one value.

A module of its own, importing no stage, so the command line can declare and collect the
options without loading spaCy or the readers; `Checker.from_options` builds the Checker.
"""

from __future__ import annotations

from dataclasses import dataclass

from msa_check.defaults import DEFAULT_MODEL
from msa_check.errors import DEFAULT_MAX_CHARS
from msa_check.extract.pdf_engine import DEFAULT_PDF_ENGINE, PdfEngine


@dataclass(frozen=True)
class CheckOptions:
    """The rule sets and model a Checker is built with, and how it reads each statement."""

    # Rule set names or YAML paths as given (`["a,b", "c"]` names three); none given: the
    # configured ones ($MSA_CHECK_RULES, else the config file's), else the default.
    rules: tuple[str, ...] = ()
    model: str = DEFAULT_MODEL  # the spaCy pipeline
    classifier_model: str | None = None  # for every classifier rule, instead of the bundled one
    discover: bool = True  # from a homepage find its statement; check a statement's homepage link
    max_pages: int | None = None  # read at most this many PDF pages
    max_chars: int = DEFAULT_MAX_CHARS  # refuse a statement with more extracted text
    ocr: bool = False  # read scanned PDFs by OCR (the `ocr` extra and tesseract)
    pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE
    treat_as_statement: bool = False  # report a document not read as a statement as one
