"""One HTTP request, made within the time and size limits: the network half of a fetch.

Redirects, retries, robots.txt, pacing and the cache are the Fetcher's (session.py); this
module sends one GET and reads its body. The body is read a socket read at a time, with
the socket's timeout cut to what is left before the deadline, so a server that trickles
bytes or stalls cannot outlast it, and decompressed bytes are counted against the size cap
as they come, so a small gzip body that inflates to gigabytes is stopped early.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone

import requests
from urllib3.exceptions import DecodeError, ProtocolError, ReadTimeoutError

from msa_check import __version__
from msa_check.errors import FetchError
from msa_check.fetch.addresses import SourceAddresses
from msa_check.fetch.deadline import Deadline
from msa_check.fetch.local import too_large_error
from msa_check.fetch.options import FetchOptions
from msa_check.fetch.watchdog import BODY, WATCHED_POOLS, Watch, watched

USER_AGENT = f"msa-check/{__version__} (+https://github.com/msa-check/msa-check)"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_CHUNK_SIZE = 64 * 1024


@dataclass(frozen=True)
class Answer:
    """What one URL answered, from the network or the cache; redirects are not followed."""

    url: str
    status: int
    reason: str
    headers: Mapping[str, str]  # case-insensitive
    content: bytes
    fetched_at: str  # ISO 8601, UTC: when it came from the network
    from_cache: bool = False

    @property
    def location(self) -> str | None:
        """Where a redirect points, as sent (maybe relative); None if this is no redirect."""
        if self.status not in REDIRECT_STATUSES:
            return None
        return self.headers.get("Location") or None


class _OwnRedirectsSession(requests.Session):
    """A session that leaves redirects to the Fetcher, which checks each Location first.

    Even with allow_redirects=False, requests parses the Location of every redirect to
    prepare the next request, and a malformed one ("http://[::1/x") raises a bare
    ValueError from inside session.get; so it is told there is never a target.
    """

    def get_redirect_target(self, resp: requests.Response) -> str | None:
        return None


def new_session() -> requests.Session:
    session = _OwnRedirectsSession()
    session.headers["User-Agent"] = USER_AGENT
    for adapter in session.adapters.values():
        if isinstance(adapter, requests.adapters.HTTPAdapter):
            # Connections the deadline's watchdog can shut (watchdog.py).
            adapter.poolmanager.pool_classes_by_scheme = dict(WATCHED_POOLS)
    return session


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def send_get(
    session: requests.Session,
    url: str,
    options: FetchOptions,
    deadline: Deadline,
    max_bytes: int,
    *,
    truncate: bool = False,
    addresses: SourceAddresses | None = None,
) -> Answer:
    """GET `url` once, without following redirects, reading at most `max_bytes` of body.

    With `truncate` a longer body is cut to its first `max_bytes` (robots.txt, which
    RFC 9309 lets a crawler read in part) instead of refused.

    Errors name the URL the fetch began with (`deadline.url`), the one the user gave.

    Raises requests' exceptions for network failures (the caller decides on retries and
    words), and FetchError when the body passes the size cap or the deadline, or
    PrivateAddressError when the connection reaches an address `addresses` refuses.
    """
    timeouts = (deadline.bound(options.connect_timeout), deadline.bound(options.read_timeout))
    with watched(deadline, url, addresses) as watch:
        try:
            answer = _get_once(
                session, url, options, deadline, max_bytes, timeouts, truncate, watch
            )
        except (requests.RequestException, OSError, FetchError) as exc:
            # A socket timeout cut to the deadline, the body's own deadline check, or
            # the watchdog: all are the deadline, named with what the request was doing.
            if watch.fired or deadline.passed:
                raise watch.error() from exc
            raise
        if watch.fired:  # a body cut short by the watchdog may look complete
            raise watch.error()
        return answer


def _get_once(
    session: requests.Session,
    url: str,
    options: FetchOptions,
    deadline: Deadline,
    max_bytes: int,
    timeouts: tuple[float, float],
    truncate: bool,
    watch: Watch,
) -> Answer:
    with session.get(url, timeout=timeouts, stream=True, allow_redirects=False) as response:
        watch.set_phase(BODY)
        if not truncate:
            _reject_declared_length(deadline.url, response, max_bytes)
        content = read_body(response, options.read_timeout, deadline, max_bytes, truncate=truncate)
        return Answer(
            url=url,
            status=response.status_code,
            reason=str(response.reason or ""),
            headers=response.headers,
            content=content,
            fetched_at=now_iso(),
        )


def _reject_declared_length(name: str, response: requests.Response, max_bytes: int) -> None:
    # With gzip this is the compressed size, which is at most the size we count, so a
    # body it rejects would have been rejected while streaming anyway, only later.
    declared = response.headers.get("Content-Length", "")
    if declared.strip().isdigit() and int(declared) > max_bytes:
        raise too_large_error(name, max_bytes)


def read_body(
    response: requests.Response,
    read_timeout: float,
    deadline: Deadline,
    max_bytes: int,
    *,
    truncate: bool = False,
) -> bytes:
    """The decompressed body, refused as soon as it passes the cap or the deadline.

    read1 returns after one socket read, and urllib3 inflates at most the amount asked
    for, so neither a trickle nor a decompression bomb can run on between checks.
    """
    raw = response.raw
    chunks: list[bytes] = []
    total = 0
    while True:
        _limit_socket_wait(response, deadline.bound(read_timeout))
        try:
            chunk = raw.read1(_CHUNK_SIZE, decode_content=True)
        except ReadTimeoutError as exc:
            raise requests.ConnectionError(exc) from exc
        except ProtocolError as exc:
            raise requests.exceptions.ChunkedEncodingError(exc) from exc
        except DecodeError as exc:
            raise requests.exceptions.ContentDecodingError(exc) from exc
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > max_bytes:
            if truncate:
                chunks.append(chunk)
                return b"".join(chunks)[:max_bytes]
            raise too_large_error(deadline.url, max_bytes)
        chunks.append(chunk)
        deadline.check()


def _limit_socket_wait(response: requests.Response, seconds: float) -> None:
    """Make the next socket read wait at most `seconds`.

    The read timeout given to requests is fixed when the request is sent; the deadline
    shrinks as the body arrives, so the socket's own timeout is cut to match.
    """
    connection = getattr(response.raw, "connection", None)
    sock = getattr(connection, "sock", None)
    if sock is not None:
        sock.settimeout(seconds)
