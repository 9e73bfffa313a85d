"""Which sentences a metadata search needs to look at, from a few searches of the whole text.

Most metadata searches run a regex on every sentence, and almost every sentence fails it.
Each such regex has cue words: words one of which every match of it contains, in any case
(every match of "\\bsigned\\b(?!\\s+off)" contains "signed"). A sentence with none of them
cannot match, so a search for the words in the lower-case text of the whole document
finds the few sentences the full search needs; `str.find` does that far faster than a
case-insensitive regex over the whole text, or than a regex per sentence.

A regex's cue words must be exact, or a sentence that matched would be skipped: every
match of the regex, compiled case-insensitive, must contain one of them. The lower-case
text stands in for a case-insensitive search because `str.lower()` maps every character
that such a regex takes for an ASCII letter to that letter, one character for one, except
the three in `UNLIKE_LOWER` (tests/metadata/test_cues.py checks this over all of
Unicode); a text with one of those is searched with a case-insensitive regex instead.
A sentence's text is a slice of the document's, so a word found inside a sentence's
offsets is in the sentence, and a word in the sentence is found there.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from msa_check.models import Sentence

# Capital I with a dot lowers to two characters; a case-insensitive regex takes the dotless
# i (U+0131) for "i" and the long s (U+017F) for "s".
UNLIKE_LOWER = "\u0130\u0131\u017f"


class CueSearch:
    """Finds the sentences of one document that contain a cue word, in any case."""

    def __init__(self, text: str, sentences: Sequence[Sentence]) -> None:
        self._text = text
        unlike = any(character in text for character in UNLIKE_LOWER)
        self._lower = None if unlike else text.lower()
        self._starts = [sentence.start for sentence in sentences]
        self._ends = [sentence.end for sentence in sentences]

    def sentences_with(self, words: Sequence[str]) -> set[int]:
        """Positions in the sentences of those that contain one of `words` (lower case)."""
        found: set[int] = set()
        for start, end in self._occurrences(words):
            index = bisect_right(self._starts, start) - 1  # the last sentence starting by it
            if index >= 0 and self._ends[index] >= end:
                found.add(index)
        return found

    def _occurrences(self, words: Sequence[str]) -> list[tuple[int, int]]:
        if self._lower is None:
            # At every start (a lookahead, so overlapping ones too), the shortest word there.
            either = "|".join(re.escape(word) for word in sorted(words, key=len))
            every = re.compile(f"(?=({either}))", re.IGNORECASE)
            return [(m.start(), m.start() + len(m.group(1))) for m in every.finditer(self._text)]
        occurrences = []
        for word in words:
            at = self._lower.find(word)
            while at >= 0:
                occurrences.append((at, at + len(word)))
                at = self._lower.find(word, at + 1)
        return occurrences
