"""What a running server is set up with: where it keeps things and how it fetches."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from msa_check.defaults import DEFAULT_MODEL
from msa_check.errors import DEFAULT_MAX_CHARS
from msa_check.fetch import FetchOptions

CHECKS_FOLDER = "checks"  # one folder per statement checked
BATCHES_FOLDER = "batches"  # one folder per supplier list, with its SQLite store


@dataclass(frozen=True)
class ServeSettings:
    """The server's settings; `fetch` limits every fetch as the same options limit `check`.

    Without `fetch.allow_private_urls`, a URL given on a page (or in an uploaded list) is
    refused outright when its host is on a loopback, private or link-local address: a
    page's user is not trusted as a command line's is.
    """

    fetch: FetchOptions = field(default_factory=FetchOptions)
    model: str = DEFAULT_MODEL
    max_chars: int = DEFAULT_MAX_CHARS
    check_threads: int = 2  # statements checked at once; more wait their turn
    batch_workers: int | None = None  # analysis processes of a batch; None: one per core
    resume: bool = True  # restart unfinished checks and batches when the server starts
    extra_rules: tuple[str, ...] = ()  # rule files offered beside the bundled and configured

    @property
    def allow_private_urls(self) -> bool:
        return self.fetch.allow_private_urls

    @property
    def check_fetch(self) -> FetchOptions:
        """The fetch options of a statement checked from a page: unless private URLs are
        allowed, the connection itself is held to the rule on every hop, the first
        included (a name that answered public to the look-up ahead of time and private to
        the connection is refused too)."""
        if self.allow_private_urls:
            return self.fetch
        return replace(self.fetch, allow_private_given_urls=False)

    @property
    def max_bytes(self) -> int:
        return self.fetch.max_bytes


def checks_folder(store: Path) -> Path:
    return store / CHECKS_FOLDER


def batches_folder(store: Path) -> Path:
    return store / BATCHES_FOLDER
