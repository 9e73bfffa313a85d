"""Check rule-file data against the schema and say, per problem, where and what to write.

Every problem is collected (not only the first) so a user fixes a file in one pass.
Each names file:line:column, what is wrong, and what to write instead. This module walks
the mappings; the check of each leaf value is in rules/value_checks.py.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

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
)
from msa_check.rules.value_checks import VALUE_CHECKS, ValueChecks
from msa_check.rules.yaml_source import DataPath, Position, YamlSource


@dataclass(frozen=True)
class Problem:
    position: Position
    message: str

    def __str__(self) -> str:
        return f"{self.position}: {self.message}"


class Validator(ValueChecks):
    """Walks the data of one rule file and records every problem with its position."""

    def __init__(
        self,
        source: YamlSource,
        *,
        partial_criteria: frozenset[str] = frozenset(),
        check_token_patterns: bool = True,
    ):
        self.source = source
        self.check_token_patterns = check_token_patterns
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
        check = VALUE_CHECKS.get(kind)
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
