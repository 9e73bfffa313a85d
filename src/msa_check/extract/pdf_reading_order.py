"""Regions of a PDF page's words in reading order: the recursive XY-cut.

A region splits at a vertical gutter that no word crosses (columns, read left to right)
or else at its widest horizontal gap (rows, read top to bottom), and each part is cut
again. This runs over every word at every level of the cut, so two things keep it cheap:

- spans are merged with C-level iteration (sorted, accumulate, compress) rather than a
  Python loop, when every span runs forward (start <= end, as a word's box does);
- the two halves of a row split inherit their row bands from the region (its bands
  before and after the gap are exactly theirs) instead of sorting their words again.

- the strips of columns are joined the same way: only the gaps that could open a column
  are looked at in Python;
- a region cut from rows above or below skips the column test when one of its bands
  spans it with no gutter-wide gap (then it surely has one column).

Each gives what the plain loop gives; a span that runs backwards (or is NaN) takes the
plain loop, kept beside it (a test compares the two on random layouts).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate, compress, repeat
from operator import attrgetter, gt, itemgetter, le, lt, not_, or_, sub
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from msa_check.extract.pdf_layout import Word

Span = tuple[float, float]
_MAX_DEPTH = 300  # a page has far fewer nested regions; this only bounds the recursion
_ACROSS = attrgetter("x0", "x1")
_DOWN = attrgetter("top", "bottom")
_START, _END = itemgetter(0), itemgetter(1)


def _merged_in_a_loop(ordered: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in ordered:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def merged_spans(spans: Sequence[Span]) -> tuple[list[Span], bool]:
    """Overlapping (or touching) spans merged, in order; and whether all run forward.

    With sorted forward spans, a merged span starts where a start passes the running
    maximum of the ends before it, and the running maximum is then that span's end.
    """
    ordered = sorted(spans)
    starts, ends = list(map(_START, ordered)), list(map(_END, ordered))
    if not ordered or not all(map(le, starts, ends)):
        return _merged_in_a_loop(ordered), False
    reach = list(accumulate(ends, max))
    opens = list(compress(range(1, len(ordered)), map(gt, starts[1:], reach)))
    firsts = [0, *opens]
    lasts = [index - 1 for index in opens] + [len(ordered) - 1]
    return [(starts[first], reach[last]) for first, last in zip(firsts, lasts, strict=True)], True


def _strips_in_a_loop(spans: list[Span], gutter: float, min_width: float) -> list[Span]:
    strips: list[Span] = []
    for start, end in spans:
        narrow = strips and (end - start < min_width or strips[-1][1] - strips[-1][0] < min_width)
        if strips and (start - strips[-1][1] < gutter or narrow):
            strips[-1] = (strips[-1][0], end)
        else:
            strips.append((start, end))
    return strips


def _strips(spans: list[Span], gutter: float, min_width: float) -> list[Span]:
    """The merged spans joined into column strips, as _strips_in_a_loop joins them.

    A strip's end is always the last span's end, so only whether the strip so far is
    narrow depends on the strips before: the gaps and widths that could open a new
    strip are found first, in C, and only those few are looked at one by one.
    """
    starts, ends = list(map(_START, spans)), list(map(_END, spans))
    gaps = map(sub, starts[1:], ends)
    widths = map(sub, ends[1:], starts[1:])
    joined = map(or_, map(lt, gaps, repeat(gutter)), map(lt, widths, repeat(min_width)))
    strips: list[Span] = []
    strip_start = starts[0]
    for index in compress(range(1, len(spans)), map(not_, joined)):
        if not ends[index - 1] - strip_start < min_width:
            strips.append((strip_start, ends[index - 1]))
            strip_start = starts[index]
    strips.append((strip_start, ends[-1]))
    return strips


def split_columns(words: Sequence[Word], gutter: float, min_width: float) -> list[list[Word]]:
    """Split words at vertical gutters no word crosses; one list if there is no gutter.

    A strip grows over the next span when the gap is under a gutter, or when either is
    narrower than a column (a bullet beside its text).
    """
    spans, forward = merged_spans(list(map(_ACROSS, words)))
    if len(spans) < 2:
        return [list(words)]
    strips = (_strips if forward else _strips_in_a_loop)(spans, gutter, min_width)
    if len(strips) < 2:
        return [list(words)]
    return [[w for w in words if start <= w.x0 <= end] for start, end in strips]


def _row_bands(words: Sequence[Word]) -> tuple[list[Span], bool]:
    return merged_spans(list(map(_DOWN, words)))


# A row band's words' reach across: left, right, and the widest gap between them.
Reach = tuple[float, float, float]


def _reaches(words: Sequence[Word], bands: list[Span]) -> list[Reach] | None:
    """Each band's reach across; None if a word's box runs backwards across."""
    starts = [band[0] for band in bands]
    members: list[list[Span]] = [[] for _ in bands]
    for word in words:  # a forward word lies in the last band starting at or above it
        members[bisect_right(starts, word.top) - 1].append((word.x0, word.x1))
    reaches: list[Reach] = []
    for spans in members:
        merged, forward = merged_spans(spans)
        if not forward:
            return None
        gaps = map(sub, map(_START, merged[1:]), map(_END, merged))
        reaches.append((merged[0][0], merged[-1][1], max(gaps, default=-math.inf)))
    return reaches


def _surely_one_column(reaches: list[Reach], gutter: float) -> bool:
    """True if one band spans the whole region with no gap as wide as a gutter.

    Every gap between the region's words then lies within a gap of that band, so none is
    a gutter and split_columns would find one column; False means ask split_columns.
    """
    left = min(reach[0] for reach in reaches)
    right = max(reach[1] for reach in reaches)
    return any(x0 <= left and x1 >= right and gap < gutter for x0, x1, gap in reaches)


def split_rows(
    words: Sequence[Word], bands: list[Span]
) -> tuple[tuple[list[Word], int], list[Word]] | None:
    """Split words at the widest gap between their row bands; None if there is one band.

    Gives the upper words with how many bands they fill, and the lower words. Equal gaps
    go to the lowest (the larger end).
    """
    if len(bands) < 2:
        return None
    gaps = [(bands[i + 1][0] - bands[i][1], bands[i][1], i) for i in range(len(bands) - 1)]
    _, cut, at = max(gaps)
    upper = [w for w in words if w.bottom <= cut]
    lower = [w for w in words if w.bottom > cut]
    return (upper, at + 1), lower


def reading_order(words: Sequence[Word], gutter: float, min_width: float) -> list[list[Word]]:
    """Regions of words in reading order (recursive XY-cut, columns before rows)."""
    return _cut(words, gutter, min_width, 0, None)


def _cut(
    words: Sequence[Word],
    gutter: float,
    min_width: float,
    depth: int,
    known: tuple[list[Span], list[Reach] | None] | None,
) -> list[list[Word]]:
    """The XY-cut of one region. `known` is the region's row bands and their reaches
    across, when its words are exactly some whole bands of the region it was cut from."""
    if len(words) <= 1 or depth > _MAX_DEPTH:
        return [list(words)] if words else []
    reaches = known[1] if known is not None else None
    if reaches is None or not _surely_one_column(reaches, gutter):
        columns = split_columns(words, gutter, min_width)
        if len(columns) > 1:
            return [r for col in columns for r in _cut(col, gutter, min_width, depth + 1, None)]
    if known is not None:
        bands, inherited = known[0], True
    else:
        bands, inherited = _row_bands(words)
        reaches = _reaches(words, bands) if inherited else None
    rows = split_rows(words, bands)
    if rows is None:
        return [list(words)]
    (upper, count), lower = rows
    above = (bands[:count], reaches[:count] if reaches is not None else None)
    below = (bands[count:], reaches[count:] if reaches is not None else None)
    return [
        *_cut(upper, gutter, min_width, depth + 1, above if inherited else None),
        *_cut(lower, gutter, min_width, depth + 1, below if inherited else None),
    ]
