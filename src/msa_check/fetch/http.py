"""Fetching a statement over HTTP(S) with requests, within time, size and redirect limits.

Every failure becomes a FetchError naming the URL the user gave. requests reports most
network failures as a ConnectionError wrapping urllib3 and socket errors several levels
deep, so the cause is found by walking that chain.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from dataclasses import replace
from http import HTTPStatus
from http.client import RemoteDisconnected
from typing import TYPE_CHECKING

import requests
from urllib3.exceptions import NameResolutionError, ReadTimeoutError

from msa_check import __version__
from msa_check.errors import FetchError
from msa_check.fetch.local import source_from_bytes, too_large_error
from msa_check.models import FetchedSource, SourceKind

if TYPE_CHECKING:
    # Only for annotations: the package imports this module before defining FetchOptions.
    from msa_check.fetch import FetchOptions

USER_AGENT = f"msa-check/{__version__} (+https://github.com/msa-check/msa-check)"
_CHUNK_SIZE = 64 * 1024

_INVALID_URL_ERRORS = (
    requests.exceptions.InvalidURL,
    requests.exceptions.MissingSchema,
    requests.exceptions.URLRequired,
)


def fetch_url(url: str, options: FetchOptions) -> FetchedSource:
    """GET `url`, following redirects, and return its body; raise FetchError on any failure."""
    with _new_session(options) as session:
        try:
            with session.get(
                url, timeout=(options.connect_timeout, options.read_timeout), stream=True
            ) as response:
                return _read_response(url, response, options.max_bytes)
        except requests.RequestException as exc:
            raise _describe_failure(url, exc, options) from exc


def _new_session(options: FetchOptions) -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    session.max_redirects = options.max_redirects
    return session


def _read_response(url: str, response: requests.Response, max_bytes: int) -> FetchedSource:
    _reject_error_status(url, response)
    _reject_declared_length(url, response, max_bytes)
    content = _read_body(url, response, max_bytes)
    source = source_from_bytes(url, SourceKind.URL, content)
    return replace(
        source,
        final_url=response.url,
        status=response.status_code,
        content_type=response.headers.get("Content-Type"),
        # Each URL that answered with a redirect, starting with the one requested.
        redirects=tuple(hop.url for hop in response.history),
    )


def _reject_error_status(url: str, response: requests.Response) -> None:
    if response.status_code < 400:
        return
    message = f"HTTP {response.status_code} {_reason_phrase(response)} from {url}"
    if response.history:
        message += f" (redirected to {response.url})"
    raise FetchError(message)


def _reason_phrase(response: requests.Response) -> str:
    """The standard phrase for the code, unless the server sent a reason of its own.

    Servers vary the case ("NOT FOUND") or send none at all (HTTP/2); a reason that is
    not just the standard phrase may say something useful, such as why access is denied.
    """
    sent = str(response.reason or "").strip()
    try:
        standard = HTTPStatus(response.status_code).phrase
    except ValueError:
        return sent or "error"
    return sent if sent and sent.lower() != standard.lower() else standard


def _reject_declared_length(url: str, response: requests.Response, max_bytes: int) -> None:
    # With gzip this is the compressed size, which is at most the size we count, so a
    # body it rejects would have been rejected while streaming anyway, only later.
    declared = response.headers.get("Content-Length", "")
    if declared.strip().isdigit() and int(declared) > max_bytes:
        raise too_large_error(url, max_bytes)


def _read_body(url: str, response: requests.Response, max_bytes: int) -> bytes:
    """Read the body, stopping as soon as it passes `max_bytes`.

    iter_content yields decompressed bytes, so counting them is what stops a small gzip
    body that inflates to gigabytes.
    """
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_content(chunk_size=_CHUNK_SIZE):
        total += len(chunk)
        if total > max_bytes:
            raise too_large_error(url, max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


def _describe_failure(
    url: str, exc: requests.RequestException, options: FetchOptions
) -> FetchError:
    """One line for a buyer, from whatever requests raised."""
    # Order matters: ConnectTimeout and SSLError are also ConnectionErrors.
    if isinstance(exc, requests.TooManyRedirects):
        return FetchError(
            f"more than {options.max_redirects} redirects from {url} (a redirect loop?)"
        )
    if isinstance(exc, requests.ConnectTimeout):
        return FetchError(f"timed out after {options.connect_timeout:g} s connecting to {url}")
    if isinstance(exc, requests.ReadTimeout) or _caused_by(exc, ReadTimeoutError):
        # A timeout mid-body reaches us as a ConnectionError wrapping ReadTimeoutError.
        return FetchError(f"timed out after {options.read_timeout:g} s reading from {url}")
    if isinstance(exc, requests.exceptions.SSLError):
        return FetchError(f"TLS/SSL error connecting to {url}: {_ssl_problem(exc)}")
    if isinstance(exc, requests.exceptions.InvalidSchema):
        # The scheme of the URL given was checked, so a redirect led somewhere odd.
        return FetchError(f"{url} redirected to a URL that is not http or https")
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


def _connection_problem(exc: BaseException) -> str:
    """Name the socket-level reason a connection failed, in words."""
    causes = list(_causes(exc))
    if any(isinstance(c, (NameResolutionError, socket.gaierror)) for c in causes):
        return "host not found"
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return "connection refused"
    # RemoteDisconnected is a ConnectionResetError, so it must be tested first.
    if any(isinstance(c, RemoteDisconnected) for c in causes):
        return "the server closed the connection without answering"
    if any(isinstance(c, ConnectionResetError) for c in causes):
        return "connection reset by the server"
    os_errors = [c for c in causes if isinstance(c, OSError) and c.strerror]
    if os_errors:
        return str(os_errors[-1].strerror).lower()
    return "connection failed"


def _ssl_problem(exc: BaseException) -> str:
    for cause in _causes(exc):
        if isinstance(cause, ssl.SSLCertVerificationError):
            return f"certificate verify failed ({cause.verify_message})"
        if isinstance(cause, ssl.SSLError) and cause.reason:
            return str(cause.reason).lower().replace("_", " ")
    return _first_line(exc)


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    return any(isinstance(cause, kind) for cause in _causes(exc))


def _causes(exc: BaseException) -> Iterator[BaseException]:
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
