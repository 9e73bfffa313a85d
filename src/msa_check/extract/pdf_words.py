"""A PDF page's characters to words, split as pdfplumber's extract_words splits them.

The PDFium engine reads a page's characters into arrays (extract/pdf_pdfium.py) and this
module groups them with numpy, a few array operations a page rather than Python per
character: runs of one font and size in stream order, lines within a run (characters
whose bottoms chain within Y_TOLERANCE, as pdfplumber's cluster_objects), left to right
within a line, and words split at blank characters and at gaps over X_TOLERANCE.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from msa_check.extract.pdf_layout import Word

X_TOLERANCE = 3.0  # pdfplumber's extract_words defaults
Y_TOLERANCE = 3.0
# Every code point str.isspace() is true of: none is above U+3000 (a test checks that).
SPACE_CODES = np.array([code for code in range(0x3001) if chr(code).isspace()], dtype=np.uint32)

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Codes = npt.NDArray[np.uint32]


@dataclass(frozen=True)
class PageChars:
    """A page's kept characters in content-stream order, one entry each in every array.

    `run` says which of `styles` (type size, bold) and font a character is set in: equal
    numbers for equal (font, size, bold), so a change of number is a change of run.
    """

    codes: Codes
    x0: Floats
    x1: Floats
    bottom: Floats  # measured down from the page's top
    run: Ints
    styles: tuple[tuple[float, bool], ...]


def _line_numbers(run_starts: Ints, bottom: Floats) -> Ints:
    """Each character's line: runs in order, and within a run its bottoms' clusters.

    Sorted by run and then bottom, a character starts a new line where the run changes
    or its bottom is more than Y_TOLERANCE below the one before (pdfplumber chains).
    """
    run = np.cumsum(run_starts)
    by_height = np.lexsort((bottom, run))
    sorted_bottom = bottom[by_height]
    sorted_run = run[by_height]
    starts = np.ones(len(bottom), dtype=bool)
    starts[1:] = (sorted_run[1:] != sorted_run[:-1]) | (
        sorted_bottom[1:] - sorted_bottom[:-1] > Y_TOLERANCE
    )
    lines = np.empty(len(bottom), dtype=np.int64)
    lines[by_height] = np.cumsum(starts)
    return lines


def group_words(chars: PageChars) -> list[Word]:
    """The page's words, in pdfplumber's order: by run, then line, then left to right."""
    count = len(chars.codes)
    if not count:
        return []
    run_starts = np.ones(count, dtype=np.int64)
    run_starts[1:] = chars.run[1:] != chars.run[:-1]
    line = _line_numbers(run_starts, chars.bottom)
    # Lines in order, left to right within each, ties in stream order (a stable sort).
    order = np.lexsort((np.arange(count), chars.x0, line))
    codes, x0, x1 = chars.codes[order], chars.x0[order], chars.x1[order]
    bottom, line, run = chars.bottom[order], line[order], chars.run[order]
    blank = np.isin(codes, SPACE_CODES)
    starts = np.ones(count, dtype=bool)
    starts[1:] = (
        blank[:-1]
        | (line[1:] != line[:-1])
        | (x0[1:] < x0[:-1])
        | (x0[1:] > x1[:-1] + X_TOLERANCE)
        | (np.abs(bottom[1:] - bottom[:-1]) > Y_TOLERANCE)
    )
    inked = ~blank
    starts = starts[inked]
    if not starts.size:
        return []
    text = codes[inked].astype("<u4").tobytes().decode("utf-32-le")
    firsts = np.flatnonzero(starts)
    ends = [*firsts[1:].tolist(), len(text)]
    lefts = np.minimum.reduceat(x0[inked], firsts).tolist()
    rights = np.maximum.reduceat(x1[inked], firsts).tolist()
    lows = np.maximum.reduceat(bottom[inked], firsts).tolist()
    styles = [chars.styles[number] for number in run[inked][firsts].tolist()]
    return [
        Word(text[first:end], left, right, low - size, low, size, bold)
        for first, end, left, right, low, (size, bold) in zip(
            firsts.tolist(), ends, lefts, rights, lows, styles, strict=True
        )
    ]
