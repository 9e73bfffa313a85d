"""When to try a request again, and how long to wait first.

Servers under load answer 429 or 5xx gateway errors, or reset the connection; a later try
often succeeds. A server's Retry-After is obeyed, but never past the deadline.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from http.client import RemoteDisconnected

import requests

from msa_check.fetch.failures import causes

RETRY_STATUSES = frozenset({429, 502, 503, 504})


def retry_after(headers: Mapping[str, str], now: datetime | None = None) -> float | None:
    """Seconds the server asks to wait: Retry-After as seconds or as an HTTP date."""
    value = headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def backoff(retry: int, base: float) -> float:
    """Seconds before retry number `retry` (0 for the first): base, 2 x base, 4 x base..."""
    return base * float(2**retry)


def is_transient(exc: requests.RequestException) -> bool:
    """A connection reset or dropped without an answer: worth another try."""
    return any(
        isinstance(cause, (ConnectionResetError, RemoteDisconnected)) for cause in causes(exc)
    )
