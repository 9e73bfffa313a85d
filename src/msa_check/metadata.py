"""Facts about a statement found in its text: the organisation and the period it covers.

Pure functions over the sentences. They find the common ways statements say these
things ("for the financial year ending 31 March 2025", "Northwind Components Ltd");
a statement that words them otherwise gets None, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from msa_check.models import Sentence

_DATE = (
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+,?\s+\d{4}"  # 31 March 2025
    r"|[A-Z][a-z]+\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"  # March 31, 2025
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"  # 31/03/2025
    r"|[A-Z][a-z]+\s+\d{4}"  # March 2025
    r"|\d{4}(?:\s*[/-]\s*\d{2,4})?)"  # 2025, 2024/25
)
_PERIOD = re.compile(
    r"(?:(?:financial|fiscal|reporting|calendar)\s+)?(?:year|period)\s+"
    r"(?:ending|ended|to|that\s+ended|which\s+ended)(?:\s+on)?\s+"
    + _DATE
    + r"|(?:financial|fiscal|reporting)\s+(?:year|period)\s+(?:of\s+|from\s+)?"
    + _DATE
    + r"(?:\s+(?:to|-|\u2013)\s+"
    + _DATE
    + ")?"
    + r"|\bFY\s?\d{2,4}(?:/\d{2})?\b",
    re.IGNORECASE,
)
_ORGANISATION = re.compile(
    r"\b((?:[A-Z][\w&'\u2019.-]*\s+){1,5}?"
    r"(?:Ltd|Limited|plc|PLC|LLP|Inc|Incorporated|Corporation|Corp|GmbH|LLC|Pty Ltd"
    r"|S\.A\.|AG|N\.V\.)\b\.?)"
)
_HEAD_SENTENCES = 40  # the organisation is named early; later names are suppliers and peers


def find_period(sentences: Sequence[Sentence]) -> str | None:
    """The financial year or reporting period the statement says it covers."""
    for sentence in sentences:
        found = _PERIOD.search(sentence.text)
        if found:
            return " ".join(found.group(0).split())
    return None


def find_organisation(sentences: Sequence[Sentence], title: str | None = None) -> str | None:
    """The organisation's legal name as first written near the start of the statement."""
    candidates = [title] if title else []
    candidates += [s.text for s in sentences[:_HEAD_SENTENCES]]
    for text in candidates:
        found = _ORGANISATION.search(text)
        if found:
            name = found.group(1).strip()
            return re.sub(r"^(?:The|This|At|Our)\s+", "", name)
    return None
