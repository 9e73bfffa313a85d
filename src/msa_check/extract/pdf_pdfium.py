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
- words split as pdfplumber splits them: at blank characters, at a change of font or
  size, at a gap over X_TOLERANCE points, and on a new line; characters PDFium invents
  (the spaces and line breaks of its own text flow) are ignored, as pdfminer has none.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from msa_check.errors import ExtractError
from msa_check.extract.pdf_layout import Word, is_bold_font

X_TOLERANCE = 3.0  # pdfplumber's extract_words defaults
Y_TOLERANCE = 3.0
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


_text_object_at = _by_address(
    pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int
)
_loose_box_at = _by_address(
    pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p
)
_is_generated = _by_address(
    pdfium_c.FPDFText_IsGenerated, ctypes.c_int, ctypes.c_void_p, ctypes.c_int
)

# One character: text, left, right, bottom (y down from the page top), style.
_Char = tuple[str, float, float, float, _Style]


def _page_text(text_page: object, count: int) -> str | None:
    """All the page's characters in one call; None if they are not one UTF-16 unit each."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(text_page, 0, count, buffer)
    text = bytes(buffer)[: 2 * max(written - 1, 0)].decode("utf-16-le", errors="replace")
    return text if len(text) == count else None


def _page_chars(page: pdfium.PdfPage) -> list[_Char]:
    """The page's drawn, upright characters, in content-stream order.

    Text objects drawn twice within a point of themselves (tools fake bold that way) are
    kept once, as pdfplumber's path drops such doubled glyphs.
    """
    # The crop box as pdfplumber measures from (with the page tree's inherited boxes).
    left, bottom, right, top = page.get_bbox()
    width, height = right - left, top - bottom
    turn = page.get_rotation() % 360
    rotation = _ROTATIONS.get(turn, _ROTATIONS[0])
    shown_height = width if turn in (90, 270) else height
    text_page = pdfium_c.FPDFText_LoadPage(page.raw)
    if not text_page:
        raise ExtractError("PDFium could not read the page's text")
    try:
        page_address = ctypes.cast(text_page, ctypes.c_void_p).value
        count = pdfium_c.FPDFText_CountChars(text_page)
        text = _page_text(text_page, count)
        styles: dict[int | None, _Style] = {}
        rect = pdfium_c.FS_RECTF()
        rect_address = ctypes.addressof(rect)
        chars: list[_Char] = []
        objects: dict[int | None, list[_Char]] = {}
        for index in range(count):
            char = text[index] if text is not None else _unicode(text_page, index)
            if char in "\x00\uffff":
                continue
            if char.isspace() and _is_generated(page_address, index):
                # PDFium's own word or line break: it stands in for a space it read, so
                # it ends a word, within the run of the character before it.
                if chars and char == " ":
                    last = chars[-1]
                    chars.append((" ", last[2], last[2], last[3], last[4]))
                continue
            obj = _text_object_at(page_address, index)
            style = styles.get(obj)
            if style is None:
                style = styles[obj] = _style(text_page, index, rotation)
            if not style.upright:
                continue  # rotated text (a margin note) would break the lines it crosses
            _loose_box_at(page_address, index, rect_address)
            if turn:
                x0, x1, y_low = _display(rect, turn, left, bottom, width, height)
            else:
                x0, x1, y_low = rect.left - left, rect.right - left, rect.bottom - bottom
            placed = ("-" if char in "\x02\ufffe" else char, x0, x1, shown_height - y_low, style)
            chars.append(placed)
            objects.setdefault(obj, []).append(placed)
    finally:
        pdfium_c.FPDFText_ClosePage(text_page)
    return _without_doubled_objects(chars, objects)


def _unicode(text_page: object, index: int) -> str:
    code = pdfium_c.FPDFText_GetUnicode(text_page, index)
    return chr(code) if code < 0xD800 or code > 0xDFFF else "\ufffd"


def _without_doubled_objects(
    chars: list[_Char], objects: dict[int | None, list[_Char]]
) -> list[_Char]:
    seen: dict[str, list[tuple[float, float]]] = {}
    doubled: set[int] = set()
    for obj_chars in objects.values():
        key = "".join(char[0] for char in obj_chars)
        x, y = obj_chars[0][1], obj_chars[0][3]
        if any(abs(x - sx) <= 1 and abs(y - sy) <= 1 for sx, sy in seen.get(key, ())):
            doubled.update(id(char) for char in obj_chars)
        else:
            seen.setdefault(key, []).append((x, y))
    return [char for char in chars if id(char) not in doubled] if doubled else chars


def _display(
    rect: pdfium_c.FS_RECTF, turn: int, left: float, bottom: float, width: float, height: float
) -> tuple[float, float, float]:
    """A box's left, right and bottom (y up, from the page's corner) as the page shows.

    The corners go through pdfminer's display transform for the page's /Rotate.
    """
    xs = (rect.left - left, rect.right - left)
    ys = (rect.bottom - bottom, rect.top - bottom)
    if turn == 90:
        shown = [(y, width - x) for x in xs for y in ys]
    elif turn == 180:
        shown = [(width - x, height - y) for x in xs for y in ys]
    elif turn == 270:
        shown = [(height - y, x) for x in xs for y in ys]
    else:
        return xs[0], xs[1], ys[0]
    return min(p[0] for p in shown), max(p[0] for p in shown), min(p[1] for p in shown)


def _cluster_lines(chars: list[_Char]) -> list[list[_Char]]:
    """pdfplumber's cluster_objects on `top`: chars whose tops chain within Y_TOLERANCE.

    One run has one size, so tops chain exactly as bottoms do.
    """
    bottoms = sorted({char[3] for char in chars})
    cluster_of = {bottoms[0]: 0}
    cluster = 0
    for previous, current in itertools.pairwise(bottoms):
        if current - previous > Y_TOLERANCE:
            cluster += 1
        cluster_of[current] = cluster
    lines: list[list[_Char]] = [[] for _ in range(cluster + 1)]
    for char in chars:
        lines[cluster_of[char[3]]].append(char)
    return [sorted(line, key=lambda char: char[1]) for line in lines if line]


def _words_of_line(line: list[_Char]) -> Iterator[list[_Char]]:
    word: list[_Char] = []
    for char in line:
        if char[0].isspace():
            if word:
                yield word
            word = []
            continue
        if word:
            last = word[-1]
            if (
                char[1] < last[1]
                or char[1] > last[2] + X_TOLERANCE
                or abs(char[3] - last[3]) > Y_TOLERANCE
            ):
                yield word
                word = []
        word.append(char)
    if word:
        yield word


def page_words(page: pdfium.PdfPage) -> list[Word]:
    """The page's words, split as pdfplumber's extract_words splits them."""
    words: list[Word] = []
    # Runs of one font and size in stream order, as pdfplumber groups them; then lines.
    for (_, size, bold), run in itertools.groupby(
        _page_chars(page), key=lambda char: (char[4].font, char[4].size, char[4].bold)
    ):
        for line in _cluster_lines(list(run)):
            for word in _words_of_line(line):
                low = max(char[3] for char in word)
                words.append(
                    Word(
                        text="".join(char[0] for char in word),
                        x0=min(char[1] for char in word),
                        x1=max(char[2] for char in word),
                        top=low - size,
                        bottom=low,
                        size=size,
                        bold=bold,
                    )
                )
    return words
