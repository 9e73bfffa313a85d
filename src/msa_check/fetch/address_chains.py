"""Which address rule each fetch is held to: one per source, per thread, as the Fetcher runs.

A source (everything checking one input takes) is one chain: once any of its fetches has
reached a public address, none may reach an internal one (addresses.SourceAddresses). A
homepage the user names starts a chain of its own; a fetch outside any source is a chain
by itself, with its redirects and robots.txt.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from msa_check.fetch import addresses
from msa_check.fetch.addresses import AddressClassifier, SourceAddresses, host_addresses


class AddressChains:
    """The address rule of each thread's current chain, made under one set of options."""

    def __init__(
        self,
        *,
        allow_private: bool,
        allow_private_given: bool,
        classify: AddressClassifier | None = None,
    ) -> None:
        self._allow_private = allow_private
        self._allow_private_given = allow_private_given
        # Read when built, not imported: a test can swap addresses.classify_address.
        self._classify = classify or addresses.classify_address
        self._local = threading.local()  # .rule: the chain this thread fetches in, if any

    def _new_rule(self) -> SourceAddresses:
        return SourceAddresses(
            allow_private=self._allow_private,
            allow_private_given=self._allow_private_given,
            classify=self._classify,
        )

    @contextmanager
    def chain(self, *, new: bool = False) -> Iterator[SourceAddresses]:
        """Fetches in this thread inside the block share one rule: the chain already
        open if there is one, unless `new` asks for a chain of their own."""
        outer: SourceAddresses | None = getattr(self._local, "rule", None)
        if outer is not None and not new:
            yield outer
            return
        self._local.rule = rule = self._new_rule()
        try:
            yield rule
        finally:
            self._local.rule = outer

    def current(self) -> SourceAddresses:
        """This thread's rule; a fresh one if no chain is open."""
        rule: SourceAddresses | None = getattr(self._local, "rule", None)
        return rule if rule is not None else self._new_rule()

    def admit_cached(self, url: str) -> None:
        """Hold an answer from the cache to the rule, by what its host resolves to now.

        No connection is made, but what the answer leads to next will be, so a public
        page read from the cache must count as public, and an internal page reached from
        a public one is refused even from the cache. A host that does not resolve now is
        let pass: nothing is sent to it.
        """
        rule = self.current()
        if rule.allow_private:
            return
        try:
            parts = urlsplit(url)
            found = host_addresses(parts.hostname or "", parts.port)
        except (OSError, UnicodeError, ValueError):
            return
        rule.admit(url, *found)
