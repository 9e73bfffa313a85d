"""The checks of a rule file's leaf values, one per kind the key tables name (rules/schema.py).

Apart from validate.py, which walks the mappings of a rule file and decides which check a
value gets, because these say what one value of one kind must be and nothing of where it
sits: a new kind adds a check here and an entry in VALUE_CHECKS, and the walk is unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeGuard

import regex

from msa_check.metadata.flags import FLAGS_FROM_ALERTS
from msa_check.models import Verdict
from msa_check.rules.schema import CheckedBy
from msa_check.rules.yaml_source import DataPath

RULE_SET_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
CRITERION_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class ValueChecks:
    """The leaf checks of the Validator, its base: each records a problem through `report`
    and hands a value made of other kinds back to `check_value`, which the Validator gives."""

    # Whether token patterns are also put to spaCy's own validation (see the Validator).
    check_token_patterns = True

    def report(self, path: DataPath, message: str) -> None:
        raise NotImplementedError

    def check_value(self, value: Any, path: DataPath, kind: str) -> None:
        raise NotImplementedError

    def _str(self, value: Any, path: DataPath) -> None:
        if not isinstance(value, str) or not value.strip():
            self.report(path, f"expected text, got {_show(value)}")

    def _bool(self, value: Any, path: DataPath) -> None:
        if not isinstance(value, bool):
            self.report(path, f"expected true or false, got {_show(value)}")

    def _positive_int(self, value: Any, path: DataPath) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.report(path, f"expected a whole number of 1 or more, got {_show(value)}")

    def _id(self, value: Any, path: DataPath) -> None:
        if not isinstance(value, str) or not RULE_SET_ID.match(value):
            self.report(
                path, f"a rule set id is lower-case letters, digits and '-', got {_show(value)}"
            )

    def _criterion_id(self, value: Any, path: DataPath) -> None:
        if not isinstance(value, str) or not CRITERION_ID.match(value):
            self.report(
                path,
                "an id is lower-case letters, digits and '_', starting with a letter, "
                f"got {_show(value)}",
            )

    def _list_of_str(self, value: Any, path: DataPath) -> None:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items:
            self.report(path, f'expected a list of text, e.g. ["one", "two"], got {_show(value)}')
            return
        for index, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                self.report((*path, index), f"expected text, got {_show(item)}")

    def _regex(self, value: Any, path: DataPath) -> None:
        self._list_of_str(value, path)
        items = [value] if isinstance(value, str) else value
        for index, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, str):
                continue
            try:
                # Compiled by the engine the matcher runs it on (the `regex` module).
                regex.compile(item)
            except regex.error as exc:
                self.report(
                    (*path, index),
                    f"invalid regular expression {item!r}: {exc} "
                    "(in YAML, write regexes in single quotes so backslashes stay as written)",
                )

    def _patterns(self, value: Any, path: DataPath) -> None:
        if not isinstance(value, list) or not value:
            self.report(path, "expected a list of spaCy token patterns, e.g. [[{LOWER: board}]]")
            return
        for index, pattern in enumerate(value):
            error = (
                token_pattern_error(pattern) if self.check_token_patterns else _shape_error(pattern)
            )
            if error:
                self.report((*path, index), f"invalid spaCy token pattern: {error}")

    def _near(self, value: Any, path: DataPath) -> None:
        if not isinstance(value, list) or not value:
            self.report(path, "expected a list of {a: [...], b: [...], within: N}")
            return
        for index, item in enumerate(value):
            self.check_value(item, (*path, index), "near_item")

    def _classifier(self, value: Any, path: DataPath) -> None:
        items = [value] if isinstance(value, dict) else value
        if not isinstance(items, list) or not items:
            self.report(path, "expected a list of {label: ..., min_score: 0.5}")
            return
        for index, item in enumerate(items):
            item_path = path if isinstance(value, dict) else (*path, index)
            self.check_value(item, item_path, "signal")
            if not isinstance(item, dict):
                continue
            low, high = item.get("min_score"), item.get("below")
            if low is None and high is None:
                self.report(item_path, "a classifier signal needs min_score, below or both")
            elif _is_score(low) and _is_score(high) and low >= high:
                self.report(item_path, f"min_score {low} must be less than below {high}")

    def _weight(self, value: Any, path: DataPath) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            self.report(path, f"expected a weight of 0 or more, e.g. 2, got {_show(value)}")

    def _score(self, value: Any, path: DataPath) -> None:
        if not _is_score(value):
            self.report(path, f"expected a score from 0.0 to 1.0, got {_show(value)}")

    def _alerts(self, value: Any, path: DataPath) -> None:
        if not isinstance(value, list):
            self.report(path, "expected a list of alerts, each with id, message and match")
            return
        for index, item in enumerate(value):
            self.check_value(item, (*path, index), "alert")
            if isinstance(item, dict) and ("match" in item) == ("unless_met" in item):
                self.report(
                    (*path, index),
                    "an alert needs exactly one of match (sentences that raise it) and "
                    "unless_met (criteria whose absence raises it)",
                )

    def _qualifiers(self, value: Any, path: DataPath) -> None:
        if not isinstance(value, list):
            self.report(path, "expected a list of qualifiers, each with id, title and match")
            return
        for index, item in enumerate(value):
            self.check_value(item, (*path, index), "qualifier")

    def _verdict(self, value: Any, path: DataPath) -> None:
        allowed = [v.value for v in Verdict if v is not Verdict.NOT_CHECKED]
        if value not in allowed:
            self.report(path, f"expected one of {', '.join(allowed)}, got {_show(value)}")

    def _alert_flag(self, value: Any, path: DataPath) -> None:
        if value not in FLAGS_FROM_ALERTS:
            allowed = ", ".join(FLAGS_FROM_ALERTS)
            self.report(path, f"expected a flag an alert can raise ({allowed}), got {_show(value)}")

    def _checked_by(self, value: Any, path: DataPath) -> None:
        allowed = [c.value for c in CheckedBy]
        if value not in allowed:
            self.report(path, f"expected one of {', '.join(allowed)}, got {_show(value)}")

    def _labels(self, value: Any, path: DataPath) -> None:
        if not isinstance(value, dict):
            self.report(path, "expected a mapping of label set to labels, e.g. {aims: [approval]}")
            return
        for key, labels in value.items():
            self._list_of_str(labels, (*path, key))


VALUE_CHECKS: dict[str, Callable[[ValueChecks, Any, DataPath], None]] = {
    "str": ValueChecks._str,
    "bool": ValueChecks._bool,
    "positive_int": ValueChecks._positive_int,
    "id": ValueChecks._id,
    "criterion_id": ValueChecks._criterion_id,
    "list[str]": ValueChecks._list_of_str,
    "regex": ValueChecks._regex,
    "patterns": ValueChecks._patterns,
    "near": ValueChecks._near,
    "alerts": ValueChecks._alerts,
    "classifier": ValueChecks._classifier,
    "score": ValueChecks._score,
    "weight": ValueChecks._weight,
    "qualifiers": ValueChecks._qualifiers,
    "verdict": ValueChecks._verdict,
    "alert_flag": ValueChecks._alert_flag,
    "checked_by": ValueChecks._checked_by,
    "labels": ValueChecks._labels,
    "list": lambda self, value, path: (
        None
        if isinstance(value, list)
        else self.report(path, f"expected a list, got {_show(value)}")
    ),
}


def token_pattern_error(pattern: Any) -> str | None:
    """Why a spaCy Matcher pattern is invalid, or None if spaCy accepts it."""
    if shape := _shape_error(pattern):
        return shape
    from spacy.matcher import Matcher  # imported here: validation of other keys needs no spaCy

    try:
        Matcher(_shared_vocab(), validate=True).add("check", [pattern])
    except Exception as exc:  # spaCy raises ValueError/MatchPatternError with its own text
        return " ".join(str(exc).split())[:300]
    return None


def _shape_error(pattern: Any) -> str | None:
    if not isinstance(pattern, list) or not all(isinstance(t, dict) for t in pattern):
        return "a pattern is a list of token mappings, e.g. [{LOWER: board}, {LEMMA: approve}]"
    return None


def _shared_vocab() -> Any:
    global _VOCAB
    if _VOCAB is None:
        from spacy.vocab import Vocab

        _VOCAB = Vocab()
    return _VOCAB


_VOCAB: Any = None


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    text = repr(value)
    return f"{type(value).__name__} {text[:60]}"


def _is_score(value: object) -> TypeGuard[float]:
    return not isinstance(value, bool) and isinstance(value, (int, float)) and 0 <= value <= 1
