"""The public entry point: FetchedSource in, Document out, chosen by the bytes."""

from __future__ import annotations

import pytest

from msa_check.errors import ExtractError
from msa_check.extract import extract_document
from msa_check.models import ContentKind, FetchedSource, SourceKind


def _fetched(content: bytes, content_type: str | None = None) -> FetchedSource:
    return FetchedSource(
        location="https://example.com/statement.pdf",
        kind=SourceKind.URL,
        content=content,
        sha256="0" * 64,
        fetched_at="2026-11-25T10:00:00+00:00",
        content_type=content_type,
    )


def test_bytes_decide_not_the_name_or_content_type() -> None:
    page = b"<html><body><h2>Our Policy</h2><p>We act.</p></body></html>"
    document = extract_document(_fetched(page, content_type="application/pdf"))
    assert document.kind is ContentKind.HTML
    assert [s.title for s in document.sections] == ["Our Policy"]


def test_pdf_with_page_cap(statement_pdf: bytes) -> None:
    document = extract_document(_fetched(statement_pdf), max_pages=1)
    assert document.kind is ContentKind.PDF
    assert [p.number for p in document.pages] == [1]
    assert document.warnings == ("read only the first 1 of 3 pages (--max-pages)",)


def test_text() -> None:
    document = extract_document(_fetched(b"OUR POLICY\n\nWe act."))
    assert (document.kind, document.title) == (ContentKind.TEXT, "OUR POLICY")


def test_html_charset_from_the_header() -> None:
    page = "<p>Grüße</p>".encode("iso-8859-15")
    document = extract_document(_fetched(page, content_type="text/html; charset=iso-8859-15"))
    assert document.text == "Grüße"


def test_image_is_refused() -> None:
    with pytest.raises(ExtractError, match="PNG image"):
        extract_document(_fetched(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64))
