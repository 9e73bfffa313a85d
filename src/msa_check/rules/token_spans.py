"""From the token matches of one block to the words a hit quotes and the sentence it is in.

Apart from the matcher because these read only a block's spaCy Doc and its sentences,
never the rules: what a match quotes and where it sits is the same for every rule set.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from msa_check.nlp import ParsedBlock
from msa_check.rules.hits import Hit
from msa_check.rules.near import Match, NearCandidate


def sentence_of_token(doc: Doc, spans: Iterable[object], first: int) -> list[int]:
    """For each token of a block, the document-wide index of its sentence (-1 if dropped)."""
    owner = [-1] * len(doc)
    for offset, span in enumerate(spans):
        start, end = span.start, span.end  # type: ignore[attr-defined]
        owner[start:end] = [first + offset] * (end - start)  # a slice in C, not a loop
    return owner


def text_of(block: ParsedBlock, start: int, end: int) -> str:
    """`doc[start:end].text` of the block's Doc, cut from the block's text (the Doc's own
    text): a Span joins a string per token, and so does Doc.text."""
    doc = block.doc
    last = doc[end - 1]
    return block.block.text[doc[start].idx : last.idx + len(last)]


def near_hit(block: ParsedBlock, candidate: NearCandidate) -> Hit | None:
    near = candidate.near
    best: tuple[int, Match, Match] | None = None
    for a_start, a_end in candidate.a:
        for b_start, b_end in candidate.b:
            gap = max(0, b_start - a_end, a_start - b_end)
            if gap <= near.within and (best is None or gap < best[0]):
                best = (gap, (a_start, a_end), (b_start, b_end))
    if best is None:
        return None
    gap, (a_start, a_end), (b_start, b_end) = best
    a_text, b_text = text_of(block, a_start, a_end), text_of(block, b_start, b_end)
    return Hit(f'near "{a_text}" ~ "{b_text}" ({gap} words apart, within {near.within})')
