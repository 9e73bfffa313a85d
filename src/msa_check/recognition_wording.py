"""The one-pass scan that finds the wording patterns of recognition_patterns.py.

Pure: a text in, the matches of each pattern out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from msa_check.recognition_patterns import (
    DOCUMENT_WORDS,
    FOLLOWED_BY,
    NAMED,
    OPENING_WORDS,
)

_PATTERNS_OPENED_BY: dict[str, tuple[re.Pattern[str], ...]] = {
    word: tuple(pattern for pattern, words in OPENING_WORDS.items() if word in words)
    for word in frozenset().union(*OPENING_WORDS.values())
}


def _alternation(words: dict[str, str]) -> str:
    """A regular expression matching exactly the keys of `words`, each followed by its
    value (a lookahead; "": anything), their shared beginnings factored out
    ("s(?:lavery|tatement)"): the regex engine tries a group's alternatives one by one at
    each place, so a flat list of a hundred words would cost a hundred tries a word."""
    rests_by_first: dict[str, dict[str, str]] = {}
    ending: str | None = None
    for word, after in words.items():
        if word:
            rests_by_first.setdefault(word[0], {})[word[1:]] = after
        else:
            ending = after
    branches = [
        re.escape(first) + _alternation(rests) for first, rests in sorted(rests_by_first.items())
    ]
    if ending is not None:  # last: the engine tries the longer words first
        branches.append(f"(?={ending})" if ending else "")
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


_OPENING_WORDS = _alternation({word: FOLLOWED_BY.get(word, "") for word in _PATTERNS_OPENED_BY})
# \b at both ends: the whole word must be one of them (the engine backtracks from a
# longer word, "statements", to the shorter, and \b then rejects it).
_OPENING_WORD = re.compile(r"\b" + _OPENING_WORDS + r"\b")
# The same words after the one character that is not part of a word before them, which
# is what \b means before a word's first letter (every opening word starts with one), and
# at the very start of the text: shaped for speed, the regex engine then skips the letters
# between words in a tight loop, where a pattern opening with \b is tried at each of them.
_OPENING_WORD_AFTER_NON_WORD = re.compile(r"\W(" + _OPENING_WORDS + r")\b")
_OPENING_WORD_AT_START = re.compile(_OPENING_WORDS + r"\b")
# The same with re.ASCII, whose character tests are cheaper (the scan 0.9x the time), for
# a text with no character outside ASCII that is part of a word (879 of the 981 corpus
# texts have only quotes, dashes and the like there): \w and \b then mean the same.
_ASCII_AFTER_NON_WORD = re.compile(_OPENING_WORD_AFTER_NON_WORD.pattern, re.ASCII)
_ASCII_AT_START = re.compile(_OPENING_WORD_AT_START.pattern, re.ASCII)
_NON_ASCII_WORD_CHARACTER = re.compile(r"[^\x00-\x7f](?<=\w)")
# The letters outside ASCII that case-insensitive matching takes for ASCII ones (dotted
# and dotless i, the long s, the Kelvin sign): lower-casing does not map them onto the
# opening words, so a text with any of them is scanned one pattern at a time.
_FOLDED_ONTO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")

Matches = dict[re.Pattern[str], list[re.Match[str]]]
QUOTES = 2  # places quoted per signal
QUOTE_CONTEXT = 40  # characters shown on each side of a match


def scan_matches(text: str) -> Matches:
    """Each wording pattern's matches in `text`: the same as one `finditer` per pattern,
    from one pass over the text."""
    lowered = text.lower()  # the one pass is case-sensitive: four times faster
    if len(lowered) != len(text) or (not text.isascii() and _FOLDED_ONTO_ASCII.search(text)):
        return scan_each_pattern_matches(text)
    matches: Matches = {p: [] for p in OPENING_WORDS}
    free_from = dict.fromkeys(OPENING_WORDS, 0)  # matches of one pattern do not overlap
    openings = list(opening_words(lowered))
    kinds = [_NAMING_KIND.get(word) for _, word in openings]
    for index, (start, word) in enumerate(openings):
        for pattern in _PATTERNS_OPENED_BY[word]:
            if start < free_from[pattern]:
                continue
            if pattern is NAMED and not _partner_ahead(kinds, index):
                continue  # half of NAMED's tries, each dearer than this test
            if match := pattern.match(text, start):
                matches[pattern].append(match)
                free_from[pattern] = match.end()
    return matches


def _partner_ahead(kinds: list[str | None], index: int) -> bool:
    """Whether NAMED may match at the opening word `index` (`kinds`: each opening word's
    part in a naming). NAMED pairs a document word and a topic word (either first) at most
    five words apart, both opening words: the partner is among the next six opening
    words, or seven after a topic, whose phrase may hold one ("modern slavery", "forced
    and child labour"). tests/test_recognition.py holds the scan to one search per
    pattern over generated namings."""
    kind = kinds[index]
    partner, reach = (_TOPIC, 6) if kind == _DOCUMENT else (_DOCUMENT, 7)
    return partner in kinds[index + 1 : index + 1 + reach]


_DOCUMENT, _TOPIC = "document", "topic"
DOCUMENT_OPENINGS = frozenset(w for w in OPENING_WORDS[NAMED] if re.fullmatch(DOCUMENT_WORDS, w))
_NAMING_KIND = {
    word: _DOCUMENT if word in DOCUMENT_OPENINGS else _TOPIC for word in OPENING_WORDS[NAMED]
}


def opening_words(lowered: str) -> Iterator[tuple[int, str]]:
    """Where each opening word is in `lowered`, in order: what `_OPENING_WORD.finditer`
    finds (tests/test_recognition.py holds the two to it). Its matches are whole words,
    so they never overlap, and the one at the start of the text is the only one that
    follows no character."""
    at_start, after_non_word = _OPENING_WORD_AT_START, _OPENING_WORD_AFTER_NON_WORD
    if lowered.isascii() or _NON_ASCII_WORD_CHARACTER.search(lowered) is None:
        at_start, after_non_word = _ASCII_AT_START, _ASCII_AFTER_NON_WORD
    if first := at_start.match(lowered):
        yield 0, first.group()
    for found in after_non_word.finditer(lowered):
        yield found.start(1), found.group(1)


def scan_each_pattern_matches(text: str) -> Matches:
    """What `scan_matches` finds, found the plain way, one `finditer` per pattern: for
    texts the one pass cannot read, and as the reference tests and benchmarks compare."""
    return {pattern: list(pattern.finditer(text)) for pattern in OPENING_WORDS}


def scan_wording(text: str) -> dict[re.Pattern[str], tuple[int, tuple[str, ...]]]:
    """How often each wording pattern matches `text`, and where (see `quoted`), from the
    one-pass scan (recognition_wording.scan_matches)."""
    return {pattern: quoted(text, found) for pattern, found in scan_matches(text).items()}


def scan_each_pattern(text: str) -> dict[re.Pattern[str], tuple[int, tuple[str, ...]]]:
    """What `scan_wording` finds, found the plain way, one `finditer` per pattern: the
    reference that tests and benchmarks compare the one pass with."""
    return {p: quoted(text, found) for p, found in scan_each_pattern_matches(text).items()}


def quoted(text: str, matches: Iterable[re.Match[str]]) -> tuple[int, tuple[str, ...]]:
    """How many `matches` there are, and the first QUOTES places with a little
    context, cut at word boundaries so a quote never starts or ends mid-word."""
    count = 0
    quotes: list[str] = []
    for match in matches:
        count += 1
        if len(quotes) >= QUOTES:
            continue
        start = max(0, match.start() - QUOTE_CONTEXT)
        end = min(len(text), match.end() + QUOTE_CONTEXT)
        while 0 < start < match.start() and not text[start - 1].isspace():
            start += 1
        while match.end() < end < len(text) and not text[end].isspace():
            end -= 1
        snippet = " ".join(text[start:end].split())
        quotes.append(("…" if start else "") + snippet + ("…" if end < len(text) else ""))
    return count, tuple(quotes)
