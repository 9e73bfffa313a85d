"""What a fetch hands to extraction: the bytes as sent, whatever the headers claim."""

from __future__ import annotations

import gzip
from dataclasses import replace

import pytest
from pytest_httpserver import HTTPServer

from msa_check.errors import FetchError
from msa_check.extract import extract_document, sniff_content
from msa_check.fetch import fetch_statement
from msa_check.models import ContentKind
from tests.fetch.servers import QUICK

MIB = 1024 * 1024
# Curly quote and en dashes: bytes 0x92 and 0x96 in Windows-1252, not valid UTF-8.
SENTENCE = (
    "Our caf\u00e9 suppliers\u2019 workers \u2013 all 1,200 of them \u2013 keep their passports."
)


def test_pdf_served_as_html_is_sniffed_as_pdf(httpserver: HTTPServer) -> None:
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\n%%EOF\n"
    httpserver.expect_request("/statement").respond_with_data(pdf, content_type="text/html")

    source = fetch_statement(httpserver.url_for("/statement"), QUICK)

    assert source.content == pdf
    assert source.content_type == "text/html"
    assert sniff_content(source.content) is ContentKind.PDF


def test_windows_1252_page_without_a_charset_decodes_right(httpserver: HTTPServer) -> None:
    page = (f"<html><body><h1>Modern Slavery Statement</h1><p>{SENTENCE}</p></body></html>").encode(
        "cp1252"
    )
    httpserver.expect_request("/msa").respond_with_data(page, content_type="text/html")

    document = extract_document(fetch_statement(httpserver.url_for("/msa"), QUICK))

    assert SENTENCE in document.text


def test_gzip_bomb_is_refused_by_its_decompressed_size(httpserver: HTTPServer) -> None:
    bomb = gzip.compress(b"\0" * (64 * MIB))
    assert len(bomb) < 100 * 1024  # small on the wire
    httpserver.expect_request("/bomb").respond_with_data(bomb, headers={"Content-Encoding": "gzip"})
    url = httpserver.url_for("/bomb")

    with pytest.raises(FetchError) as caught:
        fetch_statement(url, replace(QUICK, max_bytes=2 * MIB))

    assert (
        caught.value.message == f"{url} is larger than the 2 MB limit (use max_bytes to raise it)"
    )
