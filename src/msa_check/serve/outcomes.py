"""What went wrong, as a page says it: the CLI's message, an HTTP status, and what to do.

The message is the error's own, with its setting named by the command-line flag (as the
CLI prints it); the status fits who is at fault: the form (400), the size (413), the
file (422), the server at the URL (502), msa-check itself (500).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from msa_check.errors import (
    ExtractError,
    FetchError,
    MsaCheckError,
    Setting,
    SourceError,
    UsageError,
)
from msa_check.serve.uploads import UploadTooLarge


class UnprocessableUpload(UsageError):
    """An upload that arrived whole but cannot be used (a list with no URL column): 422."""


ADVICE = {
    400: "Correct the form and send it again.",
    413: "Upload a smaller file, or start msa-check serve with a larger --max-mb.",
    422: "Make sure the file is the statement itself, as a PDF (with text, not scanned "
    "images), an HTML page or a text file, and upload it again.",
    502: "Open the address in a browser to see whether it works; if the statement is there, "
    "download it and upload the file instead.",
    500: "This is a bug in msa-check: please report it, with the page you were on.",
}
TITLES = {
    400: "The form cannot be used",
    413: "The file is too large",
    422: "The file cannot be read as a statement",
    502: "The address could not be fetched",
    500: "msa-check failed",
}


def http_status(error: BaseException) -> int:
    if isinstance(error, UploadTooLarge):
        return 413
    if isinstance(error, (ExtractError, UnprocessableUpload)):
        return 422
    if isinstance(error, FetchError):
        return 502
    if isinstance(error, SourceError):
        return 422
    if isinstance(error, MsaCheckError):
        return 400
    return 500


def failure_record(error: BaseException, names: Mapping[Setting, str]) -> dict[str, Any]:
    """The error as a page shows it; kept as `error.json` beside a check that failed."""
    status = http_status(error)
    if isinstance(error, MsaCheckError):
        message = error.worded(names)
    else:
        message = f"internal error: {type(error).__name__}: {error} (please report it)"
    return {
        "status": status,
        "title": TITLES[status],
        "message": message,
        "advice": ADVICE[status],
        "error_class": type(error).__name__,
    }
