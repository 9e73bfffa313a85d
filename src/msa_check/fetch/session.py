"""The Fetcher: a URL's bytes, with redirects, retries, robots.txt, pacing and the cache.

One Fetcher may serve many fetches and many threads at once (a batch): requests sessions
are kept per thread, while robots.txt rules, the per-host pacing and the cache are shared.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType

import requests

from msa_check.errors import SETTING, FetchError, Setting
from msa_check.fetch.address_chains import AddressChains
from msa_check.fetch.addresses import AddressClassifier, PrivateAddressError
from msa_check.fetch.cache import AnswerCache
from msa_check.fetch.deadline import Deadline
from msa_check.fetch.failures import describe_failure, is_timeout, status_error
from msa_check.fetch.http import Answer, new_session, send_get
from msa_check.fetch.local import too_large_error
from msa_check.fetch.options import FetchOptions
from msa_check.fetch.pacing import HostPacer, PacingObserver
from msa_check.fetch.retry import RETRY_STATUSES, backoff, is_transient, retry_after
from msa_check.fetch.robots import RobotsRules
from msa_check.fetch.urls import NOT_HTTP, join_url, shown_url, url_problem
from msa_check.models import FetchedSource, SourceKind

# RFC 9309: a crawler must parse at least the first 500 KiB; a longer file is cut there
# and read, not ignored (ignoring it would allow all).
_ROBOTS_MAX_BYTES = 500 * 1024


@dataclass(frozen=True)
class Fetched:
    """A fetched source, and whether its final answer came from the cache."""

    source: FetchedSource
    from_cache: bool = False


class Fetcher:
    """Fetches URLs under one set of FetchOptions. Close it, or use it as a context manager.

    `on_pacing`, if given, hears of each request that waits for its host's turn.
    """

    def __init__(
        self,
        options: FetchOptions | None = None,
        *,
        classify_address: AddressClassifier | None = None,
        on_pacing: PacingObserver | None = None,
    ) -> None:
        self.options = options or FetchOptions()
        # The classifier is injectable so tests on 127.0.0.1 can make one server "public".
        self._chains = AddressChains(
            allow_private=self.options.allow_private_urls,
            allow_private_given=self.options.allow_private_given_urls,
            classify=classify_address,
        )
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._sessions_lock = threading.Lock()
        self._pacer = HostPacer(self.options.host_interval, on_pacing)
        self._robots = RobotsRules(self._read_robots)
        self._cache = (
            AnswerCache(self.options.cache_path(), self.options.cache_max_age)
            if self.options.use_cache
            else None
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        with self._sessions_lock:
            for session in self._sessions:
                session.close()
            self._sessions.clear()
        if self._cache is not None:
            self._cache.close()

    @contextmanager
    def one_source(self, url: str) -> Iterator[None]:
        """Fetches in this thread inside the block share one deadline, that of source `url`.

        A source is all that checking one input takes: robots.txt, the homepage, every
        candidate link, retries, redirects and bodies; --deadline bounds the sum.
        The address rule holds across the source too: once any of its fetches has
        reached a public address, none may reach an internal one (fetch/addresses.py).
        """
        if getattr(self._local, "source_deadline", None) is not None:
            yield  # already inside a source: its deadline holds
            return
        self._local.source_deadline = Deadline(self.options.total_deadline, url)
        try:
            with self._chains.chain(new=True):
                yield
        finally:
            self._local.source_deadline = None

    @contextmanager
    def new_address_chain(self) -> Iterator[None]:
        """Inside the block, fetches in this thread start an address chain of their own:
        for a URL the user named (a homepage given with the statement), which may be
        internal whatever the statement's address was."""
        with self._chains.chain(new=True):
            yield

    def fetch(self, url: str) -> FetchedSource:
        """The bytes at `url` after redirects; FetchError for any failure."""
        return self.get(url).source

    def get(self, url: str) -> Fetched:
        """As `fetch`, and say whether the answer came from the cache."""
        problem = url_problem(url)
        if problem is not None:  # e.g. "http://[::1": an unclosed IPv6 address
            raise FetchError(f"{shown_url(url)} is not a valid URL: {problem}")
        deadline = getattr(self._local, "source_deadline", None)
        if deadline is None:
            deadline = Deadline(self.options.total_deadline, url)
        with self._chains.chain():  # a lone fetch is a chain of its own, redirects and all
            answer, redirects = self._follow(
                url, deadline, self.options.max_bytes, obey_robots=True
            )
        if answer.status >= 400:
            raise status_error(url, answer.status, answer.reason, answer.url)
        return Fetched(
            FetchedSource(
                location=url,
                kind=SourceKind.URL,
                content=answer.content,
                sha256=hashlib.sha256(answer.content).hexdigest(),
                fetched_at=answer.fetched_at,
                final_url=answer.url,
                status=answer.status,
                content_type=answer.headers.get("Content-Type"),
                redirects=redirects,
            ),
            from_cache=answer.from_cache,
        )

    def _follow(
        self,
        url: str,
        deadline: Deadline,
        max_bytes: int,
        *,
        obey_robots: bool,
        truncate: bool = False,
    ) -> tuple[Answer, tuple[str, ...]]:
        """The answer at the end of the redirects from `url`, and each URL that redirected."""
        visited = [url]
        current = url
        while True:
            answer = self._answer(
                current, deadline, max_bytes, obey_robots=obey_robots, truncate=truncate
            )
            if answer.location is None:
                return answer, tuple(visited[:-1])
            current = _redirect_target(url, current, answer.location)
            if current in visited:
                raise FetchError("redirect loop: " + " -> ".join([*visited, current]))
            if len(visited) > self.options.max_redirects:
                raise FetchError(
                    f"more than {self.options.max_redirects} redirects from {url}"
                    " (a redirect loop?)"
                )
            visited.append(current)

    def _answer(
        self,
        url: str,
        deadline: Deadline,
        max_bytes: int,
        *,
        obey_robots: bool,
        truncate: bool = False,
    ) -> Answer:
        """One URL's answer: from the cache if there, else from the network, with retries."""
        options = self.options
        if self._cache is not None:
            cached = self._cache.get(url, stale_ok=options.offline)
            if cached is not None:
                if len(cached.content) > max_bytes:
                    raise too_large_error(deadline.url, max_bytes)
                if not options.offline:
                    self._chains.admit_cached(url)
                return cached
        if options.offline:
            raise FetchError(f"not in the cache (offline): {url}")
        if obey_robots and options.respect_robots:
            self._robots.check(url, deadline)
        answer = self._send_with_retries(url, deadline, max_bytes, truncate=truncate)
        if self._cache is not None:
            self._cache.put(answer)
        return answer

    def _send_with_retries(
        self, url: str, deadline: Deadline, max_bytes: int, *, truncate: bool = False
    ) -> Answer:
        """Send, and on 429, 502-504 or a reset connection wait and send again.

        Each wait is the server's Retry-After, else the backoff; one that would pass the
        deadline ends the tries at once, since waiting less than asked is likely wasted.
        """
        options = self.options
        for retry in range(options.retries + 1):
            self._pacer.wait_turn(url, deadline)
            try:
                answer = send_get(
                    self._session(),
                    url,
                    options,
                    deadline,
                    max_bytes,
                    truncate=truncate,
                    addresses=self._chains.current(),
                )
            except requests.RequestException as exc:
                if is_timeout(exc) and deadline.passed:
                    raise deadline.error() from exc
                failure = describe_failure(deadline.url, exc, options)
                if retry == options.retries or not is_transient(exc):
                    raise failure from exc
                wait = backoff(retry, options.backoff_base)
            else:
                if answer.status not in RETRY_STATUSES or retry == options.retries == 0:
                    return answer
                failure = status_error(deadline.url, answer.status, answer.reason, answer.url)
                if retry == options.retries:
                    raise _with_reason(failure, f"after {retry} retries")
                asked = retry_after(answer.headers)
                wait = backoff(retry, options.backoff_base) if asked is None else asked
            if wait > deadline.remaining():
                raise _with_reason(
                    failure,
                    f"a retry in {wait:g} s would pass the {deadline.seconds:g} s deadline;"
                    f" use {SETTING} to allow longer",
                    Setting.DEADLINE,
                )
            deadline.sleep(wait)
        raise AssertionError("unreachable: the last try returns or raises")

    def _read_robots(self, robots_url: str, deadline: Deadline) -> str | None:
        try:
            max_bytes = min(_ROBOTS_MAX_BYTES, self.options.max_bytes)
            answer, _ = self._follow(
                robots_url, deadline, max_bytes, obey_robots=False, truncate=True
            )
        except PrivateAddressError:
            raise  # the URL it is for would be refused too; say so, and remember nothing
        except FetchError:
            return None  # unreachable or unreadable: allow, and let the fetch report
        if not 200 <= answer.status < 300:
            return None
        return answer.content.decode("utf-8", errors="replace")

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = new_session()
            self._local.session = session
            with self._sessions_lock:
                self._sessions.append(session)
        return session


def _redirect_target(first: str, current: str, location: str) -> str:
    """Where a redirect from `current` leads; FetchError, naming `first` (the URL the
    fetch began with), if its Location is no http(s) URL that can be fetched."""
    try:
        return join_url(current, location)
    except ValueError as exc:
        if str(exc) == NOT_HTTP:
            raise FetchError(f"{first} redirected to a URL that is not http or https") from exc
        raise FetchError(
            f"{first} redirected to a malformed URL {shown_url(location.strip())}: {exc}"
        ) from exc


def _with_reason(error: FetchError, why: str, setting: Setting | None = None) -> FetchError:
    return FetchError(f"{error.template} ({why})", setting=setting or error.setting)
