"""The rule-file schema: what a rule set and a criterion are, as typed values.

A rule file is YAML; `rules/validate.py` checks it against the key tables below and
`build_rule_set` turns checked data into these frozen values. The schema is documented
for users in docs/rule-files.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from msa_check.models import LegalReference, Verdict


class CheckedBy(str, Enum):
    """What a criterion is judged on."""

    TEXT = "text"  # the statement's own sentences
    HOMEPAGE = "homepage"  # the organisation's homepage (needs website discovery)


@dataclass(frozen=True)
class Near:
    """Evidence when a term of `a` and a term of `b` stand within `within` tokens in a sentence.

    Terms are matched on lemmas, so "approved", "approves" and "approve" are one term.
    """

    a: tuple[str, ...]
    b: tuple[str, ...]
    within: int = 10


@dataclass(frozen=True)
class ClassifierSignal:
    """A hit when the sentence classifier scores `label` at `min_score` or more and, if
    `below` is set, under `below`. Under `match` a high score is evidence; under `exclude`
    a score under `below` vetoes whatever else matched (the model all but rules it out)."""

    label: str
    min_score: float = 0.0
    below: float | None = None
    model: str = "aims-sentences"  # a bundled classifier's name or a model folder

    def fires(self, score: float) -> bool:
        return score >= self.min_score and (self.below is None or score < self.below)

    @property
    def condition(self) -> str:
        """The range in words, e.g. ">= 0.5" or "< 0.03"."""
        parts = [f">= {self.min_score:g}"] if self.min_score > 0 or self.below is None else []
        if self.below is not None:
            parts.append(f"< {self.below:g}")
        return " and ".join(parts)


@dataclass(frozen=True)
class MatchSpec:
    """Ways a sentence can match; any one of them is enough."""

    phrases: tuple[str, ...] = ()  # exact word sequences, case-insensitive
    lemmas: tuple[
        str, ...
    ] = ()  # word sequences matched on lemmas ("train staff" ~ "trained staff")
    patterns: tuple[tuple[dict[str, Any], ...], ...] = ()  # spaCy Matcher token patterns
    regex: tuple[str, ...] = ()  # Python regular expressions, case-insensitive
    near: tuple[Near, ...] = ()
    headings: tuple[str, ...] = ()  # sentences under a heading containing one of these (weaker)
    classifier: tuple[ClassifierSignal, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, kind.key) for kind in MATCH_KINDS)


@dataclass(frozen=True)
class AlertSpec:
    """A finding a reader must not miss; it may also set the criterion's verdict."""

    id: str
    message: str
    match: MatchSpec = field(default_factory=MatchSpec)
    verdict: Verdict | None = None
    # Fires, on its criterion's evidence, when the criterion is met and none of these
    # criteria of the same set is: "audits, but no worker-driven monitoring at all".
    unless_met: tuple[str, ...] = ()
    # The statement flag this alert raises (metadata/flags.py FLAGS_FROM_ALERTS), if any:
    # the rule file, not Python, says which alert means "no steps taken".
    flag: str | None = None


@dataclass(frozen=True)
class QualifierSpec:
    """A yes/no detail reported with a criterion (e.g. "third_party": verified by a third party)."""

    id: str
    title: str
    match: MatchSpec


@dataclass(frozen=True)
class Examples:
    passing: tuple[str, ...]
    failing: tuple[str, ...]


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    match: MatchSpec
    examples: Examples
    description: str = ""
    reference: LegalReference | None = None
    mandatory: bool = False
    checked_by: CheckedBy = CheckedBy.TEXT
    exclude: MatchSpec = field(default_factory=MatchSpec)
    also: MatchSpec = field(default_factory=MatchSpec)  # if set, a sentence must match this too
    scope_headings: tuple[str, ...] = ()  # if set, only sentences under these headings count
    min_evidence: int = 1  # distinct sentences of taken action needed for `met`
    # Signature blocks, approval lines and titles look like headings to extraction;
    # for such criteria a heading is as good as any sentence.
    headings_are_evidence: bool = False
    alerts: tuple[AlertSpec, ...] = ()
    qualifiers: tuple[QualifierSpec, ...] = ()
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    weight: float = 1.0  # its share of the set's disclosure score
    # The question a buyer puts to the supplier when the criterion is missing or partial.
    follow_up: str = ""


@dataclass(frozen=True)
class RuleSet:
    id: str
    title: str
    version: str
    criteria: tuple[Criterion, ...]
    jurisdiction: str | None = None
    law: str | None = None
    description: str = ""
    extends: str | None = None
    path: str | None = None  # the file it was read from

    def criterion(self, criterion_id: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)


