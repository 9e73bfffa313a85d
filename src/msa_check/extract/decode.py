"""Bytes to str for HTML and plain text: BOM, then UTF-8, then the declared charset, then a guess.

UTF-8 is tried before a declared charset because servers that announce ISO-8859-1 for
UTF-8 pages are common, while non-ASCII Windows-1252 text that happens to be valid
UTF-8 is vanishingly rare.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Single-byte encodings for Latin scripts. A detector cannot tell them apart on a short
# English text (it guesses cp1250 or cp1257 for a line like "Café, “quoted”"), and Windows-1252 is
# what such text almost always is; browsers fall back to it for the same reason.
_LATIN_SINGLE_BYTE = frozenset(
    {
        "ascii",
        "cp437",
        "cp850",
        "cp858",
        "cp1250",
        "cp1252",
        "cp1254",
        "cp1257",
        "cp1258",
        "latin_1",
        "iso8859_2",
        "iso8859_3",
        "iso8859_4",
        "iso8859_9",
        "iso8859_10",
        "iso8859_13",
        "iso8859_14",
        "iso8859_15",
        "iso8859_16",
        "mac_roman",
        "mac_latin2",
        "mac_iceland",
        "mac_turkish",
    }
)

_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)


def bom_encoding(content: bytes) -> str | None:
    """The encoding a byte-order mark announces, if the content starts with one."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return encoding
    return None


def charset_from_content_type(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, e.g. "text/html; charset=utf-8"."""
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return match.group(1) if match else None


def charset_from_html_meta(content: bytes) -> str | None:
    """The charset a <meta> tag declares near the top of an HTML page."""
    match = _META_CHARSET.search(content[:4096])
    return match.group(1).decode("ascii") if match else None


def known_codec(name: str | None) -> str | None:
    """The Python codec name for a charset label, or None if Python does not know it."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # WHATWG treats latin-1 and ASCII labels as Windows-1252, a superset with curly quotes.
    return "cp1252" if codec in {"latin-1", "iso8859-1", "ascii"} else codec


def guess_encoding(content: bytes) -> str:
    """Guess the encoding of bytes that are not UTF-8 and declare nothing."""
    best = from_bytes(content[:65536]).best()
    if best is None:
        return "cp1252"
    encoding = best.encoding.lower().replace("-", "_")
    if encoding in _LATIN_SINGLE_BYTE:
        return "cp1252"
    if encoding.startswith(("utf_16", "utf_32")) and b"\x00" not in content:
        return "cp1252"  # a wild guess on a few bytes: UTF-16 text is full of NULs
    return best.encoding


def decode_text(content: bytes, declared: str | None = None) -> str:
    """Decode the bytes of an HTML page or text file; never fails, replaces what cannot decode."""
    bom = bom_encoding(content)
    if bom is not None:
        return content.decode(bom, errors="replace").lstrip("\ufeff")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    encoding = known_codec(declared) or guess_encoding(content)
    return content.decode(encoding, errors="replace")
