"""fetch_statement from local files and stdin, and choosing the source by location."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest

from msa_check.errors import FetchError, UsageError
from msa_check.fetch import FetchOptions, fetch_statement
from msa_check.models import SourceKind

DEFAULTS = FetchOptions()
STATEMENT = b"Modern Slavery Statement\n\nThis statement is made pursuant to section 54.\n"


def fetch_error(location: str, options: FetchOptions = DEFAULTS) -> str:
    with pytest.raises(FetchError) as caught:
        fetch_statement(location, options, stdin=io.BytesIO(b"stdin must not be read"))
    return caught.value.message


# -- files ---------------------------------------------------------------------------


def test_reads_local_file(tmp_path: Path) -> None:
    path = tmp_path / "statement.txt"
    path.write_bytes(STATEMENT)

    source = fetch_statement(str(path))

    assert source.kind is SourceKind.FILE
    assert source.location == str(path)
    assert source.content == STATEMENT
    assert source.sha256 == hashlib.sha256(STATEMENT).hexdigest()
    assert source.final_url is None
    assert source.status is None
    assert source.content_type is None
    assert source.fetched_at.endswith("+00:00")


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.pdf"

    assert fetch_error(str(path)) == f"no such file: {path}"


def test_path_through_a_file_is_missing(tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"x")
    path = tmp_path / "file" / "statement.pdf"

    assert fetch_error(str(path)) == f"no such file: {path}"


def test_web_address_without_scheme_gets_a_hint() -> None:
    assert fetch_error("www.example.com/msa.pdf") == (
        "no such file: www.example.com/msa.pdf (for a web page, write https://www.example.com/msa.pdf)"
    )


def test_directory(tmp_path: Path) -> None:
    assert fetch_error(str(tmp_path)) == f"{tmp_path} is a directory, not a statement file"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file regardless"
)
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(STATEMENT)
    path.chmod(0)

    assert fetch_error(str(path)) == f"permission denied reading {path}"


def test_file_over_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.pdf"
    path.write_bytes(b"x" * 2048)

    message = fetch_error(str(path), FetchOptions(max_bytes=1024))

    assert message == f"{path} is larger than the 1 KB limit (use max_bytes to raise it)"


def test_file_exactly_at_limit(tmp_path: Path) -> None:
    path = tmp_path / "exact.pdf"
    path.write_bytes(b"x" * 1000)

    assert len(fetch_statement(str(path), FetchOptions(max_bytes=1000)).content) == 1000


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_endless_special_file_is_cut_off_at_limit() -> None:
    # Its size on disk is 0, so only the capped read stops it.
    message = fetch_error("/dev/zero", FetchOptions(max_bytes=3 * 1024 * 1024 + 1))

    assert message == (
        "/dev/zero is larger than the 3145729 bytes limit (use max_bytes to raise it)"
    )


def test_windows_drive_path_is_a_file_not_a_url() -> None:
    assert fetch_error("C:/statements/2025.pdf") == "no such file: C:/statements/2025.pdf"


# -- stdin ---------------------------------------------------------------------------


def test_reads_stdin() -> None:
    source = fetch_statement("-", stdin=io.BytesIO(STATEMENT))

    assert source.kind is SourceKind.STDIN
    assert source.location == "-"
    assert source.content == STATEMENT
    assert source.sha256 == hashlib.sha256(STATEMENT).hexdigest()


def test_empty_stdin_is_not_a_fetch_error() -> None:
    source = fetch_statement("-", stdin=io.BytesIO(b""))

    assert source.content == b""
    assert source.sha256 == hashlib.sha256(b"").hexdigest()


def test_stdin_over_limit() -> None:
    with pytest.raises(FetchError) as caught:
        fetch_statement("-", FetchOptions(max_bytes=1024), stdin=io.BytesIO(b"x" * 1025))

    assert caught.value.message == (
        "standard input is larger than the 1 KB limit (use max_bytes to raise it)"
    )


# -- locations and options -----------------------------------------------------------


@pytest.mark.parametrize(
    ("location", "scheme"),
    [("ftp://example.com/msa.pdf", "ftp"), ("file:///etc/passwd", "file")],
)
def test_other_url_schemes_are_refused(location: str, scheme: str) -> None:
    assert fetch_error(location) == (
        f"cannot fetch {location}: only http and https URLs are supported, not {scheme}:"
    )


def test_scheme_without_slashes_is_refused_with_a_hint() -> None:
    assert fetch_error("javascript:alert(1)") == (
        "cannot fetch javascript:alert(1): only http and https URLs are supported, "
        "not javascript: (for a local file, write ./javascript:alert(1))"
    )


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ({"connect_timeout": 0}, "connect timeout must be positive, got 0"),
        ({"read_timeout": -1.0}, "read timeout must be positive, got -1.0"),
        ({"max_bytes": 0}, "maximum size must be a positive number of bytes, got 0"),
        ({"max_redirects": -1}, "maximum redirects cannot be negative, got -1"),
    ],
)
def test_impossible_options_are_refused(options: dict[str, float], problem: str) -> None:
    with pytest.raises(UsageError) as caught:
        FetchOptions(**options)  # type: ignore[arg-type]  # the dict mixes ints and floats

    assert caught.value.message == problem
