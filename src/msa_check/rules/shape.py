"""Sentences that are no evidence whatever words they contain, recognised by their shape.

Two shapes, each a source of false evidence on real statements:

- a **heading**, or a line shaped like one ("Training", "Assessment of the effectiveness
  of actions", "POLICIES AND DUE DILIGENCE PROCESSES"): it names a topic and reports
  nothing; the sentences under it still get its topic from a rule's `headings:` part;
- **page furniture**: a short line repeated on several pages (or three times or more),
  which a text extraction kept as a running header or footer ("Registered in England
  No. 1633350, Registered Office: ..."): it is not a disclosure, and its registration
  number does not identify the reporting entity.

A criterion that counts headings as evidence (`headings_are_evidence`: a signature block's
"Director" line, a cover page's "Reporting entity") keeps its headings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from msa_check.models import BlockKind, Sentence
from msa_check.nlp import ParsedDocument
from msa_check.rules.reasons import HEADING_REASON, REPEATED_REASON

FURNITURE_MAX_WORDS = 40  # longer repeated sentences are text said twice, not page furniture
HEADING_LIKE_MAX_WORDS = 7
# The topics of the modern slavery laws' reporting areas, as section headings name them.
_TOPIC = re.compile(
    r"\b(?:effectiveness|training|due\s+diligence|risks?|polic(?:y|ies)|supply\s+chains?"
    r"|structure|remediation|remedy|governance|approval|assessment|operations|grievance"
    r"|kpis?|measuring|monitoring|next\s+steps|consultation|business|organi[sz]ation"
    r"|actions?|processes)\b",
    re.IGNORECASE,
)
# Words a sentence that reports something has and a heading has not; a line ending in
# "and" or "or" is the first part of a list item ("Grievance mechanisms; and").
_SENTENCE_WORDS = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|may|we|us|they|it|this|these"
    r"|includes?|included|provides?|provided|ensures?|ensured|received|developed"
    r"|implemented|conducted|completed)\b|\b(?:and|or)$",
    re.IGNORECASE,
)
# A line naming one document or company is a list item that counts ("Whistleblowing
# Policy", "Lagta Group Training Limited"), not a heading.
_NAMES_ONE = re.compile(
    r"\b(?:policy|code|limited|ltd|inc|plc|llc|llp|statement)\)?$", re.IGNORECASE
)
_END_PUNCTUATION = re.compile(r"[.!?;:,]$")


def looks_like_heading(text: str) -> bool:
    """A short line, capitalised, without final punctuation or a verb, that names one of
    the reporting areas: "Due Diligence", "Assessment of the effectiveness of actions"."""
    text = text.strip()
    # Split no further than one word past the most a heading has: this runs on every
    # sentence, and most are longer.
    words = text.split(None, HEADING_LIKE_MAX_WORDS)
    return (
        0 < len(words) <= HEADING_LIKE_MAX_WORDS
        and text[0].isupper()
        and not _END_PUNCTUATION.search(text)
        and _TOPIC.search(text) is not None
        and _SENTENCE_WORDS.search(text) is None
        and _NAMES_ONE.search(text) is None
    )


def repeated_lines(sentences: Sequence[Sentence], block_of: Sequence[int]) -> set[int]:
    """Indices of short sentences whose text recurs on two pages or more, or in three
    blocks or more: running headers and footers that extraction kept. (One block saying
    a thing three times is a paragraph, not a page's furniture.)"""
    places: dict[str, list[Sentence]] = {}
    for sentence in sentences:
        words = sentence.text.lower().split()
        if 0 < len(words) <= FURNITURE_MAX_WORDS:
            places.setdefault(" ".join(words), []).append(sentence)
    found: set[int] = set()
    for copies in places.values():
        pages = {s.page for s in copies if s.page is not None}
        if len(pages) >= 2 or len({block_of[s.index] for s in copies}) >= 3:
            found.update(s.index for s in copies)
    return found


def document_repeated_lines(parsed: ParsedDocument) -> set[int]:
    """`repeated_lines` of a parsed document's sentences."""
    block_of = [b for b, block in enumerate(parsed.blocks) for _ in block.sentence_spans]
    return repeated_lines(parsed.document.sentences, block_of)


def shape_reasons(
    parsed: ParsedDocument, *, headings_count: bool, repeated: set[int] | None = None
) -> dict[int, str]:
    """The sentences set aside for their shape, by index, with the reason (`repeated`:
    `repeated_lines` of the document, if already known)."""
    sentences = parsed.document.sentences
    if repeated is None:
        repeated = document_repeated_lines(parsed)
    reasons = dict.fromkeys(repeated, REPEATED_REASON)
    if not headings_count:
        for sentence, kind in zip(sentences, parsed.sentence_kinds, strict=True):
            if kind is BlockKind.HEADING or looks_like_heading(sentence.text):
                reasons.setdefault(sentence.index, HEADING_REASON)
    return reasons


class DocumentShapes:
    """`shape_reasons` of one document, worked out once for each value of headings_count
    rather than once per criterion: it looks at every sentence of the document. The
    repeated lines, the same for both, are found once."""

    def __init__(self, parsed: ParsedDocument) -> None:
        self._parsed = parsed
        self._reasons: dict[bool, dict[int, str]] = {}
        self._repeated: set[int] | None = None

    def reasons(self, *, headings_count: bool) -> dict[int, str]:
        if headings_count not in self._reasons:
            if self._repeated is None:
                self._repeated = document_repeated_lines(self._parsed)
            self._reasons[headings_count] = shape_reasons(
                self._parsed, headings_count=headings_count, repeated=self._repeated
            )
        return self._reasons[headings_count]
