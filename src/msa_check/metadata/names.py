"""Name-shaped runs of words, as signature blocks write people's names.

Two to four capitalised words that are neither roles nor the usual words of a statement
("Rosalind Quarrington", "TOBIAS WRENFIELD-MARSH"), maybe with an initial ("Dr J. Smith",
"Michael C. Buckley"), a hyphen between two of them or a name in brackets ("Seetarama
(Swamy) K."), maybe after a title ("Dr", "Ms", "Sir").

`name_shapes` finds what a spaCy Matcher with the token patterns in `NAME_PATTERNS` finds
(each optionally after a title): every run of tokens that fits a pattern, overlapping
ones too. It reads each token of the span once, where the Matcher ran two Python regexes
on most tokens for each pattern it tried; tests/metadata/test_names.py holds the two to
the same answers.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from msa_check.metadata.lexicon import NAME_PREFIXES, NOT_NAME_WORDS

NAME_WORD_PATTERN = r"^(?:[A-Z][A-Za-z'\u2019]*[a-z][A-Za-z'\u2019]*|[A-Z][A-Z'\u2019]+)$"
INITIAL_PATTERN = r"^[A-Z]\.?$"
NAME_WORD = re.compile(NAME_WORD_PATTERN)
INITIAL = re.compile(INITIAL_PATTERN)

# What a token can be in a name; a token may be several ("Dr" is a title and a name word).
WORD, INITIAL_LETTER, HYPHEN, OPEN, CLOSE = "word", "initial", "-", "(", ")"
NAME_PATTERNS: tuple[tuple[str, ...], ...] = (
    (WORD, WORD),
    (WORD, WORD, WORD),
    (WORD, WORD, WORD, WORD),
    (WORD, INITIAL_LETTER, WORD),
    (WORD, WORD, HYPHEN, WORD),
    (INITIAL_LETTER, WORD),
    (WORD, OPEN, WORD, CLOSE, WORD),  # "Seetarama (Swamy) K."
)
_PREFIXES = frozenset(NAME_PREFIXES)
_PUNCTUATION = frozenset({HYPHEN, OPEN, CLOSE})


def name_shapes(span: Span) -> list[tuple[int, int]]:
    """(start, end) in the Doc of every run of tokens of `span` that fits a name pattern,
    with or without a title before it."""
    kinds: list[frozenset[str]] = []
    titles: list[bool] = []
    for token in span:
        text, lower = token.text, token.lower_
        kinds.append(_kinds(text, lower))
        titles.append(lower in _PREFIXES)
    found: list[tuple[int, int]] = []
    for first in range(len(kinds)):
        # After a title, the name's own words start on the next token.
        for start in (first, first + 1) if titles[first] else (first,):
            if start == len(kinds) or not kinds[start]:
                continue  # most tokens: no pattern starts with a word that is no name's
            for pattern in NAME_PATTERNS:
                end = start + len(pattern)
                if end <= len(kinds) and all(
                    kind in kinds[at] for at, kind in enumerate(pattern, start)
                ):
                    found.append((span.start + first, span.start + end))
    return found


def _kinds(text: str, lower: str) -> frozenset[str]:
    if not "A" <= text[:1] <= "Z":  # both patterns open with one: most tokens are neither
        return _KIND_OF.get(text, _NEITHER)
    kinds = set()
    # search, as spaCy's REGEX token predicate does (so "$" also matches before a final "\n")
    if NAME_WORD.search(text) and lower not in NOT_NAME_WORDS:
        kinds.add(WORD)
    if INITIAL.search(text):
        kinds.add(INITIAL_LETTER)
    return frozenset(kinds)


_KIND_OF = {mark: frozenset({mark}) for mark in _PUNCTUATION}
_NEITHER: frozenset[str] = frozenset()
