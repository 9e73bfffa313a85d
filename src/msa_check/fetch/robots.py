"""robots.txt, read once per host and obeyed before every request to it.

A robots.txt that is missing, answers with an error, or cannot be reached allows
everything: the fetch itself then says what is wrong with the site, if anything is.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from msa_check.errors import SETTING, FetchError, Setting
from msa_check.fetch.deadline import Deadline
from msa_check.fetch.http import USER_AGENT
from msa_check.fetch.pacing import host_of

# Reads robots.txt at the URL given: its text, or None when it allows everything.
RobotsReader = Callable[[str, Deadline], str | None]


class RobotsRules:
    """The robots.txt rules of every host seen, each read once, safe to share across threads."""

    def __init__(self, read_robots: RobotsReader) -> None:
        self._read_robots = read_robots
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        self._parsers: dict[str, RobotFileParser | None] = {}

    def check(self, url: str, deadline: Deadline) -> None:
        """Raise FetchError if the robots.txt of the URL's host disallows it."""
        parser = self._parser_for(host_of(url), deadline)
        if parser is not None and not parser.can_fetch(USER_AGENT, url):
            parts = urlsplit(url)
            path = parts.path or "/"
            if parts.query:
                path += f"?{parts.query}"
            raise FetchError(
                f"robots.txt of {parts.netloc} disallows {path} (use {SETTING} to fetch it anyway)",
                setting=Setting.IGNORE_ROBOTS,
            )

    def _parser_for(self, host: str, deadline: Deadline) -> RobotFileParser | None:
        # One lock per host: two threads wanting one host's rules read them once,
        # while threads on other hosts go on.
        with self._lock:
            host_lock = self._host_locks.setdefault(host, threading.Lock())
        with host_lock:
            if host not in self._parsers:
                self._parsers[host] = _parse(self._read_robots(f"{host}/robots.txt", deadline))
            return self._parsers[host]


def _parse(text: str | None) -> RobotFileParser | None:
    if text is None:
        return None
    parser = RobotFileParser()
    parser.parse(text.splitlines())  # also marks it read: can_fetch says False until then
    return parser
