"""The spaCy matchers metadata is found with: governing bodies, roles and people's names.

Built once per pipeline from its vocab. Bodies and roles are matched once per block (the
spaCy Doc of a block, whose matches are kept in the Doc's user_data) and each sentence
takes those inside it: the same matches as running the matchers on the sentence, since
every pattern is a fixed run of tokens, without a Matcher call per sentence. The two
patterns that read the case of a word ("Ethics Committee", "Head of Procurement") are
found from the phrase matches of their lower-case words, not by a token Matcher.
Names are PERSON entities when the pipeline has a named entity recogniser (a trained
`--model`), and otherwise two to four capitalised words that are neither roles nor the
usual words of a statement ("Rosalind Quarrington", "TOBIAS WRENFIELD-MARSH", "Dr J. Smith").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy
import numpy.typing as npt
from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from msa_check.metadata.dates import DATE_PATTERN, stated_date
from msa_check.metadata.lexicon import (
    BOARD_BODIES,
    COMPANY_SUFFIXES,
    OTHER_BODIES,
    ROLES,
)
from msa_check.metadata.names import name_shapes
from msa_check.models import Evidence, Sentence, StatedDate

BOARD, OTHER, ROLE = "BOARD", "OTHER", "ROLE"
_PRIORITY = {BOARD: 0, OTHER: 1, ROLE: 2}  # when two labels cover the same words
# A date just after these words is a period's end, not the day of an approval or signature.
_PERIOD_WORDS_BEFORE = re.compile(
    r"(?:ending|ended|end|to|from|year|period|until)\s+(?:on\s+)?(?:the\s+)?$", re.IGNORECASE
)


@dataclass(frozen=True)
class ParsedSentence:
    """A sentence of the Document and its tokens in the spaCy Doc of its block."""

    sentence: Sentence
    span: Span


# Where a block's body and role matches are kept: (label, start, end), by start.
_BLOCK_MATCHES = "msa_check.bodies_and_roles"
# The words of the two patterns that also read the case of a word, matched with the phrases.
_TITLED_CUE, _TITLED_CUES = "TITLED_CUE", ("committee", "head of")
_SPAN_ANSWERS = "msa_check.bodies_and_roles_of_spans"  # (start, end) -> bodies_and_roles


class MetadataMatchers:
    """Bodies, roles and names in a sentence's tokens."""

    def __init__(self, nlp: Language) -> None:
        self._strings = nlp.vocab.strings  # labels by name: a Doc may come from another vocab
        self._phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for label, phrases in ((BOARD, BOARD_BODIES), (OTHER, OTHER_BODIES), (ROLE, ROLES)):
            self._phrases.add(label, [nlp.make_doc(phrase) for phrase in phrases])
        self._phrases.add(_TITLED_CUE, [nlp.make_doc(phrase) for phrase in _TITLED_CUES])

    def bodies_and_roles(self, span: Span) -> list[Span]:
        """Governing bodies, other bodies and roles in `span`; the longest where they overlap."""
        doc = span.doc
        # The signature and approval searches ask for the same sentences again and again
        # (a sentence, then as the line after the one before it), so each answer is kept.
        answers: dict[tuple[int, int], list[Span]] = doc.user_data.setdefault(_SPAN_ANSWERS, {})
        answer = answers.get((span.start, span.end))
        if answer is None:
            answer = answers[(span.start, span.end)] = self._bodies_and_roles(span)
        return list(answer)

    def _bodies_and_roles(self, span: Span) -> list[Span]:
        found = [
            Span(span.doc, start, end, label=label)
            for label, start, end in self._matches_within(span)
        ]
        found.sort(key=lambda s: _PRIORITY[s.label_], reverse=True)
        unique = {(s.start, s.end): s for s in found}  # the highest priority label wins
        kept = filter_spans(list(unique.values()))
        return sorted((s for s in kept if not _names_a_company(s)), key=lambda s: s.start)

    def _block_matches(self, doc: Doc) -> tuple[list[int], list[tuple[str, int, int]]]:
        """Every body and role match of the block's Doc, by start (and the starts alone, to
        bisect), worked out on first use."""
        found: tuple[list[int], list[tuple[str, int, int]]] | None = doc.user_data.get(
            _BLOCK_MATCHES
        )
        if found is None:
            matches = []
            for key, start, end in self._phrases(doc):
                label = self._strings[key]
                if label != _TITLED_CUE:
                    matches.append((label, start, end))
                elif (titled := _titled_match(doc, start, end)) is not None:
                    matches.append(titled)
            # By start, to bisect; the order of matches with one start does not matter: the
            # priority sort, the dict by span and filter_spans give the same spans from any.
            labelled = sorted(matches, key=lambda match: match[1])
            found = ([start for _, start, _ in labelled], labelled)
            doc.user_data[_BLOCK_MATCHES] = found
        return found

    def roles(self, span: Span) -> list[Span]:
        # A role can only come from a ROLE match inside the span: without one, no overlaps
        # need resolving.
        if not self.has_role(span):
            return []
        return [s for s in self.bodies_and_roles(span) if s.label_ == ROLE]

    def sentences_with_roles(self, sentences: Sequence[ParsedSentence]) -> set[int]:
        """Positions in `sentences` (in document order) of those `has_role` is true of,
        found from each block's role matches rather than by asking each sentence."""
        found: set[int] = set()
        first = 0
        while first < len(sentences):
            doc = sentences[first].span.doc
            end = first + 1
            while end < len(sentences) and sentences[end].span.doc is doc:
                end += 1
            starts = [parsed.span.start for parsed in sentences[first:end]]
            for label, start, stop in self._block_matches(doc)[1]:
                # The sentences of a block do not overlap: only the last one starting by
                # the match can hold it.
                at = first + bisect_right(starts, start) - 1
                if label == ROLE and at >= first and stop <= sentences[at].span.end:
                    found.add(at)
            first = end
        return found

    def has_role(self, span: Span) -> bool:
        """Whether a role phrase lies inside `span` (it may still be part of a longer body,
        as "member of the board" is not a role in "a member of the board committee")."""
        return any(label == ROLE for label, _, _ in self._matches_within(span))

    def _matches_within(self, span: Span) -> Iterator[tuple[str, int, int]]:
        """The block's body and role matches that lie inside `span`."""
        starts, matches = self._block_matches(span.doc)
        # Matches are sorted by start: only those from the span's start on can lie in it.
        for label, start, end in matches[bisect_left(starts, span.start) :]:
            if start >= span.end:
                return
            if end <= span.end:
                yield label, start, end

    def names(self, span: Span, roles: Sequence[Span] = ()) -> list[Span]:
        """People's names in `span`: PERSON entities if there are any, else name-shaped words."""
        people = [e for e in span.ents if e.label_ == "PERSON"]
        if people:
            return people
        role_tokens = {i for r in roles for i in range(r.start, r.end)}
        shaped = filter_spans([span.doc[start:end] for start, end in name_shapes(span)])
        names = [n for n in shaped if not any(i in role_tokens for i in range(n.start, n.end))]
        return [_without_company_word(n) for n in names]

    def lone_name(self, parsed: ParsedSentence | None) -> Span | None:
        """The name that makes up the whole of a short sentence, if it is one."""
        if parsed is None or word_count(parsed) > 4:
            return None
        names = self.names(parsed.span)
        words = [t for t in parsed.span if t.is_alpha]
        if len(names) == 1 and all(names[0].start <= t.i < names[0].end for t in words):
            return names[0]
        return None


