"""Reading a statement from a local file or from standard input, within a size limit."""

from __future__ import annotations

import hashlib
import os
from datetime import datetime, timezone
from typing import BinaryIO

from msa_check.errors import SETTING, FetchError, Setting
from msa_check.models import FetchedSource, SourceKind

_CHUNK_SIZE = 1024 * 1024
_KIB = 1024
_MIB = 1024 * 1024


def read_file(path: str, max_bytes: int) -> FetchedSource:
    """Read the file at `path`, refusing one larger than `max_bytes`."""
    try:
        with open(path, "rb") as stream:
            # The size on disk rejects a big file before reading any of it; the capped
            # read still guards special files (FIFOs, /dev/zero) whose size says nothing.
            if os.fstat(stream.fileno()).st_size > max_bytes:
                raise too_large_error(path, max_bytes)
            content = read_capped(stream, max_bytes, path)
    except FileNotFoundError as exc:
        raise FetchError(_missing_file_message(path)) from exc
    except NotADirectoryError as exc:
        raise FetchError(_missing_file_message(path)) from exc
    except IsADirectoryError as exc:
        raise FetchError(f"{path} is a directory, not a statement file") from exc
    except PermissionError as exc:
        raise FetchError(f"permission denied reading {path}") from exc
    except OSError as exc:
        raise FetchError(f"could not read {path}: {exc.strerror or exc}") from exc
    except ValueError as exc:  # open() refuses a NUL in a path: no file can have that name
        raise FetchError(f"{path!r} is not a file name: {exc}") from exc
    return source_from_bytes(path, SourceKind.FILE, content)


def read_stdin(stream: BinaryIO, max_bytes: int) -> FetchedSource:
    """Read all of `stream` (standard input); empty input is left for extraction to report."""
    try:
        content = read_capped(stream, max_bytes, "standard input")
    except OSError as exc:
        raise FetchError(f"could not read standard input: {exc.strerror or exc}") from exc
    return source_from_bytes("-", SourceKind.STDIN, content)


def read_capped(stream: BinaryIO, max_bytes: int, name: str) -> bytes:
    """Read `stream` to its end, raising FetchError as soon as it passes `max_bytes`.

    Reads in chunks rather than read(max_bytes + 1), which would allocate the whole
    limit up front however small the input.
    """
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(_CHUNK_SIZE):
        total += len(chunk)
        if total > max_bytes:
            raise too_large_error(name, max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


def source_from_bytes(location: str, kind: SourceKind, content: bytes) -> FetchedSource:
    """A FetchedSource for `content` as read now; URL fields are added by the caller."""
    return FetchedSource(
        location=location,
        kind=kind,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
    )


def too_large_error(name: str, max_bytes: int) -> FetchError:
    """The error for a source over the size limit, shared by files, stdin and URLs."""
    return FetchError(
        f"{name} is larger than the {describe_size(max_bytes)} limit (use {SETTING} to raise it)",
        setting=Setting.MAX_BYTES,
    )


def describe_size(size: int) -> str:
    """A byte count as people say it: "50 MB", "64 KB", or exact bytes when neither fits."""
    if size >= _MIB and size % _MIB == 0:
        return f"{size // _MIB} MB"
    if size >= _KIB and size % _KIB == 0:
        return f"{size // _KIB} KB"
    return f"{size} bytes"


def _missing_file_message(path: str) -> str:
    message = f"no such file: {path}"
    if path.startswith("www."):
        # A web address typed without its scheme arrives here as a path.
        message += f" (for a web page, write https://{path})"
    return message
