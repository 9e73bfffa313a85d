"""Uploads within the size cap of `check`, saved under the store folder with generated names.

The cap is enforced twice: on the request body as it arrives (Content-Length first, then
the bytes actually received, so a client that lies or streams forever is cut off at the
cap plus a little room for the form's other fields), and on the file itself as it is
copied, so the file gets exactly the limit `check --max-mb` gives a local file, with the
same message.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.types import Message

from msa_check.errors import FetchError
from msa_check.fetch.local import too_large_error

FORM_ROOM = 1024 * 1024  # the form's other fields and multipart boundaries
_CHUNK = 1024 * 1024


class UploadTooLarge(FetchError):
    """An upload over the size cap: the page answers 413."""


def limited_request(request: Request, max_bytes: int) -> Request:
    """`request` with a body that raises UploadTooLarge once it passes the cap (plus room)."""
    limit = max_bytes + FORM_ROOM
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large("the upload", max_bytes)
    received = 0

    async def receive() -> Message:
        nonlocal received
        message = await request.receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise _too_large("the upload", max_bytes)
        return message

    return Request(request.scope, receive)


def save_upload(upload: UploadFile, target: Path, max_bytes: int, shown: str) -> int:
    """Copy `upload` to `target`, refusing (and removing) it past `max_bytes`; its size."""
    written = 0
    try:
        with target.open("wb") as out:
            written = _copy(upload.file, out, max_bytes, shown)
    except UploadTooLarge:
        target.unlink(missing_ok=True)
        raise
    return written


def _copy(source: BinaryIO, out: BinaryIO, max_bytes: int, shown: str) -> int:
    written = 0
    source.seek(0)
    while chunk := source.read(_CHUNK):
        written += len(chunk)
        if written > max_bytes:
            raise _too_large(shown, max_bytes)
        out.write(chunk)
    return written


def _too_large(name: str, max_bytes: int) -> UploadTooLarge:
    # The same words and setting as a local file over the cap (fetch.local).
    error = too_large_error(name, max_bytes)
    return UploadTooLarge(error.template, setting=error.setting)
