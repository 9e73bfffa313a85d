"""The words of a PDF page, put back into lines in reading order.

A PDF says where each glyph is drawn, not which text comes next. Columns are found by a
recursive XY-cut: a region splits at a vertical gutter that no word crosses (columns are
read left to right) or else at its widest horizontal gap (read top to bottom). Pages of
two or three columns, common in designed statements, then read column by column instead
of line by line across the page.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

BOLD_MARKERS = ("bold", "black", "heavy")  # "Semibold" and "ExtraBold" contain "bold"
# A gutter is this many body-text sizes wide at least; PM Group's columns are 0.9 apart.
GUTTER_IN_SIZES = 0.6
# Narrower strips are bullets or list numbers beside their text, not columns.
MIN_COLUMN_IN_SIZES = 3.0
_MAX_DEPTH = 300  # a page has far fewer nested regions; this only bounds the recursion


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass(frozen=True)
class Line:
    """Words on one baseline within one column, left to right."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    @property
    def x0(self) -> float:
        return min(word.x0 for word in self.words)

    @property
    def x1(self) -> float:
        return max(word.x1 for word in self.words)

    @property
    def top(self) -> float:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> float:
        return max(word.bottom for word in self.words)

    @property
    def size(self) -> float:
        """The size most of the line's characters are set in."""
        return dominant_size(self.words)

    @property
    def bold(self) -> bool:
        """True if most of the line's characters are bold."""
        return bold_share(self.words) > 0.6


def dominant_size(words: Iterable[Word]) -> float:
    weights: dict[float, int] = {}
    for word in words:
        size = round(word.size * 2) / 2
        weights[size] = weights.get(size, 0) + len(word.text)
    return max(weights, key=lambda size: weights[size]) if weights else 0.0


def bold_share(words: Iterable[Word]) -> float:
    total = bold = 0
    for word in words:
        total += len(word.text)
        bold += len(word.text) if word.bold else 0
    return bold / total if total else 0.0


def is_bold_font(fontname: str) -> bool:
    name = fontname.lower()
    return any(marker in name for marker in BOLD_MARKERS)


def word_from_pdfplumber(raw: dict[str, Any]) -> Word:
    """A Word from one dict of pdfplumber's extract_words(extra_attrs=["fontname", "size"])."""
    return Word(
        text=str(raw["text"]),
        x0=float(raw["x0"]),
        x1=float(raw["x1"]),
        top=float(raw["top"]),
        bottom=float(raw["bottom"]),
        size=float(raw["size"]),
        bold=is_bold_font(str(raw["fontname"])),
    )


def _merged_spans(spans: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def split_columns(words: Sequence[Word], gutter: float, min_width: float) -> list[list[Word]]:
    """Split words at vertical gutters no word crosses; one list if there is no gutter."""
    strips: list[tuple[float, float]] = []
    for start, end in _merged_spans((w.x0, w.x1) for w in words):
        narrow = strips and (end - start < min_width or strips[-1][1] - strips[-1][0] < min_width)
        if strips and (start - strips[-1][1] < gutter or narrow):
            strips[-1] = (strips[-1][0], end)
        else:
            strips.append((start, end))
    if len(strips) < 2:
        return [list(words)]
    return [[w for w in words if start <= w.x0 <= end] for start, end in strips]


def split_rows(words: Sequence[Word]) -> tuple[list[Word], list[Word]] | None:
    """Split words at the widest horizontal gap no word crosses; None if there is none."""
    bands = _merged_spans((w.top, w.bottom) for w in words)
    if len(bands) < 2:
        return None
    gaps = [(bands[i + 1][0] - bands[i][1], bands[i][1]) for i in range(len(bands) - 1)]
    _, cut = max(gaps)
    return [w for w in words if w.bottom <= cut], [w for w in words if w.bottom > cut]


def reading_order(
    words: Sequence[Word], gutter: float, min_width: float, depth: int = 0
) -> list[list[Word]]:
    """Regions of words in reading order (recursive XY-cut, columns before rows)."""
    if len(words) <= 1 or depth > _MAX_DEPTH:
        return [list(words)] if words else []
    columns = split_columns(words, gutter, min_width)
    if len(columns) > 1:
        return [r for col in columns for r in reading_order(col, gutter, min_width, depth + 1)]
    rows = split_rows(words)
    if rows is None:
        return [list(words)]
    upper, lower = rows
    return [
        *reading_order(upper, gutter, min_width, depth + 1),
        *reading_order(lower, gutter, min_width, depth + 1),
    ]


def _shares_baseline(a: Word | Line, b: Word | Line) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap >= 0.5 * min(a.bottom - a.top, b.bottom - b.top)


def lines_of_region(words: Sequence[Word]) -> list[Line]:
    """Group one region's words into lines, top to bottom."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and _shares_baseline(Line(tuple(lines[-1])), word):
            lines[-1].append(word)
        else:
            lines.append([word])
    return [Line(tuple(sorted(line, key=lambda w: w.x0))) for line in lines]


def page_lines(words: Sequence[Word], body_size: float) -> list[Line]:
    """The page's lines in reading order.

    A line split at a wide justified space becomes two regions on one baseline; they are
    joined again here when the second starts close after the first.
    """
    gutter = max(3.0, GUTTER_IN_SIZES * body_size)
    ordered = [
        line
        for region in reading_order(words, gutter, MIN_COLUMN_IN_SIZES * body_size)
        for line in lines_of_region(region)
    ]
    joined: list[Line] = []
    for line in ordered:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and _shares_baseline(previous, line)
            and 0 <= line.x0 - previous.x1 < 3 * body_size
        ):
            joined[-1] = Line(previous.words + line.words)
        else:
            joined.append(line)
    return joined


def body_size_of(words: Iterable[Word]) -> float:
    """The median character size: the size of the statement's body text."""
    sizes = [word.size for word in words for _ in word.text]
    return statistics.median(sizes) if sizes else 0.0
