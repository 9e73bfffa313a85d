"""Warnings for rule regexes that can backtrack catastrophically, as `(a+)+` does.

Apart from validation: a nested quantifier is not an error in a rule file, only a risk,
so `rules validate` warns of it after the file has been found valid.
"""

from __future__ import annotations

import re
from typing import Any

from msa_check.rules.schema import RuleSet

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
