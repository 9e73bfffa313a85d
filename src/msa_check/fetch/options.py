"""The limits and manners of one fetch, checked when built so a bad value fails before any I/O."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from msa_check.errors import SETTING, Setting, UsageError

_DAY = 24 * 60 * 60


@dataclass(frozen=True)
class FetchOptions:
    """Limits on one fetch, and how politely it is made.

    Timeouts are seconds. `total_deadline` bounds everything done for one source: robots.txt,
    every retry, every redirect and the whole body, so nothing can hang. The cache keeps
    answers on disk (`cache_dir`, else $XDG_CACHE_HOME/msa-check or ~/.cache/msa-check) so a
    re-run is fast and sees the same bytes; `offline` answers from it alone.
    `allow_private_urls` lifts the rule that a public page may not lead to an internal
    address (a URL given directly may always be internal).
    """

    connect_timeout: float = 10.0
    read_timeout: float = 30.0  # of silence from the server, not of the whole transfer
    max_bytes: int = 50 * 1024 * 1024  # of content as received, after any decompression
    max_redirects: int = 10
    total_deadline: float = 60.0
    retries: int = 3  # after the first try, on 429, 502, 503, 504 and connection resets
    backoff_base: float = 1.0  # waits 1, 2, 4 s between tries when the server names no time
    host_interval: float = 1.0  # least time between two requests to one host
    respect_robots: bool = True
    use_cache: bool = True
    cache_dir: str | None = None
    cache_max_age: float = 7 * _DAY  # older answers are fetched again, unless offline
    offline: bool = False
    # Let a page reached from a public address lead to a loopback, private, link-local or
    # other internal address (fetch/addresses.py); off, so a hostile site cannot send
    # msa-check into the network it runs in.
    allow_private_urls: bool = False
    # A URL given directly may be internal; False refuses that too (a server whose URLs
    # come from other people). allow_private_urls overrides it.
    allow_private_given_urls: bool = True

    def __post_init__(self) -> None:
        positive = {
            "connect timeout": self.connect_timeout,
            "read timeout": self.read_timeout,
            "total deadline": self.total_deadline,
        }
        for name, value in positive.items():
            if not value > 0:
                raise UsageError(f"{name} must be positive, got {value}")
        if self.max_bytes <= 0:
            raise UsageError(
                f"maximum size must be a positive number of bytes, got {self.max_bytes}"
            )
        not_negative = {
            "maximum redirects": self.max_redirects,
            "retries": self.retries,
            "backoff base": self.backoff_base,
            "host interval": self.host_interval,
            "cache maximum age": self.cache_max_age,
        }
        for name, number in not_negative.items():
            if number < 0:
                raise UsageError(f"{name} cannot be negative, got {number}")
        if self.offline and not self.use_cache:
            raise UsageError(
                f"offline mode answers from the cache, so it cannot go with {SETTING}",
                setting=Setting.NO_CACHE,
            )

    def cache_path(self) -> Path:
        """The folder of the cache: `cache_dir`, else the user's cache folder."""
        if self.cache_dir:
            return Path(self.cache_dir).expanduser()
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "msa-check"
