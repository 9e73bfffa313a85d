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
from functools import cached_property
from itertools import chain, repeat
from operator import attrgetter
from typing import Any, NamedTuple

from msa_check.extract.pdf_reading_order import reading_order

BOLD_MARKERS = ("bold", "black", "heavy")  # "Semibold" and "ExtraBold" contain "bold"
# A gutter is this many body-text sizes wide at least; PM Group's columns are 0.9 apart.
GUTTER_IN_SIZES = 0.6
# Narrower strips are bullets or list numbers beside their text, not columns.
MIN_COLUMN_IN_SIZES = 3.0


class Word(NamedTuple):
    """One word of a page: a named tuple, as a page has thousands and the layout reads
    their fields over and over (a named tuple is made and read faster than a dataclass)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass(frozen=True)
class Line:
    """Words on one baseline within one column, left to right.

    Each measure is worked out once, when first asked for: the layout and block code ask
    for the same line's box and size many times.
    """

    words: tuple[Word, ...]

    @cached_property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    @cached_property
    def x0(self) -> float:
        return min(word.x0 for word in self.words)

    @cached_property
    def x1(self) -> float:
        return max(word.x1 for word in self.words)

    @cached_property
    def top(self) -> float:
        return min(word.top for word in self.words)

    @cached_property
    def bottom(self) -> float:
        return max(word.bottom for word in self.words)

    @cached_property
    def size_weights(self) -> dict[float, int]:
        """How many characters are set in each size (to the half point), sizes in order."""
        return size_weights(self.words)

    @cached_property
    def bold_counts(self) -> tuple[int, int]:
        """How many characters the line has, and how many of them are bold."""
        return bold_counts(self.words)

    @cached_property
    def size(self) -> float:
        """The size most of the line's characters are set in."""
        return _heaviest(self.size_weights)

    @cached_property
    def bold(self) -> bool:
        """True if most of the line's characters are bold."""
        return _share(self.bold_counts) > 0.6


def size_weights(words: Iterable[Word]) -> dict[float, int]:
    weights: dict[float, int] = {}
    for word in words:
        size = round(word.size * 2) / 2
        weights[size] = weights.get(size, 0) + len(word.text)
    return weights


def _heaviest(weights: dict[float, int]) -> float:
    """The size with the most characters; of equal ones, the first met."""
    return max(weights, key=lambda size: weights[size]) if weights else 0.0


def dominant_size_of_lines(lines: Iterable[Line]) -> float:
    """dominant_size of all the lines' words, from each line's own counts."""
    weights: dict[float, int] = {}
    for line in lines:
        for size, weight in line.size_weights.items():
            weights[size] = weights.get(size, 0) + weight
    return _heaviest(weights)


def bold_counts(words: Iterable[Word]) -> tuple[int, int]:
    total = bold = 0
    for word in words:
        total += len(word.text)
        bold += len(word.text) if word.bold else 0
    return total, bold


def _share(counts: tuple[int, int]) -> float:
    total, bold = counts
    return bold / total if total else 0.0


def bold_share_of_lines(lines: Iterable[Line]) -> float:
    """bold_share of all the lines' words, from each line's own counts."""
    total = bold = 0
    for line in lines:
        line_total, line_bold = line.bold_counts
        total, bold = total + line_total, bold + line_bold
    return _share((total, bold))


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


_TOP_THEN_LEFT = attrgetter("top", "x0")
_SIZE, _TEXT = attrgetter("size"), attrgetter("text")
_LEFT = attrgetter("x0")


def _shares_baseline(a: Word | Line, b: Word | Line) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap >= 0.5 * min(a.bottom - a.top, b.bottom - b.top)


def _overlaps_enough(top: float, bottom: float, word: Word) -> bool:
    """_shares_baseline of a line spanning top to bottom and a word."""
    overlap = min(bottom, word.bottom) - max(top, word.top)
    return overlap >= 0.5 * min(bottom - top, word.bottom - word.top)


def lines_of_region(words: Sequence[Word]) -> list[Line]:
    """Group one region's words into lines, top to bottom.

    The line being built keeps its top and bottom as it grows (the min and max of its
    words'), rather than measuring its words again for each word.
    """
    lines: list[list[Word]] = []
    top = bottom = 0.0
    for word in sorted(words, key=_TOP_THEN_LEFT):
        if lines and _overlaps_enough(top, bottom, word):
            lines[-1].append(word)
            top, bottom = min(top, word.top), max(bottom, word.bottom)
        else:
            lines.append([word])
            top, bottom = word.top, word.bottom
    return [Line(tuple(sorted(line, key=_LEFT))) for line in lines]


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
    counted = list(words)
    # Each word's size once per character, expanded in C (map and repeat), in word order.
    sizes = list(
        chain.from_iterable(map(repeat, map(_SIZE, counted), map(len, map(_TEXT, counted))))
    )
    return statistics.median(sizes) if sizes else 0.0
