"""How to check a statement: the choices `check`, `compare` and `batch` share, in one value.

A module of its own, importing no stage, so the command line can declare and collect the
options without loading spaCy or the readers; `Checker.from_options` builds the Checker.
A batch hands the same value to its worker processes, through JSON where it must
(`to_json`, `from_json`).
"""

from __future__ import annotations

import dataclasses
import json
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any

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

    def to_json(self) -> str:
        """Every field by its name: what `from_json` reads back as an equal CheckOptions."""
        # A tuple is written as a list and a str Enum as its value; from_json undoes both.
        return json.dumps(dataclasses.asdict(self))

    @classmethod
    def from_json(cls, text: str) -> CheckOptions:
        """The CheckOptions `to_json` wrote. ValueError unless `text` names every field of
        this version, and no other: options written by another version are not guessed at."""
        described = json.loads(text)
        names = {field.name for field in dataclasses.fields(cls)}
        if not isinstance(described, dict) or set(described) != names:
            raise ValueError(f"not CheckOptions as JSON: {text[:200]!r}")
        hints = typing.get_type_hints(cls)
        return cls(**{name: _revived(hints[name], value) for name, value in described.items()})


def _revived(hint: Any, value: Any) -> Any:
    """`value` as read from JSON turned back into the field's type where JSON changed it."""
    if typing.get_origin(hint) is tuple and isinstance(value, list):
        return tuple(value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)  # ValueError for a value the Enum does not have
    return value
