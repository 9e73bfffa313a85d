"""Sniffing: the bytes decide what a statement is, and unreadable formats are named."""

from __future__ import annotations

import codecs
import io
import zipfile

import pytest

from msa_check.errors import ExtractError
from msa_check.extract import sniff_content
from msa_check.models import ContentKind


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.writestr(name, "<xml/>" * 50)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", ContentKind.PDF),
        (b"\r\n\r\n" + b"junk " * 100 + b"%PDF-1.4\n", ContentKind.PDF),
        (b"<!DOCTYPE html><html><body>x</body></html>", ContentKind.HTML),
        (b"\xef\xbb\xbf  \n <!doctype HTML>\n<html>", ContentKind.HTML),
        (b'<?xml version="1.0"?>\n<!-- saved -->\n<html xmlns="x">', ContentKind.HTML),
        (b"<p>We have a zero-tolerance approach.</p>", ContentKind.HTML),
        (b"<div class='statement'>text</div>", ContentKind.HTML),
        (b"Saved from the web\n<html><head></head><body>x</body></html>", ContentKind.HTML),
        (codecs.BOM_UTF16_LE + "<html><body>x".encode("utf-16-le"), ContentKind.HTML),
        (b"Modern Slavery Statement\n\nWe act.", ContentKind.TEXT),
        (b"BMW Group: Modern Slavery Statement", ContentKind.TEXT),
        (b"<people> are our priority", ContentKind.TEXT),
        ("Caf\u00e9 \u2013 statement".encode("cp1252"), ContentKind.TEXT),
        (codecs.BOM_UTF16_LE + "Statement".encode("utf-16-le"), ContentKind.TEXT),
    ],
)
def test_kinds(content: bytes, kind: ContentKind) -> None:
    assert sniff_content(content) is kind


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"GIF89a\x01\x00", "a GIF image"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "a WEBP image"),
        (b"II*\x00\x08\x00", "a TIFF image"),
        (b"\x00\x00\x00\x18ftypmp42", "an MP4 or QuickTime video"),
        (b"\x1f\x8b\x08\x00", "a gzip archive"),
        (_zip("[Content_Types].xml", "word/document.xml"), r"a Word document \(.docx\)"),
        (_zip("[Content_Types].xml", "xl/workbook.xml"), r"an Excel workbook \(.xlsx\)"),
        (_zip("notes.txt"), "a ZIP archive"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00",
            r"a legacy Microsoft Office file \(.doc, .xls or .ppt\)",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_binary_formats_are_named(content: bytes, what: str) -> None:
    message = f"^the content is {what}, not a statement \\(msa-check reads PDF, HTML and plain"
    with pytest.raises(ExtractError, match=message):
        sniff_content(content)


def test_unknown_binary_is_refused() -> None:
    noise = bytes(range(256)) * 8
    with pytest.raises(ExtractError, match=r"^the content looks like binary data"):
        sniff_content(noise)


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n", codecs.BOM_UTF8 + b"\n "])
def test_empty(content: bytes) -> None:
    with pytest.raises(ExtractError, match=r"^the content is empty$"):
        sniff_content(content)
