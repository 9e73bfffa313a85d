"""A PDFium page's characters made ready for splitting into words: its spaces kept as word
ends, and the text objects drawn twice (a fake bold, a shadow) dropped.

Apart from extract/pdf_pdfium.py, which reads the characters through PDFium's C API, because
this is numpy over the arrays read, with no call into PDFium.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from msa_check.extract.pdf_words import PageChars


def with_breaks_and_without_doubles(
    chars: PageChars,
    placed: npt.NDArray[np.bool_],
    breaks: npt.NDArray[np.bool_],
    objects: npt.NDArray[np.uint64],
) -> PageChars:
    """The placed characters, with PDFium's spaces, less the text objects drawn twice.

    A space PDFium made ends a word within the run of the character placed before it,
    at that character's right edge; one before any placed character is dropped.
    """
    indices = np.arange(len(placed))
    before = np.maximum.accumulate(np.where(placed, indices, -1))
    breaks = breaks & (before >= 0)
    source = np.where(breaks, before, indices)
    x1 = chars.x1[source]
    x0 = np.where(breaks, x1, chars.x0)
    kept = placed & ~_doubled(chars.codes, chars.x0, chars.bottom, placed, objects)
    keep = np.flatnonzero(kept | breaks)
    return PageChars(
        chars.codes[keep],
        x0[keep],
        x1[keep],
        chars.bottom[source][keep],
        chars.run[source][keep],
        chars.styles,
    )


def _doubled(
    codes: npt.NDArray[np.uint32],
    x0: npt.NDArray[np.float64],
    bottom: npt.NDArray[np.float64],
    placed: npt.NDArray[np.bool_],
    objects: npt.NDArray[np.uint64],
) -> npt.NDArray[np.bool_]:
    """The characters of each text object that repeats, text and place within a point,
    one met before it (the objects taken in the order their first characters come)."""
    doubled = np.zeros(len(placed), dtype=bool)
    where = np.flatnonzero(placed)
    if not where.size:
        return doubled
    _, first, which = np.unique(objects[where], return_index=True, return_inverse=True)
    grouped = np.argsort(which, kind="stable")
    bounds = np.cumsum(np.bincount(which)).tolist()
    text = codes[where].astype("<u4").tobytes().decode("utf-32-le")
    seen: dict[str, list[tuple[float, float]]] = {}
    for number in np.argsort(first, kind="stable").tolist():
        positions = grouped[(bounds[number - 1] if number else 0) : bounds[number]]
        start, stop = int(positions[0]), int(positions[-1]) + 1
        if stop - start == len(positions):
            key = text[start:stop]
        else:
            key = "".join(text[position] for position in positions.tolist())
        x, y = float(x0[where[start]]), float(bottom[where[start]])
        if any(abs(x - sx) <= 1 and abs(y - sy) <= 1 for sx, sy in seen.get(key, ())):
            doubled[where[positions]] = True
        else:
            seen.setdefault(key, []).append((x, y))
    return doubled
