"""What went wrong, as a page says it: the CLI's message, an HTTP status, and what to do.

The message is the error's own, with its setting named by the command-line flag (as the
CLI prints it); the status fits who is at fault: the form (400), the size (413), the
file (422), the server at the URL (502), msa-check itself (500).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from msa_check.batch.inputs import url_column_names
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


class SupplierListError(UnprocessableUpload):
    """An uploaded list that cannot be checked: no URL column, no rows, a row that is no URL.

    A page of its own (title and advice), not the one of a statement that cannot be read."""


class SupplierListAddressError(SupplierListError):
    """A list naming an address this server does not fetch (a private one): the form's
    fault, as the same address typed in Check a statement is (400)."""


SUPPLIER_LIST_TITLE = "The supplier list cannot be used"
SUPPLIER_LIST_ADVICE = (
    f"Upload a CSV file with a row per supplier and a column of web addresses named "
    f"{url_column_names()} (a text file with one web address a line works too). This page "
    "checks web addresses; to check a statement file, use Check a statement."
)


ADVICE = {
    400: "Correct the form and send it again.",
    413: "Upload a smaller file: the limit is set by whoever started msa-check serve.",
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
    if isinstance(error, SupplierListAddressError):
        return 400
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
    listed = isinstance(error, SupplierListError)
    return {
        "status": status,
        "title": SUPPLIER_LIST_TITLE if listed else TITLES[status],
        "message": message,
        "advice": SUPPLIER_LIST_ADVICE if listed else ADVICE[status],
        "error_class": type(error).__name__,
    }
