"""Check rule-file data against the schema and say, per problem, where and what to write.

Every problem is collected (not only the first) so a user fixes a file in one pass.
Each names file:line:column, what is wrong, and what to write instead.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeGuard

import regex

from msa_check.metadata.flags import FLAGS_FROM_ALERTS
from msa_check.models import Verdict
from msa_check.rules.schema import (
    ALERT_KEYS,
    CLASSIFIER_KEYS,
    CRITERION_KEYS,
    EXAMPLES_KEYS,
    MATCH_KEYS,
    NEAR_KEYS,
    QUALIFIER_KEYS,
    REFERENCE_KEYS,
    REQUIRE_KEYS,
    RULE_SET_KEYS,
    SCOPE_KEYS,
    CheckedBy,
    RuleSet,
)
from msa_check.rules.yaml_source import DataPath, Position, YamlSource

RULE_SET_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
CRITERION_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Problem:
    position: Position
    message: str

    def __str__(self) -> str:
        return f"{self.position}: {self.message}"


class Validator:
    """Walks the data of one rule file and records every problem with its position."""

    def __init__(self, source: YamlSource, *, partial_criteria: frozenset[str] = frozenset()):
        self.source = source
        # Criteria that override a parent's criterion of the same id may give only the keys
        # they change, so their required keys are not required.
        self.partial_criteria = partial_criteria
        self.problems: list[Problem] = []

    def report(self, path: DataPath, message: str) -> None:
        self.problems.append(Problem(self.source.position(path), message))

    def check_rule_set(self) -> list[Problem]:
        data = self.source.data
        if not isinstance(data, dict):
            self.report((), "a rule file is a mapping with keys id, title and criteria")
            return self.problems
        self.check_mapping(data, (), RULE_SET_KEYS, "rule set")
        if isinstance(data.get("criteria"), list):
            self.check_criteria(data["criteria"])
        return self.problems

    def check_criteria(self, criteria: list[Any]) -> None:
        seen: dict[str, int] = {}
        for index, criterion in enumerate(criteria):
            path: DataPath = ("criteria", index)
            if not isinstance(criterion, dict):
                self.report(path, "each criterion is a mapping with id, title, match and examples")
                continue
            criterion_id = criterion.get("id")
            # A list or mapping as an id is reported below; `in` would raise on it.
            overrides = isinstance(criterion_id, str) and criterion_id in self.partial_criteria
            partial = overrides or bool(criterion.get("disabled"))
            self.check_mapping(criterion, path, CRITERION_KEYS, "criterion", partial=partial)
            if isinstance(criterion_id, str):
                if criterion_id in seen:
                    self.report(
                        (*path, "id"),
                        f"duplicate criterion id {criterion_id!r} (first at criterion "
                        f"{seen[criterion_id] + 1}); give each criterion its own id",
                    )
                seen.setdefault(criterion_id, index)
        self._check_unless_met(criteria, set(seen))

    def _check_unless_met(self, criteria: list[Any], known: set[str]) -> None:
        """`unless_met` must name criteria of the same set."""
        if isinstance(self.source.data, dict) and self.source.data.get("extends"):
            return  # the parent's ids count too; an unknown one is reported when judging
        for index, criterion in enumerate(criteria):
            alerts = criterion.get("alerts") if isinstance(criterion, dict) else None
            for alert_index, alert in enumerate(alerts if isinstance(alerts, list) else []):
                names = alert.get("unless_met") if isinstance(alert, dict) else None
                for name_index, name in enumerate(
                    [names] if isinstance(names, str) else names or []
                ):
                    if isinstance(name, str) and name not in known:
                        path: DataPath = ("criteria", index, "alerts", alert_index, "unless_met")
                        if not isinstance(names, str):
                            path = (*path, name_index)
                        self.report(path, f"unless_met names no criterion of this set: {name!r}")

    def check_mapping(
        self,
        data: dict[str, Any],
        path: DataPath,
        keys: dict[str, tuple[str, bool]],
        what: str,
        *,
        partial: bool = False,
    ) -> None:
        for key, value in data.items():
            if key not in keys:
                self.report((*path, key), _unknown_key(key, keys, what))
                continue
            kind, _ = keys[key]
            self.check_value(value, (*path, key), kind)
        if partial:
            return
        for key, (kind, required) in keys.items():
            if required and key not in data:
                self.report(path, f"{what} is missing {key!r} ({_describe(kind)})")

    def check_value(self, value: Any, path: DataPath, kind: str) -> None:
        check = _CHECKS.get(kind)
        if check is not None:
            check(self, value, path)
            return
        sub_keys = _SUB_MAPPINGS[kind]
        if not isinstance(value, dict):
            self.report(path, f"expected a mapping with keys {', '.join(sub_keys)}")
            return
        self.check_mapping(value, path, sub_keys, kind)
        # An empty match is worth saying only when no misspelt key explains it already.
        known = all(key in MATCH_KEYS for key in value)
        if kind == "match" and known and not any(value.get(key) for key in MATCH_KEYS):
            self.report(path, "match needs at least one of: " + ", ".join(MATCH_KEYS))

    # The checks of leaf types, by the names used in the key tables.

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
            error = token_pattern_error(pattern)
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


_CHECKS: dict[str, Callable[[Validator, Any, DataPath], None]] = {
    "str": Validator._str,
    "bool": Validator._bool,
    "positive_int": Validator._positive_int,
    "id": Validator._id,
    "criterion_id": Validator._criterion_id,
    "list[str]": Validator._list_of_str,
    "regex": Validator._regex,
    "patterns": Validator._patterns,
    "near": Validator._near,
    "alerts": Validator._alerts,
    "classifier": Validator._classifier,
    "score": Validator._score,
    "weight": Validator._weight,
    "qualifiers": Validator._qualifiers,
    "verdict": Validator._verdict,
    "alert_flag": Validator._alert_flag,
    "checked_by": Validator._checked_by,
    "labels": Validator._labels,
    "list": lambda self, value, path: (
        None
        if isinstance(value, list)
        else self.report(path, f"expected a list, got {_show(value)}")
    ),
}
_SUB_MAPPINGS: dict[str, dict[str, tuple[str, bool]]] = {
    "match": MATCH_KEYS,
    "near_item": NEAR_KEYS,
    "reference": REFERENCE_KEYS,
    "scope": SCOPE_KEYS,
    "require": REQUIRE_KEYS,
    "alert": ALERT_KEYS,
    "signal": CLASSIFIER_KEYS,
    "qualifier": QUALIFIER_KEYS,
    "examples": EXAMPLES_KEYS,
}


def token_pattern_error(pattern: Any) -> str | None:
    """Why a spaCy Matcher pattern is invalid, or None if spaCy accepts it."""
    if not isinstance(pattern, list) or not all(isinstance(t, dict) for t in pattern):
        return "a pattern is a list of token mappings, e.g. [{LOWER: board}, {LEMMA: approve}]"
    from spacy.matcher import Matcher  # imported here: validation of other keys needs no spaCy

    try:
        Matcher(_shared_vocab(), validate=True).add("check", [pattern])
    except Exception as exc:  # spaCy raises ValueError/MatchPatternError with its own text
        return " ".join(str(exc).split())[:300]
    return None


def _shared_vocab() -> Any:
    global _VOCAB
    if _VOCAB is None:
        from spacy.vocab import Vocab

        _VOCAB = Vocab()
    return _VOCAB


_VOCAB: Any = None


def _unknown_key(key: str, keys: dict[str, tuple[str, bool]], what: str) -> str:
    close = difflib.get_close_matches(str(key), list(keys), n=1)
    hint = f"did you mean {close[0]!r}?" if close else "allowed: " + ", ".join(keys)
    return f"unknown key {key!r} in {what}: {hint}"


def _describe(kind: str) -> str:
    return {
        "str": "text",
        "id": "an id such as my-rules",
        "criterion_id": "an id such as grievance_hotline",
        "match": "a mapping such as {phrases: [...]}",
        "examples": "{pass: [...], fail: [...]}",
        "list": "a list",
    }.get(kind, kind)


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    text = repr(value)
    return f"{type(value).__name__} {text[:60]}"


def _is_score(value: object) -> TypeGuard[float]:
    return not isinstance(value, bool) and isinstance(value, (int, float)) and 0 <= value <= 1


MANY_REPEATS = 10  # an outer repeat above this many times (or unbounded) can explode


def has_nested_quantifier(expression: str) -> bool:
    """Whether a repeated group itself holds a repeat, as in `(a+)+` or `(\\w+\\s?)*`.

    Such a pattern can try exponentially many ways to split a run that almost matches:
    the classic catastrophic backtracking. A heuristic, so `rules validate` warns rather
    than refuses; the matcher's time limit is what keeps a run safe.
    """
    import re._parser as sre_parse  # type: ignore[import-not-found]  # re's own parser

    try:
        parsed = sre_parse.parse(expression)
    except re.error:
        return False  # reported as invalid by the validator
    repeats = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT}

    def walk(items: Any, inside_repeat: bool) -> bool:
        for op, arg in items:
            if op in repeats:
                _, high, body = arg
                if inside_repeat and high > 1:
                    return True
                # A small bound ({0,3}) costs a power of the length, not an exponential:
                # the bundled rules use it to allow a few words between two terms.
                if walk(body, inside_repeat or high > MANY_REPEATS):
                    return True
            else:
                # A group's body is its last item; a branch holds a list of alternatives.
                inner = [arg[-1]] if op is sre_parse.SUBPATTERN else []
                inner += arg[1] if op is sre_parse.BRANCH else []
                if any(walk(body, inside_repeat) for body in inner):
                    return True
        return False

    return walk(parsed, False)


def backtracking_warnings(rule_set: RuleSet) -> list[str]:
    """A warning for each regex of the rule set (rule `regex:` or token REGEX) that nests
    quantifiers."""
    warnings = []
    for criterion in rule_set.criteria:
        specs = [
            ("match", criterion.match),
            ("exclude", criterion.exclude),
            ("also", criterion.also),
            *((f"alert {a.id}", a.match) for a in criterion.alerts),
            *((f"qualifier {q.id}", q.match) for q in criterion.qualifiers),
        ]
        for role, spec in specs:
            expressions = [*spec.regex, *_token_regexes(spec.patterns)]
            for expression in expressions:
                if has_nested_quantifier(expression):
                    warnings.append(
                        f"criterion {criterion.id} ({role}): regex {expression!r} nests "
                        "quantifiers, which can backtrack for minutes on a long run of text; "
                        "rewrite it without a repeat inside a repeat"
                    )
    return warnings


def _token_regexes(patterns: Any) -> list[str]:
    found = []
    for pattern in patterns:
        for token in pattern:
            for value in token.values():
                if isinstance(value, dict) and isinstance(value.get("REGEX"), str):
                    found.append(value["REGEX"])
    return found
