"""Who signed a statement, from its signature blocks.

Extraction runs a signature block's lines together, so a block is found by the shapes it
takes as running text: a name followed by a role ("Jane Doe, Chief Executive Officer,
12 June 2025"; "Ross MacRae Group Human Resources Director"), a "Name: X Position: Y" form,
a name after "Signed:", "Signed by", "Per:" or "/s/" (or after a line that is only
"Signed"), or a name alone followed by a line that opens with a role. A name next to a
role inside long prose ("as our CEO Jane Doe said") is not a signature.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Span

from msa_check.metadata.cues import CueSearch
from msa_check.metadata.dates import DATE_PATTERN, stated_date
from msa_check.metadata.lexicon import DIRECTOR_ROLE, NOT_NAME_WORDS
from msa_check.metadata.matchers import (
    MetadataMatchers,
    ParsedSentence,
    event_date,
    sentence_evidence,
    word_count,
    words,
)
from msa_check.metadata.names import INITIAL, NAME_WORD
from msa_check.models import Signatory, StatedDate

SIGNED = re.compile(r"\bsigned\b(?!\s+off)|^\W*per\s*:|\bper\s*:|/s/", re.IGNORECASE)
BARE_CUE = re.compile(
    r"^\W*(?:signed(?:\s+by)?|signatures?|signed\s+on\s+behalf\s+of\s+the\s+board)\W*$",
    re.IGNORECASE,
)
NAME_LABEL = re.compile(r"\b(?:full\s+)?name\s*:\s*", re.IGNORECASE)
# One search for either cue: each sentence of every statement is tested for one.
SIGNED_OR_NAME_LABEL = re.compile(f"{SIGNED.pattern}|{NAME_LABEL.pattern}", re.IGNORECASE)
# Cue words of SIGNED, NAME_LABEL and BARE_CUE (see metadata/cues.py): each of their
# matches contains one of CUE_WORDS, or one of LABEL_WORDS and a colon ("Per:", "Name :");
# each match of BARE_CUE contains one of BARE_CUE_WORDS.
CUE_WORDS = ("signed", "signature", "/s/")
LABEL_WORDS = ("per", "name")
BARE_CUE_WORDS = ("signed", "signature")
ROLE_LABEL = re.compile(r"\b(?:position(?:\s+in\s+company)?|title|role)\s*:\s*", re.IGNORECASE)
SHORT_SENTENCE_WORDS = 30  # a signature block run together is short; prose with a name is not
SHORT_LINE_WORDS = 8  # a line that only gives a date or a role
BLOCK_LINES = 4  # lines after a name that may still be its block: role, company, date
# Without a cue ("Signed", "Name:"), a signature is a short block: a name, a role, a date.
# Longer sentences without a cue are not looked at, which keeps the search cheap.
UNCUED_BLOCK_TOKENS = 150
ROLE_QUALIFIERS = 4  # "Group Human Resources Director": words that may sit before a role
_JOINERS = frozenset({"and", "&", "/"})


def find_signatories(
    matchers: MetadataMatchers, sentences: Sequence[ParsedSentence], cues: CueSearch
) -> tuple[Signatory, ...]:
    """Every person the statement says signed it, once each, in document order.

    `sentences` are all the sentences of the document `cues` searches.
    """
    found: dict[str, Signatory] = {}
    cued, bare_cues = cued_sentences(cues), cues.sentences_with(BARE_CUE_WORDS)
    with_roles = matchers.sentences_with_roles(sentences)
    for index, parsed in enumerate(sentences):
        # Without a cue, only a short sentence with a role can be a signature (as
        # _signatory_in decides): the cheap tests first, for the many sentences that fail.
        uncued = index not in cued and index - 1 not in bare_cues
        if uncued and (len(parsed.span) > UNCUED_BLOCK_TOKENS or index not in with_roles):
            continue
        before = sentences[index - 1] if index else None
        # The regexes only where their cue words are: a sentence without them cannot match.
        cue = index in cued and SIGNED_OR_NAME_LABEL.search(parsed.sentence.text) is not None
        cue = cue or (
            index - 1 in bare_cues
            and before is not None
            and BARE_CUE.match(before.sentence.text) is not None
        )
        # The lines after are looked at only for a name found; most sentences have none.
        following = functools.partial(
            _block_lines, sentences[index + 1 : index + 1 + BLOCK_LINES], parsed
        )
        signatory = _signatory_in(matchers, parsed, before, cue, following)
        if signatory is not None:
            found.setdefault((signatory.name or "").lower(), signatory)
    return tuple(found.values())


def cued_sentences(cues: CueSearch) -> set[int]:
    """The sentences that may match SIGNED or NAME_LABEL, by their cue words."""
    labels = cues.sentences_with(LABEL_WORDS) & cues.sentences_with((":",))
    return cues.sentences_with(CUE_WORDS) | labels


@dataclass(frozen=True)
class _Candidate:
    """A name as written, the token just after it, and the role given with it."""

    name: str
    name_end: int  # index in the Doc of the token after the name, in the current sentence
    role: Span | None


def _block_lines(
    candidates: Sequence[ParsedSentence], parsed: ParsedSentence
) -> list[ParsedSentence]:
    """The short lines after a sentence that belong to its signature block (PDF text puts
    name, role, company and date on lines of their own): on its page, up to the next cue
    ("Signature:", "Signed by") or the next long sentence."""
    lines = []
    for line in candidates:
        text = line.sentence.text
        if (
            line.sentence.page != parsed.sentence.page
            or word_count(line) > SHORT_LINE_WORDS
            or BARE_CUE.match(text)
            or SIGNED.search(text)
            or NAME_LABEL.search(text)
        ):
            break
        lines.append(line)
    return lines


def _signatory_in(
    matchers: MetadataMatchers,
    parsed: ParsedSentence,
    before: ParsedSentence | None,
    cue: bool,
    block_lines: Callable[[], list[ParsedSentence]],
) -> Signatory | None:
    """The signatory in `parsed`, if it is a signature block; `cue`: whether it matches
    SIGNED or NAME_LABEL or follows a line that matches BARE_CUE."""
    text, span = parsed.sentence.text, parsed.span
    if not cue and len(span) > UNCUED_BLOCK_TOKENS:
        return None
    roles = matchers.roles(span)
    if not cue and not roles:
        return None
    found = _candidate(matchers, parsed, before, roles, cue)
    if found is None:
        return None
    following = block_lines()
    role, role_start = found.role, found.name_end
    if role is None:
        # The role on a line of its own: the first of the block's lines that opens with one.
        role, role_start = next(
            (
                (opening, line.span.start)
                for line in following
                if (opening := _role_opening(matchers, line)) is not None
            ),
            (None, found.name_end),
        )
    role_text = _role_text(role, role_start, matchers)
    is_director = bool(DIRECTOR_ROLE.search(role_text)) if role_text else None
    name_end = span.doc[found.name_end].idx if found.name_end < span.end else span.end_char
    date = event_date(text, max(0, name_end - span.start_char)) or next(
        (d for line in following if (d := _date_opening(line)) is not None), None
    )
    evidence = sentence_evidence(parsed.sentence, "signature")
    return Signatory(_person(found.name), role_text, is_director, date, evidence)


def _candidate(
    matchers: MetadataMatchers,
    parsed: ParsedSentence,
    before: ParsedSentence | None,
    roles: list[Span],
    cue: bool,
) -> _Candidate | None:
    text, span = parsed.sentence.text, parsed.span
    label = NAME_LABEL.search(text)
    long = word_count(parsed) > SHORT_SENTENCE_WORDS
    if label is None and long:
        return None  # the names are looked for only where they can count
    names = matchers.names(span, roles)
    if label is not None:
        labelled = [n for n in names if n.start_char - span.start_char >= label.end()]
        if labelled:
            role = _labelled_role(text, span, roles) or _role_after(labelled[0], roles)
            return _Candidate(labelled[0].text, labelled[0].end, role)
    if long:
        return None
    for name in names:
        role = _role_after(name, roles)
        if role is not None:
            return _Candidate(name.text, name.end, role)
    if cue and names:
        return _Candidate(names[0].text, names[0].end, None)
    if roles and roles[0].start - span.start <= 1:
        lone = matchers.lone_name(before)  # "Satoru Iijima" / "Chief Executive Officer ..."
        if lone is not None:
            return _Candidate(lone.text, span.start, roles[0])
    return _split_name(before, span, roles)


def _split_name(before: ParsedSentence | None, span: Span, roles: list[Span]) -> _Candidate | None:
    """ "Michael C" / "Buckley Director": a name cut in two after its middle initial."""
    if before is None or word_count(before) > SHORT_LINE_WORDS or not roles:
        return None
    words_before = [t for t in before.span if t.is_alpha]
    surname = span[0]
    if (
        len(words_before) < 2
        or not INITIAL.match(words_before[-1].text)
        or not NAME_WORD.match(words_before[-2].text)
        or not NAME_WORD.match(surname.text)
        or surname.lower_ in NOT_NAME_WORDS
        or roles[0].start - surname.i > ROLE_QUALIFIERS
    ):
        return None
    name = f"{words_before[-2].text} {words_before[-1].text}. {surname.text}"
    return _Candidate(name, surname.i + 1, _labelled_role(span.text, span, roles) or roles[0])


def _labelled_role(text: str, span: Span, roles: Sequence[Span]) -> Span | None:
    label = ROLE_LABEL.search(text)
    if label is None:
        return None
    return next((r for r in roles if r.start_char - span.start_char >= label.end()), None)


def _role_after(name: Span, roles: Sequence[Span]) -> Span | None:
    """The role right after a name, maybe after a few words that qualify it."""
    for role in roles:
        if role.start < name.end:
            continue
        between = name.doc[name.end : role.start]
        qualifiers = [t for t in between if not t.is_punct and t.lower_ not in _JOINERS]
        if len(qualifiers) <= ROLE_QUALIFIERS and all(
            t.is_title and t.lower_ in NOT_NAME_WORDS for t in qualifiers
        ):
            return role
        return None
    return None


def _role_opening(matchers: MetadataMatchers, parsed: ParsedSentence | None) -> Span | None:
    """The role a short following line opens with, maybe after words that qualify it
    ("Group Chief Executive Date: ...", "Finance/Infrastructure Director VWR Ltd")."""
    if parsed is None or word_count(parsed) > SHORT_LINE_WORDS:
        return None
    roles = matchers.roles(parsed.span)
    if not roles:
        return None
    before = [t for t in parsed.span.doc[parsed.span.start : roles[0].start] if not t.is_punct]
    if len(before) > ROLE_QUALIFIERS or not all(t.is_title or t.lower_ in _JOINERS for t in before):
        return None
    return roles[0]


def _role_text(role: Span | None, name_end: int | None, matchers: MetadataMatchers) -> str | None:
    """The role with its qualifiers and the roles joined to it: "CEO and Director"."""
    if role is None:
        return None
    doc = role.doc
    start = name_end if name_end is not None and name_end <= role.start else role.start
    labels = [t.i for t in doc[start : role.start] if t.text == ":"]  # "Title: CEO"
    start = labels[-1] + 1 if labels else start
    while start < role.start and (doc[start].is_punct or doc[start].lower_ in _JOINERS):
        start += 1
    end = role.end
    for following in matchers.roles(role.sent):
        if following.start < end:
            continue
        between = doc[end : following.start]
        if len(between) > 2 or not all(t.is_punct or t.lower_ in _JOINERS for t in between):
            break
        end = following.end
    return words(doc[start:end].text)


def _date_opening(parsed: ParsedSentence | None) -> StatedDate | None:
    """The date a short following line gives ("Date: 12 June 2025", "12 June 2025")."""
    if parsed is None or word_count(parsed) > SHORT_LINE_WORDS:
        return None
    found = DATE_PATTERN.search(parsed.sentence.text)
    if found is None or found.start() > 12:
        return None
    return stated_date(found)


def _person(name: str) -> str:
    """The name as written, once: "Neil Williamson Neil Williamson" is one Neil Williamson."""
    parts = words(name).split()
    half = len(parts) // 2
    if len(parts) % 2 == 0 and parts[:half] == parts[half:]:
        parts = parts[:half]
    return " ".join(parts)