def _titled_match(doc: Doc, start: int, end: int) -> tuple[str, int, int] | None:
    """A title-case word then "committee" (OTHER: "Ethics Committee"), or "head of" then a
    title-case word (ROLE: "Head of Procurement"), from a match of the words in lower case
    (_TITLED_CUES) at `start`.

    What a spaCy Matcher with the patterns [{IS_TITLE}, {LOWER: committee}] and [{LOWER:
    head}, {LOWER: of}, {IS_TITLE}] finds (tests/metadata/test_matchers.py holds the two
    to it), without the Matcher, which makes a Token object for every token of the block.
    """
    if end - start == 1:  # "committee"
        if start > 0 and doc[start - 1].is_title:
            return OTHER, start - 1, end
    elif end < len(doc) and doc[end].is_title:  # "head of"
        return ROLE, start, end + 1
    return None


def _names_a_company(role: Span) -> bool:
    """ "Vitality Invest Trustee Company Limited": a role word in a company's name."""
    following = role.doc[role.end] if role.end < len(role.doc) else None
    return following is not None and following.lower_ in _COMPANY_WORDS


_COMPANY_WORDS = frozenset({"company", "limited", "ltd", "plc", "inc", "llp", "pty", "corporation"})


def _without_company_word(name: Span) -> Span:
    """ "Steve Miller Dawsongroup plc": the last word is the company's, not the person's."""
    following = name.doc[name.end] if name.end < len(name.doc) else None
    if following is not None and following.lower_ in COMPANY_SUFFIXES and len(name) > 2:
        return name.doc[name.start : name.end - 1]
    return name


def sentence_evidence(sentence: Sentence, what: str) -> Evidence:
    """The sentence as evidence for a piece of metadata."""
    return Evidence.of_sentence(sentence, (f"metadata: {what}",))


def event_date(text: str, after: int) -> StatedDate | None:
    """The first date from character `after` on that is not the end of a period."""
    for found in DATE_PATTERN.finditer(text, after):
        if _PERIOD_WORDS_BEFORE.search(text[max(0, found.start() - 30) : found.start()]):
            continue
        date = stated_date(found)
        if date is not None:
            return date
    return None


def token_at(span: Span, char: int) -> int:
    """The index in the Doc of the first token of `span` at or after character `char`."""
    for token in span:
        if token.idx - span.start_char >= char:
            return token.i
    return span.end


def word_count(parsed: ParsedSentence) -> int:
    """Words of the sentence (not punctuation, spaces or "____" signature lines)."""
    span = parsed.span
    doc = span.doc
    # Which tokens are punctuation or space, once per block's Doc, as an array (a block
    # has thousands of tokens, a Token object each): the signature search asks for the
    # words of the same short lines again and again.
    not_words: npt.NDArray[numpy.bool_] | None = doc.user_data.get(_NOT_WORDS)
    if not_words is None:
        flags = doc.to_array([IS_PUNCT, IS_SPACE]).reshape(len(doc), 2)
        not_words = numpy.logical_or(flags[:, 0], flags[:, 1])
        doc.user_data[_NOT_WORDS] = not_words
    count = len(span) - int(numpy.count_nonzero(not_words[span.start : span.end]))
    if "_" in parsed.sentence.text:  # rare: "Signed ______", where "____" is no word
        count -= sum(1 for t in span if "_" in t.text and not t.is_punct and not t.is_space)
    return count


_NOT_WORDS = "msa_check.punctuation_or_space"


def words(text: str) -> str:
    return " ".join(text.split())
