"""Decide what the bytes of a statement are by looking at them, not at names or headers.

A URL ending in ".pdf" can serve an HTML error page and a Content-Type can lie, so the
bytes decide. Content msa-check cannot read is refused here with a message that says what
it looks like instead.
"""

from __future__ import annotations

import re

from msa_check.errors import ExtractError
from msa_check.extract.decode import bom_encoding
from msa_check.models import ContentKind

_READABLE = "msa-check reads PDF, HTML and plain text"
_PDF_MARKER_WINDOW = 1024
_HTML_WINDOW = 4096
_BINARY_WINDOW = 8192
_CONTROL_SHARE_LIMIT = 0.05

# (prefix at offset 0, what it is). Checked in order; the first match wins.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x00\x00\x01\x00", "an icon image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Microsoft Office file (.doc, .xls or .ppt)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x1a\x45\xdf\xa3", "a Matroska or WebM video"),
    (b"ID3", "an MP3 audio file"),
    (b"OggS", "an Ogg audio or video file"),
    (b"fLaC", "a FLAC audio file"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)
_RIFF_KINDS = {b"WEBP": "a WEBP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}
_ZIP_KINDS = (
    (b"word/", "a Word document (.docx)"),
    (b"xl/", "an Excel workbook (.xlsx)"),
    (b"ppt/", "a PowerPoint presentation (.pptx)"),
    (b"application/epub+zip", "an EPUB e-book"),
)

_HTML_START = re.compile(
    r"<(!doctype\s+html|html|head|body|p|div|meta|title|h[1-6]|section|article|main|table"
    r"|ul|ol|span|br|link|script|style)(?=[\s/>])",
    re.IGNORECASE,
)
_HTML_ANYWHERE = re.compile(r"<(html|head|body)(?=[\s>])", re.IGNORECASE)
# (?<!\s): a search starts only at the first space of a run, not from every one of them.
_PREAMBLE = re.compile(r"(?<!\s)\s*(<\?xml[^>]*\?>|<!--.*?-->)", re.DOTALL)
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
# The control bytes text does not contain, as a deletion table for bytes.translate.
_NON_TEXT_CONTROLS = bytes(b for b in [*range(0x20), 0x7F] if b not in _TEXT_CONTROLS)


def describe_binary(content: bytes) -> str | None:
    """Name a binary format msa-check cannot read ("a PNG image"), or None if not one."""
    for prefix, what in _SIGNATURES:
        if content.startswith(prefix):
            return what
    if content.startswith(b"RIFF") and content[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[content[8:12]]
    if content[4:8] == b"ftyp":
        brand = content[8:12]
        if brand in {b"heic", b"heix", b"avif", b"mif1"}:
            return "a HEIC or AVIF image"
        return "an MP4 or QuickTime video"
    if content.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        for marker, what in _ZIP_KINDS:
            if marker in content:
                return what
        return "a ZIP archive"
    if content.startswith(b"BM") and content[6:10] == b"\x00\x00\x00\x00":
        return "a BMP image"
    return None


def _head_text(content: bytes) -> str:
    """The first few KB as text, enough to spot HTML markup in any common encoding."""
    head = content[:_HTML_WINDOW]
    encoding = bom_encoding(head) or "latin-1"
    return head.decode(encoding, errors="replace").lstrip("\ufeff")


def looks_like_html(content: bytes) -> bool:
    """True if the content opens with HTML markup, or has <html>/<head>/<body> near the top."""
    head = _head_text(content)
    start = 0
    while match := _PREAMBLE.match(head, start):
        start = match.end()
    if _HTML_START.match(head[start:].lstrip()):
        return True
    return _HTML_ANYWHERE.search(head) is not None


def control_share(content: bytes) -> float:
    """Share of NUL and other control bytes that text does not contain, in the first 8 KB."""
    head = content[:_BINARY_WINDOW]
    if not head:
        return 0.0
    # Counted as what deleting them removes: one pass in C, not a Python step per byte.
    controls = len(head) - len(head.translate(None, _NON_TEXT_CONTROLS))
    return controls / len(head)


def is_blank(content: bytes) -> bool:
    """True for empty content, or content that is only a byte-order mark and whitespace."""
    encoding = bom_encoding(content)
    if encoding is None:
        return not content.strip()
    return not content.decode(encoding, errors="replace").lstrip("\ufeff").strip()


def sniff_content(content: bytes) -> ContentKind:
    """PDF, HTML or text, from the bytes alone; ExtractError for anything else."""
    if is_blank(content):
        raise ExtractError("the content is empty")
    if b"%PDF-" in content[:_PDF_MARKER_WINDOW]:
        return ContentKind.PDF
    what = describe_binary(content)
    if what is not None:
        raise ExtractError(f"the content is {what}, not a statement ({_READABLE})")
    if looks_like_html(content):
        return ContentKind.HTML
    if bom_encoding(content) is None and control_share(content) > _CONTROL_SHARE_LIMIT:
        raise ExtractError(f"the content looks like binary data, not a statement ({_READABLE})")
    return ContentKind.TEXT
