"""A PDF whose compressed streams inflate past the cap is refused before a reader inflates it."""

from __future__ import annotations

import zlib

import pytest

import msa_check.extract.pdf_inflation as inflation
from msa_check.errors import ExtractError
from msa_check.extract import extract_document
from msa_check.extract.pdf_inflation import check_stream_inflation
from tests.extract.test_extract_document import _fetched

MB = 1024 * 1024


def _pdf_with_streams(*streams: tuple[bytes, bytes]) -> bytes:
    """A PDF body with one object per (extra dictionary entries, inflated data)."""
    parts = [b"%PDF-1.7\n"]
    for number, (entries, data) in enumerate(streams, start=1):
        packed = zlib.compress(data, 9)
        parts.append(
            b"%d 0 obj\n<< /Length %d /Filter /FlateDecode %s >>\nstream\n"
            % (number, len(packed), entries)
            + packed
            + b"\nendstream\nendobj\n"
        )
    parts.append(b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")
    return b"".join(parts)


def test_streams_inflating_past_the_cap_are_refused() -> None:
    bomb = _pdf_with_streams((b"", b"0 0 m " * (2 * MB // 6)), (b"", b" " * (3 * MB)))
    assert len(bomb) < 40_000
    check_stream_inflation(bomb, cap=6 * MB)  # 5 MB in all: under the cap
    with pytest.raises(ExtractError, match="inflate to more than 4 MB"):
        check_stream_inflation(bomb, cap=4 * MB)


def test_image_streams_and_damaged_streams_do_not_count() -> None:
    image = _pdf_with_streams((b"/Subtype /Image /Width 9", b"\x00" * (8 * MB)))
    check_stream_inflation(image, cap=1 * MB)
    damaged = b"%PDF-1.7\n1 0 obj\n<< /Filter /FlateDecode >>\nstream\nnot zlib\nendstream\n"
    check_stream_inflation(damaged, cap=1)


def test_extract_document_refuses_a_bomb_with_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(inflation, "MAX_INFLATED_BYTES", 2 * MB)
    bomb = _pdf_with_streams((b"", b"BT (a) Tj ET " * (4 * MB // 13)))
    with pytest.raises(ExtractError, match="would take that much memory"):
        extract_document(_fetched(bomb))


def test_a_real_statement_pdf_passes_the_default_cap(statement_pdf: bytes) -> None:
    check_stream_inflation(statement_pdf)
