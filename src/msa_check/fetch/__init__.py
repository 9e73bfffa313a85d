"""The fetch stage: getting the bytes of a statement from a URL, a file or stdin.

`fetch_statement` is the one entry point. It picks the source from the shape of the
location, applies the same limits to every source, and turns every failure into a
FetchError whose one-line message names the location and, where there is one, the fix.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import BinaryIO

from msa_check.errors import FetchError, UsageError
from msa_check.fetch.http import fetch_url
from msa_check.fetch.local import read_file, read_stdin
from msa_check.models import FetchedSource

STDIN_LOCATION = "-"

# A URL scheme is two or more characters before a colon: "C:\statement.pdf" is a
# Windows path, not a URL with scheme "c".
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")
_HTTP_SCHEMES = frozenset({"http", "https"})


@dataclass(frozen=True)
class FetchOptions:
    """Limits on one fetch. Checked when built, so a bad value fails before any I/O."""

    connect_timeout: float = 10.0  # seconds
    read_timeout: float = 30.0  # seconds of silence from the server, not of the whole transfer
    max_bytes: int = 50 * 1024 * 1024  # of content as received, after any decompression
    max_redirects: int = 10

    def __post_init__(self) -> None:
        if not self.connect_timeout > 0:
            raise UsageError(f"connect timeout must be positive, got {self.connect_timeout}")
        if not self.read_timeout > 0:
            raise UsageError(f"read timeout must be positive, got {self.read_timeout}")
        if self.max_bytes <= 0:
            raise UsageError(
                f"maximum size must be a positive number of bytes, got {self.max_bytes}"
            )
        if self.max_redirects < 0:
            raise UsageError(f"maximum redirects cannot be negative, got {self.max_redirects}")


def fetch_statement(
    location: str,
    options: FetchOptions = FetchOptions(),  # frozen, so one shared default is safe
    stdin: BinaryIO | None = None,
) -> FetchedSource:
    """Get the bytes at `location`: an http(s) URL, "-" for stdin, or a local path.

    `stdin` is the stream "-" reads, sys.stdin.buffer unless given (tests pass BytesIO).
    Raises FetchError for any failure, including a URL scheme other than http or https.
    """
    if location == STDIN_LOCATION:
        return read_stdin(sys.stdin.buffer if stdin is None else stdin, options.max_bytes)
    scheme = _scheme_of(location)
    if scheme is None:
        return read_file(location, options.max_bytes)
    if scheme.lower() in _HTTP_SCHEMES:
        return fetch_url(location, options)
    raise _unsupported_scheme(location, scheme)


def _scheme_of(location: str) -> str | None:
    match = _SCHEME.match(location)
    return match.group(1) if match else None


def _unsupported_scheme(location: str, scheme: str) -> FetchError:
    message = f"cannot fetch {location}: only http and https URLs are supported, not {scheme}:"
    if "://" not in location:
        # Without "//" it may be a file whose name has a colon in it.
        message += f" (for a local file, write ./{location})"
    return FetchError(message)


__all__ = ["STDIN_LOCATION", "FetchOptions", "fetch_statement"]
