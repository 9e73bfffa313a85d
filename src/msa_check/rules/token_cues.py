"""The words a token pattern cannot match without, so a block lacking them is not scanned.

spaCy's Matcher makes a Token object for every token of every Doc it is called on, and
calls Python for each `IN` test, whether or not any pattern could match there. A token
of a pattern that must be present (no `OP`, or `+`, or `{n}` with n >= 1) and asks for
one of a few ORTH, LOWER, LEMMA, NORM or SHAPE values needs a token with such a value in the
block; `TokenCues` tests that on the block's value sets (numpy columns made into sets)
and skips the Matcher where no pattern can match. Anything else (REGEX, NOT_IN,
extension attributes, flags such as IS_TITLE) gives no cue for that token; a pattern with no cue at
all means every block is scanned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

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

    def add(self, patterns: Iterable[Sequence[Mapping[str, Any]]]) -> None:
        for pattern in patterns:
            cues = pattern_cues(pattern)
            self._always = self._always or not cues
            self._patterns.append(cues)
            for attr, values in cues:
                self._wanted[attr] = self._wanted.get(attr, frozenset()) | values

    def sentences_to_scan(self, block: ParsedBlock) -> list[tuple[int, int]] | None:
        """Token ranges of the block's sentences where a pattern may match; None: all of it.

        A match that crosses sentences is no evidence, so sentences are enough."""
        doc = block.doc
        if not self._patterns or not len(doc):
            return []
        if self._always:
            return None
        attrs: list[int | str] = sorted(self._wanted)
        columns = doc.to_array(attrs).reshape(len(doc), len(attrs)).T.tolist()
        spans = block.sentence_spans
        owner = [-1] * len(doc)  # the sentence (its offset in the block) of each token
        for offset, span in enumerate(spans):
            owner[span.start : span.end] = [offset] * (span.end - span.start)
        found: dict[int, list[tuple[int, int]]] = {}  # attr -> (sentence, value) of cue words
        for attr, column in zip(attrs, columns, strict=True):
            wanted = self._wanted[int(attr)]
            found[int(attr)] = [(owner[i], v) for i, v in enumerate(column) if v in wanted]
        possible: set[int] = set()
        for cues in self._patterns:
            sentences: set[int] | None = None
            for attr, values in cues:
                having = {sentence for sentence, v in found[attr] if v in values}
                sentences = having if sentences is None else sentences & having
            possible |= sentences or set()
        possible.discard(-1)  # tokens of dropped fragments count for no sentence
        return [(spans[i].start, spans[i].end) for i in sorted(possible)]
