"""Who approved a statement, and when, as the statement says.

An approval sentence says the statement (or report) was approved, adopted or signed off,
and names a body: the nearest governing body, committee or officer after the verb
("approved by the Board of Directors on 12 June 2025"), else the one before it ("The SGN
Board has signed off this statement"). A body after "on behalf of" is not the approver:
"approved on behalf of the board by the CFO" was approved by the CFO, and a statement
approved only "on behalf of the board" names no approver (so it is not board approval).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from spacy.tokens import Span

from msa_check.metadata.cues import CueSearch
from msa_check.metadata.matchers import (
    BOARD,
    OTHER,
    MetadataMatchers,
    ParsedSentence,
    event_date,
    sentence_evidence,
    token_at,
    words,
)
from msa_check.models import Approval

APPROVAL_VERB = re.compile(
    r"\b(?:approv\w*|adopted|endorsed|ratified|signed[\s-]+off|authori[sz]ed\s+for\s+issue)\b",
    re.IGNORECASE,
)
# Cue words of APPROVAL_VERB (see metadata/cues.py): each of its matches contains one.
CUE_WORDS = ("approv", "adopted", "endorsed", "ratified", "signed", "authori")
NOT_YET_APPROVED = re.compile(
    r"\b(?:will|to|shall|should|must)\s+(?:be\s+)?(?:reviewed\s+and\s+)?approv"
    r"|\bawaiting\s+approval|\bsubject\s+to\s+(?:the\s+)?approval|\bfor\s+approval\b"
    r"|\b(?:has|have|had|was|were)\s+not\s+(?:yet\s+)?(?:been\s+)?approv"
    r"|\bnot\s+yet\s+(?:been\s+)?approv",
    re.IGNORECASE,
)
# The approval must be of the statement, not of a policy or a supplier.
OF_THE_STATEMENT = re.compile(
    r"(?i:\b(?:statement|report|this\s+document)\b"
    r"|\bit\s+(?:was|has\s+been|is)\s+(?:\w+\s+and\s+)?approved)"
    r"|\bApproved\s+by\b|\bAPPROVED\s+BY\b"
)
# "was approved", "has been signed off", "approved by": an approval reported, not a heading
# ("Board approval") or an instruction ("Approve a statement") that merely uses the word.
REPORTED_APPROVAL = re.compile(
    r"\b(?:was|were|is|been|has|have|had)\s+(?:\w+\s+and\s+)?"
    r"(?:approved|adopted|endorsed|ratified|signed\s+off|received\s+(?:the\s+)?approval)"
    r"|\bapproved\s+(?:by|at|on|in)\b",
    re.IGNORECASE,
)
ON_BEHALF = re.compile(r"\bon\s+behalf\s+of\b", re.IGNORECASE)
BODY_WINDOW = 40  # tokens after the approval verb in which its body is looked for
BEHALF_WINDOW = 6  # tokens after "on behalf of" that name whom it is on behalf of


def find_approval(
    matchers: MetadataMatchers, sentences: Sequence[ParsedSentence], cues: CueSearch
) -> Approval | None:
    """The sentence that says best who approved the statement.

    One that reports an approval ("was approved by") beats one that only uses the word, a
    dated one beats an undated one, and an earlier one a later one. `sentences` are all
    the sentences of the document `cues` searches.
    """
    with_verb = cues.sentences_with(CUE_WORDS)  # only these can have APPROVAL_VERB
    found = [
        a for i in sorted(with_verb) if (a := _approval_in(matchers, sentences[i])) is not None
    ]
    if not found:
        return None
    return max(
        found,
        key=lambda a: (
            REPORTED_APPROVAL.search(a.evidence.text) is not None,
            a.date is not None,
            -a.evidence.sentence_index,
        ),
    )


def _approval_in(matchers: MetadataMatchers, parsed: ParsedSentence) -> Approval | None:
    text = parsed.sentence.text
    verb = APPROVAL_VERB.search(text)
    if verb is None or NOT_YET_APPROVED.search(text) or not OF_THE_STATEMENT.search(text):
        return None
    body = _approving_body(matchers, parsed.span, verb.start())
    if body is None:
        return None
    date = event_date(text, body.end_char - parsed.span.start_char) or event_date(text, 0)
    evidence = sentence_evidence(parsed.sentence, "approval")
    return Approval(words(body.text), body.label_ == BOARD, date, evidence)


def _approving_body(matchers: MetadataMatchers, span: Span, verb_char: int) -> Span | None:
    masked = set(_on_behalf_tokens(span))
    found = matchers.bodies_and_roles(span)
    bodies = [b for b in found if b.start not in masked]
    verb = token_at(span, verb_char)
    after = [b for b in bodies if verb <= b.start < verb + BODY_WINDOW]
    if after:
        chosen = after[0]
        # "members of the executive committee": the committee approved, not the board
        following = [b for b in after[1:] if b.start - chosen.end <= 3]
        if following and span.doc[chosen.end].lower_ == "of" and following[0].label_ != BOARD:
            return following[0]
        return chosen
    before = [b for b in bodies if b.end <= verb]
    if before:
        return before[-1]
    on_behalf = [b for b in found if b.start in masked]
    if on_behalf:  # approved "on behalf of the board" and by no one named
        start = max(span.start, min(masked) - 3)
        return Span(span.doc, start, on_behalf[0].end, label=OTHER)
    return None


def _on_behalf_tokens(span: Span) -> Iterator[int]:
    """Tokens of the body in "on behalf of the board": that body is not the approver.

    The body ends where the sentence goes on ("on behalf of and approved by the Board").
    """
    for found in ON_BEHALF.finditer(span.text):
        first = token_at(span, found.end())
        for token in span.doc[first : min(first + BEHALF_WINDOW, span.end)]:
            if token.lower_ in _BEHALF_ENDS or APPROVAL_VERB.match(token.text):
                break
            yield token.i


_BEHALF_ENDS = frozenset({"and", "by", ",", ";", "on", "in"})
