"""The words of each PDF page read with pypdfium2's raw API (PDFium), not pdfplumber.

PDFium reads a page's characters in about a millisecond where pdfminer (under
pdfplumber) takes near a hundred, so this is the default engine. It produces the same
`Word`s pdfplumber's `extract_words(extra_attrs=["fontname", "size"])` gives, so the
layout, block and heading code after it is shared:

- boxes as pdfminer draws them: the advance width across, and from the font's descent
  to one type size above it (PDFium's "loose" box gives the descent and width), in page
  coordinates turned as the page's /Rotate shows it, measured from its top left;
- the size is the nominal type size times the scale of the character's matrix;
- bold from the font's weight (600 or more) or, as pdfplumber, from its name;
- words split as pdfplumber splits them (extract/pdf_words.py): at blank characters, at
  a change of font or size, at a gap over X_TOLERANCE points, and on a new line; the
  spaces PDFium invents in its own text flow only end a word, and its line breaks are
  ignored, as pdfminer has neither.

Per character there are two calls into PDFium (its text object, its box), run by map()
rather than a Python loop; the rest is numpy over the page's arrays (its spaces and doubled
text objects: extract/pdf_pdfium_chars.py).
"""

from __future__ import annotations

import collections
import ctypes
import itertools
import math
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from msa_check.errors import ExtractError
from msa_check.extract.pdf_layout import Word, is_bold_font
from msa_check.extract.pdf_pdfium_chars import with_breaks_and_without_doubles
from msa_check.extract.pdf_words import SPACE_CODES, PageChars, group_words

BOLD_WEIGHT = 600  # CSS "semibold" and heavier
_FONT_NAME_BYTES = 256
# The page's display transform per /Rotate: (a, b, c, d) taking unrotated page space
# (y up) to display space (y up), as pdfminer's page interpreter sets its CTM.
_ROTATIONS = {0: (1, 0, 0, 1), 90: (0, -1, 1, 0), 180: (-1, 0, 0, -1), 270: (0, 1, -1, 0)}
# PDFium is not thread-safe: no two threads of a process may call into it at once, not
# even on different documents (pypdfium2's documentation). `serve` checks statements in
# threads and a Dask worker analyses on several threads, and two PDFs read at once there
# crashed the process (a segfault). So every use of PDFium holds this lock; processes
# each have their own PDFium and do not wait on one another.
PDFIUM_LOCK = threading.RLock()


@dataclass(frozen=True)
class _Style:
    """What PDFium says of one text object's characters, read once per object."""

    size: float
    font: str
    bold: bool
    upright: bool


class PdfiumUnreadable(Exception):
    """PDFium cannot open the file; the caller falls back to pdfplumber."""


class PdfiumPasswordError(PdfiumUnreadable):
    """The file is encrypted with a password."""


