"""The words a regex cannot match without: a cheap test that skips most regex searches.

`\\bsuppliers?\\s+(?:must|shall)\\b` matches no sentence that lacks "supplier", nor one
that lacks both "must" and "shall". `required_literals` works such facts out from the
pattern's syntax tree: a conjunction of sets of alternatives, each a set of lower-case
strings of which any match must contain at least one. A sentence whose lower-case text
fails one of them is not searched (rules/literal_search.py looks for them): a substring
test costs a tenth of a regex search, and most rule regexes find nothing in most
sentences.

Derivation is conservative: anything it does not understand (back-references,
character classes, repeats that may be absent, syntax of the `regex` module that `re`
does not parse) gives no requirement for that part, and a pattern it cannot parse at
all gets none, so it is always searched. Only ASCII characters are used: under
IGNORECASE a few other characters match an ASCII letter (the long s U+017F matches "s",
the dotless i U+0131 matches "I"), and literal_search.literal_haystack maps those to the
ASCII letter.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from dataclasses import dataclass
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from msa_check.rules.literal_search import Requirement

# `re`'s own parser: public as sre_parse up to 3.10, as re._parser (sre_parse deprecated)
# from 3.11. Private, hence kept to this module and checked against the patterns by tests.
_parser: Any = importlib.import_module("re._parser" if sys.version_info >= (3, 11) else "sre_parse")

# Exact sets larger than this are cut into requirements: "[ab][cd][ef]..." would explode.
_MAX_EXACT = 32
_MAX_CLASS = 4  # a character class of up to this many letters is kept as alternatives
_MAX_REQUIREMENTS = 3  # the most selective few are enough; each costs a substring test
# `regex` reads "(?:cat){e<=1}" as fuzzy matching (which also matches "cot"), `re` as
# literal text after "cat": a pattern with a brace `re` takes literally gets no pre-filter.
_BRACES = frozenset("{}")


class _Unsupported(Exception):
    """The pattern may mean something else to `regex` than to `re`."""


@dataclass(frozen=True)
class _Info:
    """What a part of a pattern matches: exactly one of a few strings, or text that must
    contain one string of each requirement."""

    exact: frozenset[str] | None
    required: tuple[Requirement, ...] = ()


_NOTHING = _Info(None)
_EMPTY = _Info(frozenset({""}))


def required_literals(pattern: str, flags: int = 0) -> tuple[Requirement, ...]:
    """Sets of strings, each of which a match of `pattern` (IGNORECASE) must meet; () if none.

    `flags` are the `re` flags the pattern is compiled with: under VERBOSE its spaces and
    comments are no part of what it matches. Literals are lower case whatever the flags,
    and so is `literal_haystack`, so they serve a case-sensitive pattern as well.
    """
    try:
        with warnings.catch_warnings():
            # `re` warns of "[[:alpha:]]" and "--" in a set, which `regex` may read otherwise.
            warnings.simplefilter("error")
            info = _sequence(list(_parser.parse(pattern, flags)))
    except Exception:  # syntax `re` does not read as `regex` does: no pre-filter
        return ()
    required = list(info.required)
    if info.exact is not None:
        required.append(info.exact)
    useful = {_simplest(r) for r in required if r and "" not in r}
    ranked = sorted(useful, key=_rank)
    return tuple(ranked[:_MAX_REQUIREMENTS])


def _commonness(requirement: Requirement) -> float:
    """A rough share of sentences meeting `requirement`: the lower, the more it rejects.

    Each string counts half as often per character it has, and a common English word
    ("the", "our", "not") as if in every sentence: in "(?:our|the)\\s+goal\\s+is" the
    stop words are in most sentences and "goal" in few, though all are three or four
    letters long. Between two stop words the longer still wins ("yet" over "to").
    """
    return sum(_STOP_WORD_SHARE * (s.strip() in STOP_WORDS) + 0.5 ** len(s) for s in requirement)


_STOP_WORD_SHARE = 1.0  # a stop word is in about every sentence: it rejects next to none


def _simplest(requirement: Requirement) -> Requirement:
    """Drop alternatives that contain another: any text with "buys" has "buy"."""
    return frozenset(s for s in requirement if not any(o != s and o in s for o in requirement))


def _sequence(items: list[tuple[Any, Any]]) -> _Info:
    run: frozenset[str] | None = frozenset({""})  # the exact strings of the current stretch
    required: list[Requirement] = []
    whole_is_exact = True
    for item in items:
        info = _node(*item)
        if info.exact is not None and run is not None:
            joined = {a + b for a in run for b in info.exact}
            if len(joined) <= _MAX_EXACT:
                run = frozenset(joined)
                continue
        whole_is_exact = False
        if run is not None:
            required.append(run)
        required.extend(info.required)
        run = info.exact
        if run is None:
            run = frozenset({""})
    if whole_is_exact:
        return _Info(run)
    if run is not None:
        required.append(run)
    return _Info(None, tuple(r for r in required if "" not in r))


def _node(op: Any, value: Any) -> _Info:
    name = str(op)
    if name == "LITERAL":
        return _literal(value)
    if name == "IN":
        return _char_class(value)
    if name == "ASSERT":
        return _lookaround(_sequence(list(value[1])))
    if name in ("AT", "ASSERT_NOT"):
        return _EMPTY  # zero width: the text around it is still adjacent in the match
    if name == "SUBPATTERN":
        return _sequence(list(value[-1]))
    if name == "ATOMIC_GROUP":
        return _sequence(list(value))
    if name == "BRANCH":
        return _branch([_sequence(list(b)) for b in value[1]])
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return _repeat(value[0], value[1], _sequence(list(value[2])))
    return _NOTHING  # any character, categories, back-references, conditionals


def _lookaround(inner: _Info) -> _Info:
    """A lookahead or lookbehind: what it needs is in the searched text, if not in the
    match ("^(?=.*\\bapprov)..." searches no sentence without "approv"), and the text
    around it is still adjacent in the match when it needs nothing."""
    best = _best(inner)
    return _Info(None, (best,)) if best is not None else _EMPTY


def _literal(code: int) -> _Info:
    char = chr(code)
    if char in _BRACES:
        raise _Unsupported(char)
    return _Info(frozenset({char.lower()})) if char.isascii() else _NOTHING


def _char_class(items: Any) -> _Info:
    chars: set[str] = set()
    for op, value in items:
        if str(op) != "LITERAL":
            return _NOTHING  # ranges, categories, negation
        literal = _literal(value).exact
        if literal is None:
            return _NOTHING
        chars |= literal
    return _Info(frozenset(chars)) if 0 < len(chars) <= _MAX_CLASS else _NOTHING


def _branch(branches: list[_Info]) -> _Info:
    if all(b.exact is not None for b in branches):
        union = frozenset(s for b in branches for s in b.exact or ())
        if len(union) <= _MAX_EXACT:
            return _Info(union)
    options = [_options(branch) for branch in branches]
    if not all(options):
        return _NOTHING  # one branch needs nothing, so the whole needs nothing
    first_choices = [min(o, key=_rank) for o in options]
    alternatives: set[str] = set()
    for index, branch_options in enumerate(options):
        others = {s for i, c in enumerate(first_choices) if i != index for s in c}
        cheapest = min(branch_options, key=lambda o: (_added_commonness(o, others), _rank(o)))
        alternatives |= cheapest
    return _Info(None, (_simplest(frozenset(alternatives)),))


def _added_commonness(option: Requirement, others: set[str]) -> float:
    """What `option` adds to the alternatives other branches bring: a string holding
    one of theirs ("not" holds "no") costs nothing, as the test of "no" passes it anyway.
    So "(?:have|has)\\s+taken\\s+no|\\bno\\b" needs "no" of both branches, not "taken"."""
    return _commonness(frozenset(s for s in option if not any(o in s for o in others)))


def _options(info: _Info) -> list[Requirement]:
    """A part's requirements that a test can use: each is met by every match."""
    options = list(info.required)
    if info.exact is not None:
        options.append(info.exact)
    return [o for o in options if o and "" not in o]


def _rank(requirement: Requirement) -> tuple[float, list[str]]:
    return (_commonness(requirement), sorted(requirement))


def _best(info: _Info) -> Requirement | None:
    """The most selective single requirement of a part, if it has one."""
    options = _options(info)
    return min(options, key=_rank) if options else None


def _repeat(low: int, high: int, item: _Info) -> _Info:
    if low == 0:
        if high == 1 and item.exact is not None:
            return _Info(item.exact | {""})  # "suppliers?"
        return _EMPTY if high == 0 else _NOTHING
    if item.exact is not None and low == high:
        repeated = frozenset({""})
        for _ in range(low):
            repeated = frozenset(a + b for a in repeated for b in item.exact)
            if len(repeated) > _MAX_EXACT:
                return _Info(None, (item.exact,) if "" not in item.exact else ())
        return _Info(repeated)
    # At least once: whatever one repetition needs, the whole needs.
    if item.exact is not None:
        return _Info(None, (item.exact,) if "" not in item.exact else ())
    return _Info(None, item.required)
