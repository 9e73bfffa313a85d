"""read_json_object: an object back as written; anything else in its place is None."""

from __future__ import annotations

from pathlib import Path

import pytest

from msa_check.json_file import read_json_object


def test_an_object_is_read_back(tmp_path: Path) -> None:
    path = tmp_path / "record.json"
    path.write_text('{"pid": 12, "host": "h\\u00f6st", "started": null}', encoding="utf-8")
    assert read_json_object(path) == {"pid": 12, "host": "höst", "started": None}


@pytest.mark.parametrize(
    "content",
    [b'{"pid": 1', b"", b"[1, 2]", b'"text"', b"null", b"\xff\xfe not utf-8"],
    ids=["half-written", "empty", "a list", "a string", "null", "not utf-8"],
)
def test_anything_but_an_object_is_none(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "record.json"
    path.write_bytes(content)
    assert read_json_object(path) is None


def test_no_file_or_a_folder_is_none(tmp_path: Path) -> None:
    assert read_json_object(tmp_path / "missing.json") is None
    assert read_json_object(tmp_path) is None