def open_pdf(content: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(content)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise PdfiumPasswordError(str(error)) from error
        raise PdfiumUnreadable(str(error)) from error


def meta_title(pdf: pdfium.PdfDocument) -> str | None:
    try:
        title = pdf.get_metadata_value("Title")
    except (pdfium.PdfiumError, KeyError, ValueError):
        return None
    return title or None


def _font_name(text_page: object, index: int) -> str:
    buffer = ctypes.create_string_buffer(_FONT_NAME_BYTES)
    flags = ctypes.c_int(0)
    length = pdfium_c.FPDFText_GetFontInfo(
        text_page, index, buffer, _FONT_NAME_BYTES, ctypes.byref(flags)
    )
    return buffer.value.decode("utf-8", errors="replace") if length else ""


def shown_height(page: pdfium.PdfPage) -> float:
    """The page's height as displayed: its crop box, turned by its /Rotate."""
    left, bottom, right, top = page.get_bbox()
    return float(right - left if page.get_rotation() % 180 else top - bottom)


def _style(text_page: object, index: int, rotation: tuple[int, int, int, int]) -> _Style:
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(text_page, index, ctypes.byref(matrix))
    # The matrix as the page shows it: pdfminer's test for upright text on the result.
    ra, rb, rc, rd = rotation
    a = matrix.a * ra + matrix.b * rc
    b = matrix.a * rb + matrix.b * rd
    c = matrix.c * ra + matrix.d * rc
    d = matrix.c * rb + matrix.d * rd
    name = _font_name(text_page, index)
    weight = pdfium_c.FPDFText_GetFontWeight(text_page, index)
    return _Style(
        size=pdfium_c.FPDFText_GetFontSize(text_page, index) * math.hypot(matrix.c, matrix.d),
        font=name,
        bold=weight >= BOLD_WEIGHT or is_bold_font(name),
        upright=a * d > 0 and b * c <= 0,
    )


def _by_address(function: Any, restype: Any, *argtypes: Any) -> Any:
    """The same C function, typed to take and return plain addresses.

    Called once or twice per character, the pointer wrapping and casting of the typed
    bindings would cost more than the call.
    """
    address: Any = ctypes.cast(function, ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


# The text object's address as a number, 0 for none, so numpy can hold one per character.
_text_object_at = _by_address(
    pdfium_c.FPDFText_GetTextObject, ctypes.c_size_t, ctypes.c_void_p, ctypes.c_int
)
_loose_box_at = _by_address(
    pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p
)
_is_generated = _by_address(
    pdfium_c.FPDFText_IsGenerated, ctypes.c_int, ctypes.c_void_p, ctypes.c_int
)
_RECT_BYTES = ctypes.sizeof(pdfium_c.FS_RECTF)  # four floats: left, top, right, bottom
_HYPHEN_CODES = np.array([0x02, 0xFFFE], dtype=np.uint32)  # PDFium's soft hyphens


def _page_codes(text_page: object, count: int) -> npt.NDArray[np.uint32]:
    """The code point of each of the page's characters (U+FFFD for a lone surrogate)."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(text_page, 0, count, buffer)
    text = bytes(buffer)[: 2 * max(written - 1, 0)].decode("utf-16-le", errors="replace")
    if len(text) != count:  # not one UTF-16 unit each: ask character by character
        text = "".join(_unicode(text_page, index) for index in range(count))
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _unicode(text_page: object, index: int) -> str:
    code = pdfium_c.FPDFText_GetUnicode(text_page, index)
    return chr(code) if code < 0xD800 or code > 0xDFFF else "\ufffd"


@dataclass(frozen=True)
class _Geometry:
    """Each character's box as the page shows it: left, right, bottom (y down from the top)."""

    x0: npt.NDArray[np.float64]
    x1: npt.NDArray[np.float64]
    bottom: npt.NDArray[np.float64]


def _geometry(boxes: Any, count: int, page: pdfium.PdfPage) -> _Geometry:
    """The loose boxes in page coordinates, turned as the page's /Rotate shows them.

    The corners go through pdfminer's display transform for the page's /Rotate.
    """
    # The crop box as pdfplumber measures from (with the page tree's inherited boxes).
    left, bottom, right, top = page.get_bbox()
    width, height = right - left, top - bottom
    turn = page.get_rotation() % 360
    rect = np.frombuffer(boxes, dtype=np.float32).reshape(count, 4).astype(np.float64)
    xa, xb = rect[:, 0] - left, rect[:, 2] - left
    ya, yb = rect[:, 3] - bottom, rect[:, 1] - bottom
    if turn == 90:
        shown_x, shown_y = (ya, yb), (width - xa, width - xb)
    elif turn == 180:
        shown_x, shown_y = (width - xa, width - xb), (height - ya, height - yb)
    elif turn == 270:
        shown_x, shown_y = (height - ya, height - yb), (xa, xb)
    else:
        return _Geometry(xa, xb, height - ya)
    shown_height = width if turn in (90, 270) else height
    return _Geometry(
        np.minimum(*shown_x), np.maximum(*shown_x), shown_height - np.minimum(*shown_y)
    )


def _read_text_page(text_page: object, address: int, count: int) -> tuple[Any, Any, Any]:
    """Per character: its code point, its text object and its loose box, read in C loops."""
    codes = _page_codes(text_page, count)
    objects = np.fromiter(
        map(_text_object_at, itertools.repeat(address, count), range(count)),
        dtype=np.uint64,
        count=count,
    )
    boxes = (ctypes.c_float * (4 * count))()
    base = ctypes.addressof(boxes)
    end = base + _RECT_BYTES * count
    # map() runs the calls without a Python loop; deque(maxlen=0) only drains it.
    collections.deque(
        map(
            _loose_box_at,
            itertools.repeat(address, count),
            range(count),
            range(base, end, _RECT_BYTES),
        ),
        maxlen=0,
    )
    return codes, objects, boxes


def _page_chars(page: pdfium.PdfPage) -> PageChars:
    """The page's drawn, upright characters, in content-stream order.

    Text objects drawn twice within a point of themselves (tools fake bold that way) are
    kept once, as pdfplumber's path drops such doubled glyphs.
    """
    turn = page.get_rotation() % 360
    rotation = _ROTATIONS.get(turn, _ROTATIONS[0])
    text_page = pdfium_c.FPDFText_LoadPage(page.raw)
    if not text_page:
        raise ExtractError("PDFium could not read the page's text")
    try:
        count = pdfium_c.FPDFText_CountChars(text_page)
        address = ctypes.cast(text_page, ctypes.c_void_p).value or 0  # not 0: checked above
        codes, objects, boxes = _read_text_page(text_page, address, count)
        drawn = (codes != 0) & (codes != 0xFFFF)
        # PDFium's own word or line breaks: each stands in for a space it read.
        generated = np.zeros(count, dtype=bool)
        for index in np.flatnonzero(drawn & np.isin(codes, SPACE_CODES)).tolist():
            generated[index] = bool(_is_generated(address, index))
        candidates = np.flatnonzero(drawn & ~generated)
        upright, run, styles = _object_styles(text_page, objects, candidates, rotation)
    finally:
        pdfium_c.FPDFText_ClosePage(text_page)
    geometry = _geometry(boxes, count, page)
    placed = np.zeros(count, dtype=bool)
    placed[candidates[upright]] = True
    codes = np.where(np.isin(codes, _HYPHEN_CODES), np.uint32(ord("-")), codes)
    return with_breaks_and_without_doubles(
        PageChars(codes, geometry.x0, geometry.x1, geometry.bottom, run, styles),
        placed,
        generated & (codes == ord(" ")),
        objects,
    )


def _object_styles(
    text_page: object,
    objects: npt.NDArray[np.uint64],
    candidates: npt.NDArray[np.intp],
    rotation: tuple[int, int, int, int],
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.int64], tuple[tuple[float, bool], ...]]:
    """Whether each candidate is upright, and every character's run (font, size, bold).

    Each text object's style is read once, at its first candidate character.
    """
    run = np.zeros(len(objects), dtype=np.int64)
    if not candidates.size:
        return np.zeros(0, dtype=bool), run, ()
    found, first, which = np.unique(objects[candidates], return_index=True, return_inverse=True)
    runs: dict[tuple[str, float, bool], int] = {}
    object_upright = np.zeros(len(found), dtype=bool)
    object_run = np.zeros(len(found), dtype=np.int64)
    for number, index in enumerate(candidates[first].tolist()):
        style = _style(text_page, index, rotation)
        object_upright[number] = style.upright
        object_run[number] = runs.setdefault((style.font, style.size, style.bold), len(runs))
    run[candidates] = object_run[which]
    styles = tuple((size, bold) for _, size, bold in runs)
    return object_upright[which], run, styles


def page_words(page: pdfium.PdfPage) -> list[Word]:
    """The page's words, split as pdfplumber's extract_words splits them."""
    return group_words(_page_chars(page))
