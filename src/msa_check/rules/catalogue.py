"""Which rule sets a run uses, and which exist: bundled ones and the user's own.

The user's rule sets come, in order of precedence, from `--rules` on the command line,
the MSA_CHECK_RULES environment variable (names or paths, comma-separated), or the
`rules:` list of the config file (MSA_CHECK_CONFIG, else
$XDG_CONFIG_HOME/msa-check/config.yaml, else ~/.config/msa-check/config.yaml).
With none of them, a run uses uk-msa-s54.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from msa_check.errors import UsageError
from msa_check.rules.loading import DEFAULT_RULE_SET, bundled_rule_sets, load_rule_set
from msa_check.rules.schema import RuleSet
from msa_check.rules.yaml_source import read_yaml

RULES_VARIABLE = "MSA_CHECK_RULES"
CONFIG_VARIABLE = "MSA_CHECK_CONFIG"
CONFIG_KEYS = {"rules": "a list of rule set names or paths, e.g. [uk-msa-s54, ./mine.yaml]"}


@dataclass(frozen=True)
class RuleSetChoice:
    """The rule sets a run uses and where that choice came from."""

    names: tuple[str, ...]
    origin: str  # "--rules", "MSA_CHECK_RULES", the config file's path, or "default"


def split_names(values: Sequence[str]) -> tuple[str, ...]:
    """`["a,b", "c"]` -> ("a", "b", "c"), in order, without repeats or blanks."""
    parts = (part.strip() for value in values for part in value.split(","))
    return tuple(dict.fromkeys(part for part in parts if part))


def config_path(environ: Mapping[str, str]) -> Path:
    if environ.get(CONFIG_VARIABLE):
        return Path(environ[CONFIG_VARIABLE])
    base = environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "msa-check" / "config.yaml"


def read_config(path: Path) -> dict[str, Any]:
    """The config file's settings; an absent file is no settings, a broken one an error."""
    if not path.is_file():
        return {}
    source = read_yaml(path)
    data = source.data if source.data is not None else {}
    if not isinstance(data, dict):
        raise UsageError(f"{path}: the config file is a mapping, e.g. 'rules: [uk-msa-s54]'")
    for key in data:
        if key not in CONFIG_KEYS:
            allowed = "; ".join(f"{k}: {v}" for k, v in CONFIG_KEYS.items())
            raise UsageError(f"{source.position((key,))}: unknown setting {key!r} ({allowed})")
    rules = data.get("rules", [])
    if isinstance(rules, str):
        rules = [rules]
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        raise UsageError(f"{source.position(('rules',))}: rules is {CONFIG_KEYS['rules']}")
    # Paths in the config file are relative to the file, not to where msa-check runs.
    return {"rules": [_relative_to(path.parent, r) for r in rules]}


def _relative_to(folder: Path, name: str) -> str:
    if name.endswith((".yaml", ".yml")) and not Path(name).is_absolute():
        return str(folder / name)
    return name


def choose_rule_sets(
    given: Sequence[str] | None, environ: Mapping[str, str] | None = None
) -> RuleSetChoice:
    """The rule sets of a run: --rules, else the environment, else the config, else default."""
    environ = os.environ if environ is None else environ
    if given and split_names(given):
        return RuleSetChoice(split_names(given), "--rules")
    if split_names([environ.get(RULES_VARIABLE, "")]):
        return RuleSetChoice(split_names([environ[RULES_VARIABLE]]), RULES_VARIABLE)
    path = config_path(environ)
    configured = split_names(read_config(path).get("rules", []))
    if configured:
        return RuleSetChoice(configured, str(path))
    return RuleSetChoice((DEFAULT_RULE_SET,), "default")


@dataclass(frozen=True)
class CatalogueEntry:
    name: str  # what to pass to --rules
    origin: str  # "bundled" or where the user named it
    rule_set: RuleSet


def catalogue(
    extra: Sequence[str] = (), environ: Mapping[str, str] | None = None
) -> list[CatalogueEntry]:
    """Every bundled rule set, then the user's: from `extra`, the environment and config."""
    environ = os.environ if environ is None else environ
    entries = [CatalogueEntry(name, "bundled", load_rule_set(name)) for name in bundled_rule_sets()]
    seen = {entry.name for entry in entries}
    user: list[tuple[str, str]] = [(name, "--rules") for name in split_names(extra)]
    user += [(name, RULES_VARIABLE) for name in split_names([environ.get(RULES_VARIABLE, "")])]
    path = config_path(environ)
    user += [(name, str(path)) for name in split_names(read_config(path).get("rules", []))]
    for name, origin in user:
        if name not in seen:
            seen.add(name)
            entries.append(CatalogueEntry(name, origin, load_rule_set(name)))
    return entries
