"""Decoding bytes that say little or nothing about their encoding."""

from __future__ import annotations

import codecs

import pytest

from msa_check.extract.decode import (
    charset_from_content_type,
    charset_from_html_meta,
    decode_text,
    guess_encoding,
)


def test_short_western_text_is_read_as_windows_1252() -> None:
    # charset-normalizer alone guesses cp1250 here; Windows-1252 is the right answer.
    assert guess_encoding("Café \u2013 “quoted”".encode("cp1252")) == "cp1252"


def test_cyrillic_guess_is_kept() -> None:
    text = "Мы не допускаем принудительного труда в нашей цепочке поставок."
    assert decode_text(text.encode("cp1251")) == text


@pytest.mark.parametrize(
    "encoded",
    [
        codecs.BOM_UTF8 + "Café".encode(),
        codecs.BOM_UTF16_LE + "Café".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "Café".encode("utf-16-be"),
        "Café".encode(),
    ],
)
def test_bom_and_utf8(encoded: bytes) -> None:
    assert decode_text(encoded) == "Café"


def test_valid_utf8_beats_a_wrong_declaration() -> None:
    assert decode_text("Café".encode(), declared="iso-8859-1") == "Café"


def test_declared_latin1_means_windows_1252() -> None:
    assert decode_text(b"\x93quoted\x94", declared="ISO-8859-1") == "“quoted”"


def test_unknown_declared_charset_falls_back_to_guessing() -> None:
    assert decode_text(b"Caf\xe9", declared="no-such-charset") == "Café"


def test_charset_labels() -> None:
    assert charset_from_content_type('text/html; charset="UTF-8"') == "UTF-8"
    assert charset_from_content_type("text/html") is None
    assert charset_from_content_type(None) is None
    assert charset_from_html_meta(b'<meta charset="windows-1252">') == "windows-1252"
    meta = b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
    assert charset_from_html_meta(meta) == "iso-8859-1"
