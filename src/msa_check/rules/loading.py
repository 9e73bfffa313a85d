"""Find, read, validate and build rule sets, bundled or the user's own, with `extends`.

A name (`uk-msa-s54`) is a bundled set; anything that looks like a path is a file. A set
that `extends` another starts from the other's criteria: a criterion with a new id is
added, one with an existing id changes only the keys it gives, and `disabled: true`
removes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msa_check.errors import RuleError
from msa_check.models import LegalReference, Verdict
from msa_check.rules.schema import (
    MATCH_KINDS,
    AlertSpec,
    CheckedBy,
    Criterion,
    Examples,
    MatchSpec,
    QualifierSpec,
    RuleSet,
    strings,
)
from msa_check.rules.validate import Problem, Validator
from msa_check.rules.yaml_source import DataPath, YamlSource, read_yaml

BUNDLED_DIR = Path(__file__).resolve().parent.parent / "rule_sets"
DEFAULT_RULE_SET = "uk-msa-s54"


class RuleValidationError(RuleError):
    """One or more problems in rule files, each with its position."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        noun = "problem" if len(problems) == 1 else "problems"
        lines = "\n".join(f"  {problem}" for problem in problems)
        super().__init__(f"{len(problems)} rule file {noun}:\n{lines}")


def bundled_rule_sets() -> dict[str, Path]:
    """Bundled rule set ids and their files."""
    return {path.stem: path for path in sorted(BUNDLED_DIR.glob("*.yaml"))}


def is_bundled(path: Path) -> bool:
    """Whether `path` is one of the rule files that come with msa-check."""
    return path.resolve().parent == BUNDLED_DIR


def resolve_rule_file(name_or_path: str) -> Path:
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists() or "/" in name_or_path:
        if not path.is_file():
            raise RuleError(f"no rule file at {name_or_path}")
        return path
    bundled = bundled_rule_sets()
    if name_or_path not in bundled:
        known = ", ".join(bundled) or "none"
        raise RuleError(f"no bundled rule set named {name_or_path!r} (bundled: {known})")
    return bundled[name_or_path]


def load_rule_set(name_or_path: str, *, spacy_checks: bool | None = None) -> RuleSet:
    """Read, validate and build a rule set, resolving `extends`. Raises RuleError.

    `spacy_checks`: put the token patterns to spaCy's own validation too; by default only
    those of the user's own files (see _merged_data), always for `rules validate`.
    """
    path = resolve_rule_file(name_or_path)
    data = _merged_data(path, chain=(), spacy_checks=spacy_checks)
    return build_rule_set(data, str(path))


def _merged_data(path: Path, chain: tuple[Path, ...], spacy_checks: bool | None) -> dict[str, Any]:
    """The rule set's data with its parents' criteria merged in; validated at each level."""
    if path.resolve() in chain:
        names = " -> ".join(str(p) for p in (*chain, path.resolve()))
        raise RuleError(f"{path}: `extends` goes round in a circle: {names}")
    source = read_yaml(path)
    parent: dict[str, Any] | None = None
    data = source.data
    extends = data.get("extends") if isinstance(data, dict) else None
    if isinstance(extends, str):
        try:
            parent_path = resolve_rule_file(extends)
        except RuleError as exc:
            position = source.position(("extends",))
            raise RuleValidationError(
                [Problem(position, f"`extends: {extends}` names no rule set: {exc.message}")]
            ) from exc
        parent = _merged_data(parent_path, (*chain, path.resolve()), spacy_checks)
    parent_ids = frozenset(c["id"] for c in parent["criteria"]) if parent else frozenset()
    # spaCy's own validation of the token patterns imports spaCy (58 MB), which a batch's
    # command, loading the rules only to check them and name them in the store, never needs
    # otherwise; the bundled files' patterns pass it in the test suite
    # (tests/rules/test_bundled_patterns.py), so it is asked only of the user's own files.
    checks = not is_bundled(path) if spacy_checks is None else spacy_checks
    problems = Validator(
        source, partial_criteria=parent_ids, check_token_patterns=checks
    ).check_rule_set()
    problems = problems or _missing_models(source)
    if problems:
        raise RuleValidationError(problems)
    return _merge(parent, data) if parent else data


