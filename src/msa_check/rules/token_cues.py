"""The words a token pattern cannot match without, so a block lacking them is not scanned.

spaCy's Matcher makes a Token object for every token of every Doc it is called on, and
calls Python for each `IN` test, whether or not any pattern could match there. A token
of a pattern that must be present (no `OP`, or `+`, or `{n}` with n >= 1) and asks for
one of a few ORTH, LOWER, LEMMA, NORM or SHAPE values needs a token with such a value in
the sentence; `TokenCues` finds the cue words of all of a document's blocks in one numpy
column and skips the Matcher in every sentence where no pattern can match. Anything else
(REGEX, NOT_IN, extension attributes, flags such as IS_TITLE) gives no cue for that
token; a pattern with no cue at all means every block is scanned.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy
from spacy.attrs import LEMMA, LOWER, NORM, ORTH, SHAPE
from spacy.strings import get_string_id

from msa_check.nlp import ParsedBlock

# TEXT is spaCy's name for ORTH in patterns.
_ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "LEMMA": LEMMA, "NORM": NORM, "SHAPE": SHAPE}
_OPTIONAL_OPS = frozenset({"?", "*", "!"})  # "!" matches where the token is absent
_COUNT_OP = re.compile(r"^\{(\d*)(?:,\d*)?\}$")  # {n}, {n,m}, {n,}, {,m}

Cue = tuple[int, frozenset[int]]  # an attribute and the value hashes one token must have


def pattern_cues(pattern: Sequence[Mapping[str, Any]]) -> tuple[Cue, ...]:
    """What some token of the block must be for `pattern` to match: all of these."""
    cues = []
    for token in pattern:
        if not _required(token.get("OP")):
            continue
        cue = _token_cue(token)
        if cue is not None:
            cues.append(cue)
    return tuple(cues)


def _required(op: Any) -> bool:
    if op is None or op == "+":
        return True
    if not isinstance(op, str) or op in _OPTIONAL_OPS:
        return False
    counted = _COUNT_OP.match(op)
    return counted is not None and counted.group(1) not in ("", "0")


def _token_cue(token: Mapping[str, Any]) -> Cue | None:
    for key, value in token.items():
        attr = _ATTRS.get(key.upper()) if isinstance(key, str) else None
        if attr is None:
            continue
        if isinstance(value, str):
            return attr, frozenset({get_string_id(value)})
        if isinstance(value, Mapping) and set(value) == {"IN"} and _all_strings(value["IN"]):
            return attr, frozenset(get_string_id(v) for v in value["IN"])
    return None


def _all_strings(values: Any) -> bool:
    return isinstance(values, list | tuple) and all(isinstance(v, str) for v in values)


class TokenCues:
    """The cues of a Matcher's patterns: where in a block may any of them match?"""

    def __init__(self) -> None:
        self._patterns: list[tuple[Cue, ...]] = []
        self._always = False  # a pattern without cues may match anywhere
        self._wanted: dict[int, frozenset[int]] = {}  # per attribute, every value a cue names
        self._wanted_arrays: dict[int, numpy.ndarray[Any, Any]] = {}  # the same, for numpy

    def add(self, patterns: Iterable[Sequence[Mapping[str, Any]]]) -> None:
        for pattern in patterns:
            cues = pattern_cues(pattern)
            self._always = self._always or not cues
            self._patterns.append(cues)
            for attr, values in cues:
                self._wanted[attr] = self._wanted.get(attr, frozenset()) | values
                self._wanted_arrays[attr] = numpy.array(sorted(self._wanted[attr]), numpy.uint64)

    def sentences_to_scan(self, block: ParsedBlock) -> list[tuple[int, int]] | None:
        """Token ranges of the block's sentences where a pattern may match; None: all of it.

        A match that crosses sentences is no evidence, so sentences are enough."""
        return self.blocks_to_scan([block])[0]

    def blocks_to_scan(self, blocks: Sequence[ParsedBlock]) -> list[list[tuple[int, int]] | None]:
        """`sentences_to_scan` of each block, worked out for all of them at once."""
        if not self._patterns:
            return [[] for _ in blocks]
        sized = [(b, block) for b, block in enumerate(blocks) if len(block.doc)]
        ranges: list[list[tuple[int, int]] | None] = [[] for _ in blocks]
        if self._always:
            for b, _ in sized:
                ranges[b] = None
            return ranges
        if not sized:
            return ranges
        found = self._cue_words([block for _, block in sized])
        possible: set[tuple[int, int]] = set()  # (block among the sized, sentence offset)
        for cues in self._patterns:
            sentences: set[tuple[int, int]] | None = None
            for attr, values in cues:
                having = {place for place, value in found[attr] if value in values}
                sentences = having if sentences is None else sentences & having
                if not sentences:
                    break
            possible |= sentences or set()
        for among, offset in sorted(possible):
            b, block = sized[among]
            span = block.sentence_spans[offset]
            ranges[b].append((span.start, span.end))  # type: ignore[union-attr]
        return ranges

    def _cue_words(self, blocks: list[ParsedBlock]) -> dict[int, list[tuple[tuple[int, int], int]]]:
        """Per attribute, where the blocks' cue words are ((block, sentence offset)) and
        their values; a word in no sentence (a dropped fragment) is left out.

        One numpy column of every block's tokens, tested in C (isin): a Python loop over
        every token, even with nothing done for most, cost more than the Matcher it spares;
        only the few cue words are looked at in Python."""
        wanted = sorted(self._wanted)
        attrs: list[int | str] = [*wanted]
        table = numpy.concatenate(
            [block.doc.to_array(attrs).reshape(len(block.doc), len(attrs)) for block in blocks]
        )
        bases = [0]  # where each block's tokens start in the table
        for block in blocks[:-1]:
            bases.append(bases[-1] + len(block.doc))
        starts = [[span.start for span in block.sentence_spans] for block in blocks]
        found: dict[int, list[tuple[tuple[int, int], int]]] = {}
        for column, attr in enumerate(wanted):
            values = table[:, column]
            hits = numpy.flatnonzero(numpy.isin(values, self._wanted_arrays[attr])).tolist()
            found[attr] = []
            for position, value in zip(hits, values[hits].tolist(), strict=True):
                among = bisect_right(bases, position) - 1
                token = position - bases[among]
                offset = bisect_right(starts[among], token) - 1
                if offset >= 0 and token < blocks[among].sentence_spans[offset].end:
                    found[attr].append(((among, offset), value))
        return found
