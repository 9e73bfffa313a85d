"""Where a statement comes from, told by the shape of the location: a URL, a path or "-"."""

from __future__ import annotations

import re
import sys
from typing import BinaryIO

from msa_check.errors import FetchError
from msa_check.fetch.local import read_file, read_stdin
from msa_check.fetch.options import FetchOptions
from msa_check.fetch.session import Fetcher
from msa_check.models import FetchedSource

STDIN_LOCATION = "-"

# A URL scheme is two or more characters before a colon: "C:\statement.pdf" is a
# Windows path, not a URL with scheme "c".
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")
_HTTP_SCHEMES = frozenset({"http", "https"})
_DEFAULT_OPTIONS = FetchOptions()  # frozen, so one shared default is safe


def fetch_statement(
    location: str,
    options: FetchOptions = _DEFAULT_OPTIONS,
    stdin: BinaryIO | None = None,
    *,
    fetcher: Fetcher | None = None,
) -> FetchedSource:
    """Get the bytes at `location`: an http(s) URL, "-" for stdin, or a local path.

    `stdin` is the stream "-" reads, sys.stdin.buffer unless given (tests pass BytesIO).
    Raises FetchError for any failure, including a URL scheme other than http or https.
    A URL is fetched with `fetcher` if given (it has options of its own), else with a
    Fetcher made for this one fetch.
    """
    if location == STDIN_LOCATION:
        return read_stdin(sys.stdin.buffer if stdin is None else stdin, options.max_bytes)
    scheme = _scheme_of(location)
    if scheme is None:
        return read_file(location, options.max_bytes)
    if scheme.lower() in _HTTP_SCHEMES:
        if fetcher is not None:
            return fetcher.fetch(location)
        with Fetcher(options) as own:
            return own.fetch(location)
    raise _unsupported_scheme(location, scheme)


def is_url(location: str) -> bool:
    """True for an http or https URL (any case), the locations a Fetcher can fetch."""
    scheme = _scheme_of(location)
    return scheme is not None and scheme.lower() in _HTTP_SCHEMES


def _scheme_of(location: str) -> str | None:
    match = _SCHEME.match(location)
    return match.group(1) if match else None


def _unsupported_scheme(location: str, scheme: str) -> FetchError:
    message = f"cannot fetch {location}: only http and https URLs are supported, not {scheme}:"
    if "://" not in location:
        # Without "//" it may be a file whose name has a colon in it.
        message += f" (for a local file, write ./{location})"
    return FetchError(message)