def _missing_models(source: YamlSource) -> list[Problem]:
    """A problem for each classifier `model:` that names no model folder.

    Only the name is checked here (cheap); a folder that is there but does not load is
    reported when the model is first used, as a ModelError (exit 2).
    """
    from msa_check.classifier.locate import resolve_classifier
    from msa_check.errors import ModelError

    problems = []
    for path, value in _classifier_models(source.data, ()):
        try:
            resolve_classifier(value)
        except ModelError as exc:
            problems.append(Problem(source.position(path), exc.message))
    return problems


def _classifier_models(data: Any, path: DataPath) -> list[tuple[DataPath, str]]:
    """Every (path, model) of a `classifier:` signal in validated rule data."""
    found: list[tuple[DataPath, str]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "classifier":
                signals = [value] if isinstance(value, dict) else value
                for index, signal in enumerate(signals):
                    signal_path = (*path, key) if isinstance(value, dict) else (*path, key, index)
                    if isinstance(signal.get("model"), str):
                        found.append(((*signal_path, "model"), signal["model"]))
            else:
                found.extend(_classifier_models(value, (*path, key)))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found.extend(_classifier_models(item, (*path, index)))
    return found


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    criteria = {c["id"]: dict(c) for c in parent["criteria"]}
    for criterion in child["criteria"]:
        if criterion.get("disabled"):
            criteria.pop(criterion["id"], None)
            continue
        criteria[criterion["id"]] = {**criteria.get(criterion["id"], {}), **criterion}
    header = {key: value for key, value in child.items() if key != "criteria"}
    return {**header, "criteria": list(criteria.values())}


def build_rule_set(data: dict[str, Any], path: str | None = None) -> RuleSet:
    """Turn validated data into a RuleSet."""
    return RuleSet(
        id=data["id"],
        title=data["title"],
        version=str(data.get("version", "0")),
        jurisdiction=data.get("jurisdiction"),
        law=data.get("law"),
        description=data.get("description", ""),
        extends=data.get("extends"),
        criteria=tuple(_build_criterion(c) for c in data["criteria"]),
        path=path,
    )


def _build_criterion(data: dict[str, Any]) -> Criterion:
    reference = data.get("reference")
    examples = data["examples"]
    return Criterion(
        id=data["id"],
        title=data["title"],
        description=data.get("description", ""),
        reference=LegalReference(reference["law"], reference["section"], reference.get("url"))
        if reference
        else None,
        mandatory=bool(data.get("mandatory", False)),
        checked_by=CheckedBy(data.get("checked_by", CheckedBy.TEXT.value)),
        match=build_match(data["match"]),
        exclude=build_match(data.get("exclude", {})),
        also=build_match(data.get("also", {})),
        scope_headings=strings(data.get("scope", {}).get("headings")),
        min_evidence=int(data.get("require", {}).get("min_evidence", 1)),
        headings_are_evidence=bool(data.get("headings_are_evidence", False)),
        alerts=tuple(
            AlertSpec(
                id=alert["id"],
                message=alert["message"],
                match=build_match(alert.get("match", {})),
                verdict=Verdict(alert["verdict"]) if alert.get("verdict") else None,
                unless_met=strings(alert.get("unless_met")),
                flag=alert.get("flag"),
            )
            for alert in data.get("alerts", [])
        ),
        qualifiers=tuple(
            QualifierSpec(q["id"], q["title"], build_match(q["match"]))
            for q in data.get("qualifiers", [])
        ),
        examples=Examples(strings(examples["pass"]), strings(examples["fail"])),
        labels={key: strings(value) for key, value in data.get("labels", {}).items()},
        weight=float(data.get("weight", 1.0)),
        follow_up=" ".join(str(data.get("follow_up", "")).split()),
    )


def build_match(data: dict[str, Any]) -> MatchSpec:
    return MatchSpec(**{kind.key: kind.build(data.get(kind.key)) for kind in MATCH_KINDS})
