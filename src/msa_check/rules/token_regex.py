"""REGEX in spaCy token patterns, run on the `regex` module under the rules' time limit.

spaCy's Matcher answers `{"LOWER": {"REGEX": "..."}}` with Python's `re`, which has no
time limit: `(a|aa)+$` on one 40-letter token backtracks for hours. So before a pattern
reaches the Matcher, each REGEX predicate is swapped for a custom token attribute
(`{"_": {"msa_rx_...": True}}`) whose getter searches the same attribute text with the
same expression on `regex`, with a timeout. A search that runs out of time answers False,
and the expression is not tried again on the rest of that document, so one document
costs at most one timeout per expression; the Matcher's caller learns which expressions
timed out (and on which token) to report it, as for rule regexes.

The semantics are spaCy's: `search` anywhere in the attribute's text, case-sensitive.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import regex
from spacy.tokens import Token

# A sound regex searches a sentence in microseconds; a second is only ever backtracking.
REGEX_TIMEOUT_SECONDS = 1.0
_PREFIX = "msa_rx_"
_state = threading.local()  # .timed_out: {extension name: token index}, for the doc matched now


@dataclass(frozen=True)
class TokenRegex:
    """One REGEX predicate of a token pattern, answered by the token extension `name`."""

    name: str
    attribute: str  # the pattern's key, e.g. "LOWER", or "_.some_extension"
    expression: str


def without_token_regexes(
    pattern: Sequence[Mapping[str, Any]],
) -> tuple[list[dict[str, Any]], list[TokenRegex]]:
    """`pattern` with each REGEX predicate replaced by a timed extension, and those used.

    A REGEX beside other predicates on one attribute (`{"REGEX": r, "NOT_IN": [...]}`)
    keeps the others on the attribute and adds the extension beside it.
    """
    rewritten: list[dict[str, Any]] = []
    tests: list[TokenRegex] = []
    for token in pattern:
        new_token: dict[str, Any] = {}
        extensions: dict[str, Any] = {}
        for key, value in token.items():
            if key == "_" and isinstance(value, Mapping):
                for ext_name, ext_value in value.items():
                    kept = _split(f"_.{ext_name}", ext_value, tests, extensions)
                    if kept is not None:
                        extensions[ext_name] = kept
                continue
            kept = _split(key, value, tests, extensions)
            if kept is not None:
                new_token[key] = kept
        if extensions:
            new_token["_"] = extensions
        rewritten.append(new_token)
    return rewritten, tests


def _split(key: str, value: Any, tests: list[TokenRegex], extensions: dict[str, Any]) -> Any:
    """The predicates of `key` spaCy keeps (None for none); a REGEX goes to `extensions`."""
    if not (isinstance(value, Mapping) and isinstance(value.get("REGEX"), str)):
        return value
    test = _register(key, value["REGEX"])
    tests.append(test)
    extensions[test.name] = True
    others = {k: v for k, v in value.items() if k != "REGEX"}
    return others or None


def _register(attribute: str, expression: str) -> TokenRegex:
    digest = hashlib.sha256(f"{attribute}\0{expression}".encode()).hexdigest()[:20]
    test = TokenRegex(_PREFIX + digest, attribute, expression)
    # force: the same name always means the same attribute and expression, so a second
    # rule set (or a second matcher of the first) may set it again.
    Token.set_extension(test.name, getter=_getter(test), force=True)
    return test


def _getter(test: TokenRegex) -> Callable[[Token], bool]:
    compiled = regex.compile(test.expression)
    read = _reader(test.attribute)

    def matches(token: Token) -> bool:
        timed_out: dict[str, int] | None = getattr(_state, "timed_out", None)
        if timed_out is not None and test.name in timed_out:
            return False  # ran out of time earlier in this document: not tried again
        try:
            return compiled.search(read(token), timeout=REGEX_TIMEOUT_SECONDS) is not None
        except TimeoutError:
            if timed_out is not None:
                timed_out[test.name] = token.i
            return False

    return matches


def _reader(attribute: str) -> Callable[[Token], str]:
    """How to read the text a token pattern's attribute stands for, as spaCy does."""
    if attribute.startswith("_."):
        name = attribute[2:]
        return lambda token: str(token._.get(name))
    upper = attribute.upper()
    if upper in ("ORTH", "TEXT"):
        return lambda token: token.text
    if upper == "MORPH":
        return lambda token: str(token.morph)
    name = upper.lower() + "_"  # LOWER -> lower_, LEMMA -> lemma_, ENT_TYPE -> ent_type_
    return lambda token: str(getattr(token, name, ""))


@contextmanager
def timed_out_searches() -> Iterator[dict[str, int]]:
    """While matching one document in this thread: the extensions whose search ran out of
    time, each with the index of the token it ran out on."""
    timed_out: dict[str, int] = {}
    _state.timed_out = timed_out
    try:
        yield timed_out
    finally:
        _state.timed_out = None
