"""Refuse a PDF whose compressed streams inflate past a cap, before a reader inflates them.

A 1 MB PDF can hold a content stream that inflates to 1 GB (a "zip bomb"); the PDF
readers inflate streams whole, so reading one peaked at 2.2 GB. This pre-scan walks the
raw bytes for FlateDecode streams and inflates each in bounded pieces, keeping only a
count, so it costs little memory whatever the PDF holds. Image streams are skipped: text
extraction does not decode them, and a scan's pages are big when inflated.
"""

from __future__ import annotations

import re
import zlib

from msa_check.errors import ExtractError

# Far above the text, fonts and object streams of any real statement, far below memory.
MAX_INFLATED_BYTES = 256 * 1024 * 1024
_PIECE = 1024 * 1024
_STREAM_START = re.compile(rb"stream\r?\n")
_DICTIONARY_LOOKBACK = 2048  # a stream's dictionary sits just before the keyword


def check_stream_inflation(content: bytes, cap: int | None = None) -> None:
    """Raise ExtractError if the FlateDecode streams of `content` inflate past `cap` bytes.

    `cap` defaults to MAX_INFLATED_BYTES.
    """
    cap = MAX_INFLATED_BYTES if cap is None else cap
    total = 0
    position = 0
    while (found := _STREAM_START.search(content, position)) is not None:
        start = found.end()
        end = content.find(b"endstream", start)
        if end == -1:
            end = len(content)
        position = end + len(b"endstream")  # past it: "endstream" holds "stream" too
        dictionary = content[max(0, found.start() - _DICTIONARY_LOOKBACK) : found.start()]
        dictionary = dictionary[dictionary.rfind(b"obj") + 1 :]
        if b"FlateDecode" not in dictionary or re.search(rb"/Subtype\s*/Image", dictionary):
            continue
        total += _inflated_size(content[start:end], cap - total + 1)
        if total > cap:
            raise ExtractError(
                f"the PDF's compressed streams inflate to more than {cap // (1024 * 1024)} MB "
                "of text and page content: refused, as it would take that much memory to read"
            )


def _inflated_size(data: bytes, limit: int) -> int:
    """How many bytes `data` inflates to, counting no further than `limit`; 0 if not zlib."""
    inflater = zlib.decompressobj()
    size = 0
    pending = data
    try:
        while pending and size < limit:
            size += len(inflater.decompress(pending, _PIECE))
            pending = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error:
        pass  # a damaged stream: the reader reports it, or reads what it can
    return size
