"""The terms of `near` rule parts: which matches of a block can make a near hit.

A near part holds when a term of its side `a` and one of its side `b` match in one
sentence within so many words. Its terms are common words ("supplier", "audit"), most of
the lemma matcher's matches, and in a corpus block four in ten of them come without any
match of the other side of their pair in the block, so could never pair. Those are set
aside by key first, before any of them is placed in a sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from msa_check.rules.schema import Near

Target = tuple[str, str]  # (criterion id, role), as in rules/hits.py
Match = tuple[int, int]  # a matcher's match: the token range (start, end) in its Doc
KeyedMatch = tuple[int, int, int]  # (matcher key, start, end), as a spaCy matcher gives


@dataclass(frozen=True)
class NearCandidate:
    """The matches of both sides of one near part in one sentence, in match order."""

    target: Target
    near: Near
    sentence: int
    a: list[Match]
    b: list[Match]


@dataclass
class NearTerms:
    """The matcher keys of every near part's two sides, and the part each stands for."""

    # key -> (target, index of the near part in its rule, side "a" or "b")
    sides: dict[int, tuple[Target, int, str]] = field(default_factory=dict)
    specs: dict[tuple[Target, int], Near] = field(default_factory=dict)
    # key -> the key of the other side of its near part
    partner: dict[int, int] = field(default_factory=dict)

    def add(self, target: Target, index: int, near: Near, a_key: int, b_key: int) -> None:
        self.specs[(target, index)] = near
        self.sides[a_key] = (target, index, "a")
        self.sides[b_key] = (target, index, "b")
        self.partner[a_key], self.partner[b_key] = b_key, a_key

    def candidates(
        self, found: Sequence[KeyedMatch], sentence_of: Sequence[int]
    ) -> list[NearCandidate]:
        """The near parts with a match of each side in one sentence, from `found` (near
        term matches of one block, in matcher order; `sentence_of` gives each token's
        sentence, -1 for a dropped fragment), in the order their first match came."""
        present = {key for key, _, _ in found}
        grouped: dict[tuple[Target, int, int], tuple[list[Match], list[Match]]] = {}
        for key, start, end in found:
            if self.partner[key] not in present:
                continue  # the other side never matches in the block: no pair here
            sentence = sentence_of[start]
            if sentence < 0 or sentence != sentence_of[end - 1]:
                continue  # a match across sentences (or in a dropped fragment) is no evidence
            target, index, side = self.sides[key]
            sides = grouped.get((target, index, sentence))
            if sides is None:
                sides = grouped[(target, index, sentence)] = ([], [])
            sides[side == "b"].append((start, end))
        return [
            NearCandidate(target, self.specs[(target, index)], sentence, a, b)
            for (target, index, sentence), (a, b) in grouped.items()
            if a and b
        ]
