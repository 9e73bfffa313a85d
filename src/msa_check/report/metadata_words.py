"""The statement's metadata and flags in words, shared by every text renderer.

Each fact is a label and a value, and a value that was looked for and not found says
"not found", so a reader can tell "not stated" from "not looked at". Judgements (the
board or not, a director or not) are written out, never left to colour.
"""

from __future__ import annotations

from msa_check.metadata.identifiers import SCHEME_WORDS
from msa_check.models import (
    Approval,
    Flag,
    Report,
    ReportingPeriod,
    Signatory,
    StatementMetadata,
)

NOT_FOUND = "not found in the text"
FLAG_MARK = "⚑"
LANGUAGE_NAMES = {
    "en": "English",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "nl": "Dutch",
    "pt": "Portuguese",
}


def metadata_rows(report: Report) -> list[tuple[str, str]]:
    """Label/value pairs: identifiers, period dates, approval, signatories, date, language."""
    metadata = report.metadata
    if metadata is None:
        return []
    rows = []
    if metadata.identifiers:
        rows.append(("Identifiers", identifier_words(metadata)))
    rows.append(("Period dates", period_words(metadata.period)))
    rows.append(("Approved by", approval_words(metadata.approval)))
    if not metadata.signatories:
        rows.append(("Signed by", NOT_FOUND))
    rows.extend(("Signed by", signatory_words(s)) for s in metadata.signatories)
    if metadata.statement_date:
        rows.append(("Statement date", metadata.statement_date.iso))
    if metadata.language:
        rows.append(("Language", language_words(metadata.language)))
    return rows


def identifier_words(metadata: StatementMetadata) -> str:
    """ "UK company number 09999901; ABN 12345678901"."""
    return "; ".join(
        f"{SCHEME_WORDS.get(i.scheme, i.scheme)} {i.value}" for i in metadata.identifiers
    )


def language_words(language: str) -> str:
    return f"{LANGUAGE_NAMES.get(language, language)} ({language})"


def period_words(period: ReportingPeriod | None) -> str:
    """ "2024-04-01 to 2025-03-31", or "about ... (estimated from "FY2023/24")"."""
    if period is None:
        return NOT_FOUND
    start = period.start.isoformat() if period.start else "?"
    end = period.end.isoformat() if period.end else "?"
    if period.exact:
        return f"{start} to {end}"
    return f"about {start} to {end} (estimated from “{period.text}”)"


def approval_words(approval: Approval | None) -> str:
    """ "Board of Directors (the board), 2025-06-12"."""
    if approval is None:
        return NOT_FOUND
    judged = "the board" if approval.by_board else "NOT the board"
    when = f", {approval.date.iso}" if approval.date else ", undated"
    return f"{approval.body} ({judged}){when}"


def signatory_words(signatory: Signatory) -> str:
    """ "Jane Doe, Chief Executive Officer (a director), 2025-06-12"."""
    parts = [signatory.name or "unnamed"]
    if signatory.role:
        judged = "a director" if signatory.is_director else "NOT a director"
        parts.append(f"{signatory.role} ({judged})")
    if signatory.date:
        parts.append(signatory.date.iso)
    return ", ".join(parts)


def flag_line(flag: Flag) -> str:
    """ "FLAG stale: The period covered ended ..." (the id is a stable name for the flag)."""
    return f"FLAG {flag.id}: {flag.message}"
