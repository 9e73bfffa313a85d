"""One line for a buyer, from whatever requests raised.

requests reports most network failures as a ConnectionError wrapping urllib3 and socket
errors several levels deep, so the cause is found by walking that chain.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from http import HTTPStatus
from http.client import RemoteDisconnected
from typing import TYPE_CHECKING

import requests
from urllib3.exceptions import NameResolutionError, ReadTimeoutError

from msa_check.errors import FetchError

if TYPE_CHECKING:
    from msa_check.fetch.options import FetchOptions

_INVALID_URL_ERRORS = (
    requests.exceptions.InvalidURL,
    requests.exceptions.MissingSchema,
    requests.exceptions.URLRequired,
)


def describe_failure(url: str, exc: requests.RequestException, options: FetchOptions) -> FetchError:
    """The FetchError for `exc`, naming `url` (the URL the user gave)."""
    # Order matters: ConnectTimeout and SSLError are also ConnectionErrors.
    if isinstance(exc, requests.ConnectTimeout):
        return FetchError(f"timed out after {options.connect_timeout:g} s connecting to {url}")
    if is_read_timeout(exc):
        return FetchError(f"timed out after {options.read_timeout:g} s reading from {url}")
    if isinstance(exc, requests.exceptions.SSLError):
        return FetchError(f"TLS/SSL error connecting to {url}: {_ssl_problem(exc)}")
    if isinstance(exc, _INVALID_URL_ERRORS):
        return FetchError(f"invalid URL {url}: {_invalid_url_reason(exc)}")
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return FetchError(f"the connection to {url} broke off before the whole response arrived")
    if isinstance(exc, requests.exceptions.ContentDecodingError):
        return FetchError(f"could not decompress the response from {url} (corrupt encoding?)")
    if isinstance(exc, requests.exceptions.ProxyError):
        return FetchError(
            f"could not connect to {url} through the proxy: {_connection_problem(exc)}"
        )
    if isinstance(exc, requests.ConnectionError):
        return FetchError(f"could not connect to {url}: {_connection_problem(exc)}")
    return FetchError(f"could not fetch {url}: {_first_line(exc)}")


def is_timeout(exc: requests.RequestException) -> bool:
    return isinstance(exc, requests.ConnectTimeout) or is_read_timeout(exc)


def is_read_timeout(exc: requests.RequestException) -> bool:
    # A timeout mid-body reaches us as a ConnectionError wrapping ReadTimeoutError.
    return isinstance(exc, requests.ReadTimeout) or any(
        isinstance(cause, (ReadTimeoutError, TimeoutError)) for cause in causes(exc)
    )


def status_error(url: str, status: int, sent_reason: str, final_url: str) -> FetchError:
    """The error for an HTTP error status, naming where a redirect led if it did."""
    message = f"HTTP {status} {reason_phrase(status, sent_reason)} from {url}"
    if final_url != url:
        message += f" (redirected to {final_url})"
    return FetchError(message)


def reason_phrase(status: int, sent_reason: str) -> str:
    """The standard phrase for the code, unless the server sent a reason of its own.

    Servers vary the case ("NOT FOUND") or send none at all (HTTP/2); a reason that is
    not just the standard phrase may say something useful, such as why access is denied.
    """
    sent = sent_reason.strip()
    try:
        standard = HTTPStatus(status).phrase
    except ValueError:
        return sent or "error"
    return sent if sent and sent.lower() != standard.lower() else standard


def _connection_problem(exc: BaseException) -> str:
    """Name the socket-level reason a connection failed, in words."""
    found = list(causes(exc))
    if any(isinstance(c, (NameResolutionError, socket.gaierror)) for c in found):
        return "host not found"
    if any(isinstance(c, ConnectionRefusedError) for c in found):
        return "connection refused"
    # RemoteDisconnected is a ConnectionResetError, so it must be tested first.
    if any(isinstance(c, RemoteDisconnected) for c in found):
        return "the server closed the connection without answering"
    if any(isinstance(c, ConnectionResetError) for c in found):
        return "connection reset by the server"
    os_errors = [c for c in found if isinstance(c, OSError) and c.strerror]
    if os_errors:
        return str(os_errors[-1].strerror).lower()
    return "connection failed"


def _ssl_problem(exc: BaseException) -> str:
    for cause in causes(exc):
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"certificate verify failed ({cause.verify_message})"
        if isinstance(cause, ssl.SSLError) and cause.reason:
            return str(cause.reason).lower().replace("_", " ")
    return _first_line(exc)


def causes(exc: BaseException) -> Iterator[BaseException]:
    """`exc` and every exception it wraps: chained, in args, or as urllib3's `reason`."""
    pending: list[BaseException] = [exc]
    seen: set[int] = set()
    while pending:
        current = pending.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        wrapped = [current.__cause__, current.__context__, getattr(current, "reason", None)]
        wrapped.extend(current.args)
        pending.extend(w for w in wrapped if isinstance(w, BaseException))


def _invalid_url_reason(exc: BaseException) -> str:
    # requests says "Invalid URL 'http://': No host supplied"; keep only the reason.
    text = _first_line(exc)
    return text.split("': ", 1)[1] if text.startswith("Invalid URL '") and "': " in text else text


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
