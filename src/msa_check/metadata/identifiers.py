"""Registration numbers in a statement: UK company number, Australian ABN and ACN, Canadian BN.

Each is found only next to the words that name it ("company number", "registered in
England and Wales No.", "ABN", "ACN", "business number"): a bare run of digits is as
likely a phone number or a sum of money.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from msa_check.models import Identifier

UK_COMPANY_NUMBER = "uk_company_number"
AU_ABN = "au_abn"
AU_ACN = "au_acn"
CA_BUSINESS_NUMBER = "ca_business_number"

SCHEME_WORDS = {
    UK_COMPANY_NUMBER: "UK company number",
    AU_ABN: "ABN",
    AU_ACN: "ACN",
    CA_BUSINESS_NUMBER: "Canadian business number",
}

_NUMBER_WORD = r"(?:number|no\.?|num\.?|#)"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        UK_COMPANY_NUMBER,
        re.compile(
            r"\b(?:(?:company|companies\s+house|registered|registration|company\s+registration)"
            rf"\s+{_NUMBER_WORD}"
            rf"|registered\s+in\s+(?:England(?:\s+(?:and|&)\s+Wales)?|Scotland|Northern\s+Ireland)"
            rf"(?:\s+(?:with|under))?(?:\s+(?:company|registered|registration))?"
            rf"(?:\s+{_NUMBER_WORD})?)"
            r"\s*[:.]?\s*\(?(?P<value>(?:SC|NI|OC|SO|NC|FC|R0)?\d{6,8})\b",
            re.IGNORECASE,
        ),
    ),
    (AU_ABN, re.compile(r"\bABN\s*[:.]?\s*(?P<value>\d{2}\s?\d{3}\s?\d{3}\s?\d{3})\b")),
    (AU_ACN, re.compile(r"\bACN\s*[:.]?\s*(?P<value>\d{3}\s?\d{3}\s?\d{3})\b")),
    (
        CA_BUSINESS_NUMBER,
        re.compile(
            r"\b(?:business\s+number|BN)\s*[:.]?\s*"
            r"(?P<value>\d{9}(?:\s?[A-Z]{2}\s?\d{4})?)\b",
            re.IGNORECASE,
        ),
    ),
)
# Cue words of the patterns (see metadata/cues.py): each of their matches contains one.
CUE_WORDS = ("compan", "regist", "number", "bn", "acn")
_DIGIT = re.compile(r"\d")
UK_COMPANY_NUMBER_LENGTH = 8  # Companies House pads numbers with leading zeros to 8


def find_identifiers(texts: Iterable[str]) -> tuple[Identifier, ...]:
    """Every distinct identifier in `texts`, in order of first appearance."""
    found: dict[tuple[str, str], Identifier] = {}
    for text in texts:
        if _DIGIT.search(text) is None:
            continue  # every identifier has digits; most sentences have none
        for scheme, pattern in _PATTERNS:
            for match in pattern.finditer(text):
                value = _normalise(scheme, match.group("value"))
                identifier = Identifier(scheme, value, " ".join(match.group(0).split()))
                found.setdefault((scheme, value), identifier)
    return tuple(found.values())


def _normalise(scheme: str, value: str) -> str:
    compact = re.sub(r"\s+", "", value).upper()
    if scheme == UK_COMPANY_NUMBER and compact.isdigit():
        return compact.zfill(UK_COMPANY_NUMBER_LENGTH)
    return compact
