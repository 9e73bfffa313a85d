"""An on-disk cache of answers, so a re-run is fast and reads the same bytes.

requests-cache stores the answers (SQLite, one file under the cache folder). Its session
is not used: it reads a whole body before anyone can count it, which would let a huge
body past the size cap. The Fetcher reads each body within the cap, then stores it here;
redirects are stored too, so an offline run follows the same chain.
"""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import requests
from requests.structures import CaseInsensitiveDict
from requests_cache.backends.sqlite import SQLiteCache
from requests_cache.models.request import CachedRequest
from requests_cache.models.response import CachedResponse

from msa_check.errors import SETTING, FetchError, Setting
from msa_check.fetch.http import REDIRECT_STATUSES, Answer

CACHE_FILE_NAME = "http-cache.sqlite"
# Error pages are not kept: the next run should try again.
_KEPT_STATUSES = frozenset({200, 203}) | REDIRECT_STATUSES


class AnswerCache:
    """Answers by URL, each kept for `max_age` seconds (and for ever when offline)."""

    def __init__(self, folder: Path, max_age: float) -> None:
        self.folder = folder
        self.max_age = max_age
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._store = SQLiteCache(folder / CACHE_FILE_NAME, wal=True)
        except (OSError, sqlite3.Error) as exc:
            raise FetchError(
                f"cannot use the cache folder {folder}: {exc} (use {SETTING})",
                setting=Setting.CACHE_FOLDER,
            ) from exc

    def get(self, url: str, *, stale_ok: bool) -> Answer | None:
        """The stored answer for `url`; an expired one only if `stale_ok`."""
        try:
            cached = self._store.get_response(self._key(url))
        # A damaged entry, or one written by another version of requests-cache, is a miss.
        except Exception:
            return None
        if cached is None or (cached.is_expired and not stale_ok):
            return None
        return Answer(
            url=url,
            status=cached.status_code,
            reason=str(cached.reason or ""),
            headers=cached.headers,
            content=cached.content or b"",
            fetched_at=_iso(cached.created_at),
            from_cache=True,
        )

    def put(self, answer: Answer) -> None:
        if answer.status not in _KEPT_STATUSES:
            return
        fetched_at = datetime.fromisoformat(answer.fetched_at)
        cached = CachedResponse(
            content=answer.content,
            headers=CaseInsensitiveDict(answer.headers),
            status_code=answer.status,
            reason=answer.reason,
            url=answer.url,
            request=CachedRequest(method="GET", url=answer.url),
            created_at=fetched_at,
            expires=fetched_at + timedelta(seconds=self.max_age),
        )
        # A full disk or a locked file costs a fetch next time, nothing more.
        with contextlib.suppress(sqlite3.Error):
            self._store.responses[self._key(answer.url)] = cached

    def close(self) -> None:
        self._store.close()  # type: ignore[no-untyped-call]  # requests-cache leaves it unannotated

    def _key(self, url: str) -> str:
        key: str = self._store.create_key(requests.Request("GET", url).prepare())
        return key


def _iso(moment: datetime | None) -> str:
    if moment is None:
        return datetime.now(timezone.utc).isoformat(timespec="seconds")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")
