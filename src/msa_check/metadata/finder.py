"""Facts about a statement found in its text: who made it, for which period, who approved
and signed it, in which language.

Pure functions over the parsed sentences. They find the common ways statements say these
things ("for the financial year ending 31 March 2025", "Northwind Components Ltd",
"approved by the Board of Directors on 12 June 2025"); a statement that words them
otherwise gets None, never a guess. `MetadataFinder` holds the spaCy matchers, built once
per pipeline; the dates, identifiers, people and language have a module each.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from spacy.language import Language

from msa_check.metadata.approval import find_approval
from msa_check.metadata.cues import CueSearch
from msa_check.metadata.dates import find_dates, find_reporting_period
from msa_check.metadata.identifiers import CUE_WORDS as ID_CUES
from msa_check.metadata.identifiers import find_identifiers
from msa_check.metadata.language import guess_language
from msa_check.metadata.matchers import MetadataMatchers, ParsedSentence
from msa_check.metadata.signatures import find_signatories
from msa_check.models import Sentence, StatedDate, StatementMetadata
from msa_check.nlp import ParsedDocument

# The company suffixes, as written (the search is case-sensitive), in three sets, each
# built on the one before so they cannot drift apart. A name's words are capitalised, but
# "&" and "and" join them ("Marks and Spencer Group plc", "Harbour & Wren Holdings plc"),
# so the name is not cut at the joining word; but not after a suffix of the first set or a
# full stop, where one name ends ("X Ltd. and Y Ltd."), nor before one of the second
# ("Human Rights and Corporation" is no name). A name ends with one of the third.
_SUFFIXES_ENDING_A_NAME = ("Ltd", "Limited", "LLP", "plc", "PLC", "Inc", "LLC")
_SUFFIXES_NOT_JOINED_TO = (*_SUFFIXES_ENDING_A_NAME, "Corporation", "Corp")
_COMPANY_SUFFIXES = (
    *_SUFFIXES_NOT_JOINED_TO, "Incorporated", "GmbH", "Pty Ltd", "S.A.", "AG", "N.V.",
)  # fmt: skip
_NOT_AFTER_A_SUFFIX = "".join(rf"(?<!{re.escape(suffix)})" for suffix in _SUFFIXES_ENDING_A_NAME)
_NOT_JOINED_TO = "|".join(map(re.escape, _SUFFIXES_NOT_JOINED_TO))
_ANY_SUFFIX = "|".join(map(re.escape, _COMPANY_SUFFIXES))
_JOINED = (
    rf"(?:{_NOT_AFTER_A_SUFFIX}(?<!\.)[ \t]+(?:&|and)[ \t]+(?=[A-Z])(?!(?:{_NOT_JOINED_TO})\b)"
    r"|\s+)"
)
_ORGANISATION = re.compile(
    rf"\b((?:[A-Z][\w&'\u2019.-]*{_JOINED}){{1,5}}?"
    rf"(?:{_ANY_SUFFIX})\b\.?)"
)
# Every match of _ORGANISATION holds one of these, as written: a text without one is not
# searched. Each suffix is its own cue, but for those that hold a shorter one ("Inc" is
# in "Incorporated", "Ltd" in "Pty Ltd").
ORGANISATION_CUES = tuple(
    suffix
    for suffix in _COMPANY_SUFFIXES
    if not any(other != suffix and other in suffix for other in _COMPANY_SUFFIXES)
)
_HEAD_SENTENCES = 40  # the organisation is named early; later names are suppliers and peers
_STATEMENT_DATE = re.compile(
    r"^\W*(?:dated|date\s+of\s+(?:this\s+)?statement|statement\s+date|published|issued)"
    r"(?:\s+(?:on|this))?\s*[:\-]?\s*",
    re.IGNORECASE,
)


def find_organisation(sentences: Sequence[Sentence], title: str | None = None) -> str | None:
    """The organisation's legal name as first written near the start of the statement."""
    candidates = [title] if title else []
    candidates += [s.text for s in sentences[:_HEAD_SENTENCES]]
    for text in candidates:
        if not any(cue in text for cue in ORGANISATION_CUES):
            continue
        found = _ORGANISATION.search(text)
        if found:
            name = found.group(1).strip()
            return re.sub(r"^(?:The|This|At|Our)\s+", "", name)
    return None


def find_statement_date(sentences: Sequence[Sentence]) -> StatedDate | None:
    """The date the statement gives itself: "Dated: 12 June 2025", "Published March 2025"."""
    for sentence in sentences:
        found = _STATEMENT_DATE.match(sentence.text)
        if found:
            dates = find_dates(sentence.text[found.end() :])
            if dates:
                return dates[0]
    return None


class MetadataFinder:
    """Finds a statement's metadata; holds the matchers built from one pipeline's vocab."""

    def __init__(self, nlp: Language) -> None:
        self._matchers = MetadataMatchers(nlp)

    def find(self, parsed: ParsedDocument) -> StatementMetadata:
        document = parsed.document
        sentences = document.sentences
        texts = [s.text for s in sentences]
        with_tokens = list(parsed_sentences(parsed))
        cues = CueSearch(document.text, sentences)
        return StatementMetadata(
            organisation=find_organisation(sentences, document.title)
            or _first_organisation_entity(with_tokens[:_HEAD_SENTENCES]),
            # Only sentences with a cue word can hold an identifier, and their order is kept.
            identifiers=find_identifiers(texts[i] for i in sorted(cues.sentences_with(ID_CUES))),
            period=find_reporting_period(texts),
            approval=find_approval(self._matchers, with_tokens, cues),
            signatories=find_signatories(self._matchers, with_tokens, cues),
            statement_date=find_statement_date(sentences),
            word_count=document.word_count,
            page_count=document.page_count,
            language=guess_language(document.text),
        )


def parsed_sentences(parsed: ParsedDocument) -> Iterator[ParsedSentence]:
    """Each sentence of the document with its tokens, in order."""
    sentences = parsed.document.sentences
    for block in parsed.blocks:
        for offset, span in enumerate(block.sentence_spans):
            yield ParsedSentence(sentences[block.first_sentence + offset], span)


def _first_organisation_entity(sentences: Sequence[ParsedSentence]) -> str | None:
    """The first ORG entity, when the pipeline recognises entities and the patterns found none."""
    for parsed in sentences:
        for entity in parsed.span.ents:
            if entity.label_ == "ORG":
                return " ".join(entity.text.split())
    return None
