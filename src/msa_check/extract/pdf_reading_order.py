"""Regions of a PDF page's words in reading order: the recursive XY-cut.

A region splits at a vertical gutter that no word crosses (columns, read left to right)
or else at its widest horizontal gap (rows, read top to bottom), and each part is cut
again. This runs over every word at every level of the cut, so two things keep it cheap:

- spans are merged with C-level iteration (sorted, accumulate, compress) rather than a
  Python loop, when every span runs forward (start <= end, as a word's box does);
- the two halves of a row split inherit their row bands from the region (its bands
  before and after the gap are exactly theirs) instead of sorting their words again.

- the strips of columns are joined the same way: only the gaps that could open a column
  are looked at in Python.

Each gives what the plain loop gives; a span that runs backwards (or is NaN) takes the
plain loop, kept beside it (a test compares the two on random layouts).
"""

from __future__ import annotations

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


def split_rows(
    words: Sequence[Word], bands: list[Span]
) -> tuple[tuple[list[Word], list[Span]], tuple[list[Word], list[Span]]] | None:
    """Split words at the widest gap between their row bands; None if there is one band.

    Each half comes with its own bands. Equal gaps go to the lowest (the larger end).
    """
    if len(bands) < 2:
        return None
    gaps = [(bands[i + 1][0] - bands[i][1], bands[i][1], i) for i in range(len(bands) - 1)]
    _, cut, at = max(gaps)
    upper = [w for w in words if w.bottom <= cut]
    lower = [w for w in words if w.bottom > cut]
    return (upper, bands[: at + 1]), (lower, bands[at + 1 :])


def reading_order(words: Sequence[Word], gutter: float, min_width: float) -> list[list[Word]]:
    """Regions of words in reading order (recursive XY-cut, columns before rows)."""
    return _cut(words, gutter, min_width, 0, None)


def _cut(
    words: Sequence[Word], gutter: float, min_width: float, depth: int, bands: list[Span] | None
) -> list[list[Word]]:
    if len(words) <= 1 or depth > _MAX_DEPTH:
        return [list(words)] if words else []
    columns = split_columns(words, gutter, min_width)
    if len(columns) > 1:
        return [r for col in columns for r in _cut(col, gutter, min_width, depth + 1, None)]
    inherited = bands is not None
    if bands is None:
        bands, inherited = _row_bands(words)
    rows = split_rows(words, bands)
    if rows is None:
        return [list(words)]
    (upper, upper_bands), (lower, lower_bands) = rows
    return [
        *_cut(upper, gutter, min_width, depth + 1, upper_bands if inherited else None),
        *_cut(lower, gutter, min_width, depth + 1, lower_bands if inherited else None),
    ]
