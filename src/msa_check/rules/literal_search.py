"""Where a regex's required literals (rules/literals.py) are looked for: in a sentence's
lower-case text, one sentence at a time (`has_required_literals`) or a whole document's
sentences at once (`SentenceLiterals`).

A sentence whose lower-case text (`literal_haystack`) fails one requirement is not
searched: a substring test costs a tenth of a regex search. Under IGNORECASE a few
characters outside ASCII match an ASCII letter (the long s U+017F matches "s", the
dotless i U+0131 matches "I"): `literal_haystack` maps those to the ASCII letter.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

Requirement = frozenset[str]  # a match contains at least one of these strings
# Characters that IGNORECASE matches with an ASCII letter though they lower-case to
# something else (tests/rules/test_literals.py finds them all and checks this table).
CASE_TWINS = {"\u017f": "s", "\u212a": "k", "\u0130": "i", "\u0131": "i"}


def literal_haystack(text: str) -> str:
    """The text as `required_literals` strings are looked for in it."""
    if not text.isascii():
        # A replace per twin: str.translate goes character by character in Python's
        # slow path for a table of non-ASCII keys, ten times the cost of four scans.
        for twin, letter in CASE_TWINS.items():
            text = text.replace(twin, letter)
    return text.lower()


def has_required_literals(haystack: str, requirements: tuple[Requirement, ...]) -> bool:
    """Does `haystack` (from `literal_haystack`) hold one string of every requirement?"""
    for alternatives in requirements:  # plain loops: this runs for every regex and sentence
        for literal in alternatives:
            if literal in haystack:
                break
        else:
            return False
    return True


class SentenceLiterals:
    """Which sentences of a document hold a literal, found from the literal's side.

    Testing every requirement of every regex on every sentence costs more than the
    searches it saves (about 35 regexes by 50 sentences a document). Looked up the other
    way, one `str.find` pass over the document's text per literal finds the few
    sentences that hold it, and only those are tested for a regex's other requirements
    and searched: the same sentences as the test on each sentence, found with a fraction
    of the tests (tests/rules/test_literals.py holds the two to the same answer).
    """

    _SEPARATOR = "\n"  # between sentences in the joined text; a match over it is refused

    def __init__(self, texts: Sequence[str]) -> None:
        self.haystacks = [literal_haystack(text) for text in texts]
        # literal_haystack keeps every character's length (CASE_TWINS maps the one that
        # lower-cases to two, U+0130), so the joined text's offsets are the sentences'.
        self._text = self._SEPARATOR.join(self.haystacks)
        self._starts: list[int] = []
        offset = 0
        for haystack in self.haystacks:
            self._starts.append(offset)
            offset += len(haystack) + len(self._SEPARATOR)
        self._holding: dict[str, list[int]] = {}

    def holding(self, literal: str) -> list[int]:
        """Indices of the sentences whose haystack contains `literal`, in order."""
        found = self._holding.get(literal)
        if found is None:
            found = self._holding[literal] = self._find(literal)
        return found

    def _find(self, literal: str) -> list[int]:
        text, starts, haystacks = self._text, self._starts, self.haystacks
        found: list[int] = []
        position = text.find(literal) if starts else -1
        while position >= 0:
            sentence = bisect_right(starts, position) - 1
            if position + len(literal) <= starts[sentence] + len(haystacks[sentence]):
                found.append(sentence)
            # Once a sentence holds the literal, or its first occurrence from here runs
            # past the sentence's end (as would any later one), the next sentence is next.
            if sentence + 1 >= len(starts):
                break
            position = text.find(literal, starts[sentence + 1])
        return found

    def meeting(self, requirements: tuple[Requirement, ...]) -> list[int]:
        """Indices of the sentences that meet every requirement (all if there are none),
        in order: those holding a string of the first, tested for the rest."""
        if not requirements:
            return list(range(len(self.haystacks)))
        first, rest = requirements[0], requirements[1:]
        candidates: set[int] = set()
        for literal in first:
            candidates.update(self.holding(literal))
        haystacks = self.haystacks
        return [i for i in sorted(candidates) if has_required_literals(haystacks[i], rest)]