# The key tables validation checks against: key -> (expected type, required).
# A type of `list[str]` also accepts a single string, for convenience in hand-written files.
RULE_SET_KEYS: dict[str, tuple[str, bool]] = {
    "id": ("id", True),
    "title": ("str", True),
    "version": ("str", False),
    "jurisdiction": ("str", False),
    "law": ("str", False),
    "description": ("str", False),
    "extends": ("str", False),
    "criteria": ("list", True),
}
CRITERION_KEYS: dict[str, tuple[str, bool]] = {
    "id": ("criterion_id", True),
    "title": ("str", True),
    "description": ("str", False),
    "reference": ("reference", False),
    "mandatory": ("bool", False),
    "checked_by": ("checked_by", False),
    "match": ("match", True),
    "exclude": ("match", False),
    "also": ("match", False),
    "scope": ("scope", False),
    "require": ("require", False),
    "alerts": ("alerts", False),
    "qualifiers": ("qualifiers", False),
    "examples": ("examples", True),
    "labels": ("labels", False),
    "disabled": ("bool", False),
    "headings_are_evidence": ("bool", False),
    "weight": ("weight", False),
    "follow_up": ("str", False),
}


# Each match kind declared once (yamllint's pattern of one declaration per rule): its key
# (the same under match, exclude, also, alerts and qualifiers, and the MatchSpec field),
# the validator's check for its value, how validated data becomes the MatchSpec value,
# and how the generated reference describes it. Validation (MATCH_KEYS), loading
# (build_match) and `rules docs` read this table, so a new kind is a MatchSpec field, an
# entry here and its part in rules/matching.py.
@dataclass(frozen=True)
class MatchKind:
    key: str
    check: str  # a check of rules/validate.py (_CHECKS)
    build: Callable[[Any], tuple[Any, ...]]  # validated YAML value -> MatchSpec field value
    describe: Callable[[Any], list[str]]  # MatchSpec field value -> phrases for the reference


def strings(value: Any) -> tuple[str, ...]:
    """A list of text from YAML, where a single string stands for a list of one."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _mappings(value: Any) -> list[dict[str, Any]]:
    if value is None:
        return []
    return [value] if isinstance(value, dict) else list(value)


def _near(data: dict[str, Any]) -> Near:
    # `within` defaults in Near itself, not here.
    within = {"within": int(data["within"])} if "within" in data else {}
    return Near(strings(data["a"]), strings(data["b"]), **within)


def _signal(data: dict[str, Any]) -> ClassifierSignal:
    model = data.get("model")
    below = data.get("below")
    return ClassifierSignal(
        label=data["label"],
        min_score=float(data.get("min_score", 0.0)),
        below=None if below is None else float(below),
        **({"model": model} if model else {}),
    )


def _words(words: Any) -> str:
    return ", ".join(f"`{w}`" for w in words)


MATCH_KINDS: tuple[MatchKind, ...] = (
    MatchKind("phrases", "list[str]", strings, lambda v: [f"phrases {_words(v)}"]),
    MatchKind("lemmas", "list[str]", strings, lambda v: [f"lemmas {_words(v)}"]),
    MatchKind(
        "patterns",
        "patterns",
        lambda v: tuple(tuple(pattern) for pattern in v or []),
        lambda v: [f"{len(v)} token pattern(s)"],
    ),
    MatchKind("regex", "regex", strings, lambda v: [f"{len(v)} regular expression(s)"]),
    MatchKind(
        "near",
        "near",
        lambda v: tuple(_near(item) for item in v or []),
        lambda v: [f"{_words(n.a)} within {n.within} words of {_words(n.b)}" for n in v],
    ),
    MatchKind(
        "headings",
        "list[str]",
        strings,
        lambda v: [f"sentences under headings containing {_words(v)}"],
    ),
    MatchKind(
        "classifier",
        "classifier",
        lambda v: tuple(_signal(item) for item in _mappings(v)),
        lambda v: [f"classifier score for {s.label} {s.condition}" for s in v],
    ),
)
MATCH_KEYS: dict[str, tuple[str, bool]] = {kind.key: (kind.check, False) for kind in MATCH_KINDS}
CLASSIFIER_KEYS: dict[str, tuple[str, bool]] = {
    "label": ("str", True),
    "min_score": ("score", False),  # one of min_score and below is required
    "below": ("score", False),
    "model": ("str", False),
}
NEAR_KEYS: dict[str, tuple[str, bool]] = {
    "a": ("list[str]", True),
    "b": ("list[str]", True),
    "within": ("positive_int", False),
}
REFERENCE_KEYS: dict[str, tuple[str, bool]] = {
    "law": ("str", True),
    "section": ("str", True),
    "url": ("str", False),
}
SCOPE_KEYS: dict[str, tuple[str, bool]] = {"headings": ("list[str]", True)}
REQUIRE_KEYS: dict[str, tuple[str, bool]] = {"min_evidence": ("positive_int", True)}
ALERT_KEYS: dict[str, tuple[str, bool]] = {
    "id": ("criterion_id", True),
    "message": ("str", True),
    "verdict": ("verdict", False),
    "match": ("match", False),  # one of match and unless_met is required
    "unless_met": ("list[str]", False),
    "flag": ("alert_flag", False),
}
QUALIFIER_KEYS: dict[str, tuple[str, bool]] = {
    "id": ("criterion_id", True),
    "title": ("str", True),
    "match": ("match", True),
}
EXAMPLES_KEYS: dict[str, tuple[str, bool]] = {
    "pass": ("list[str]", True),
    "fail": ("list[str]", True),
}
