"""The bundled rule files' token patterns pass spaCy's own validation here, not at each load.

Loading a bundled set skips spaCy's check of its token patterns, so that a process that
loads rules only to check and name them (a batch's command) need not import spaCy; that
check is made here instead, on every pattern of every bundled file. A user's own file
still has its patterns checked by spaCy when it is loaded.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from msa_check.rules.loading import (
    BUNDLED_DIR,
    RuleValidationError,
    bundled_rule_sets,
    is_bundled,
    load_rule_set,
)
from msa_check.rules.value_checks import token_pattern_error


def token_patterns(data: Any) -> Iterator[Any]:
    """Every value under a `patterns` key, anywhere in a rule file's data."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "patterns" and isinstance(value, list):
                yield from value
            else:
                yield from token_patterns(value)
    elif isinstance(data, list):
        for item in data:
            yield from token_patterns(item)


def test_every_bundled_token_pattern_passes_spacys_validation() -> None:
    checked = 0
    for name, path in bundled_rule_sets().items():
        for pattern in token_patterns(yaml.safe_load(path.read_text(encoding="utf-8"))):
            assert token_pattern_error(pattern) is None, (name, pattern)
            checked += 1
    assert checked >= 2  # the bundled sets have token patterns (uk-msa-s54 has two)


def test_loading_the_bundled_sets_imports_no_spacy() -> None:
    code = (
        "import sys\n"
        "from msa_check.rules.loading import bundled_rule_sets, load_rule_set\n"
        "sets = [load_rule_set(name) for name in bundled_rule_sets()]\n"
        "print(len(sets), 'spacy' in sys.modules)\n"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split() == [str(len(bundled_rule_sets())), "False"]


def test_a_users_file_still_has_its_token_patterns_checked_by_spacy(tmp_path: Path) -> None:
    bundled = bundled_rule_sets()["uk-msa-s54"]
    data = yaml.safe_load(bundled.read_text(encoding="utf-8"))
    data["criteria"][0]["match"]["patterns"] = [[{"LOWER": {"NOT_A_PREDICATE": ["x"]}}]]
    own = tmp_path / "own.yaml"
    own.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert not is_bundled(own) and is_bundled(bundled)
    with pytest.raises(RuleValidationError, match="invalid spaCy token pattern"):
        load_rule_set(str(own))


def test_a_copy_beside_the_bundled_files_is_not_taken_for_one(tmp_path: Path) -> None:
    assert is_bundled(BUNDLED_DIR / "uk-msa-s54.yaml")
    assert not is_bundled(tmp_path / "uk-msa-s54.yaml")


def test_rules_validate_puts_a_bundled_files_patterns_to_spacy_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An installed bundled file edited in place: loading it skips spaCy's check (the suite
    # made it), but `msa-check rules validate`, asked to check it, makes the check.
    from typer.testing import CliRunner

    from msa_check.cli import app
    from msa_check.rules import loading

    data = yaml.safe_load((BUNDLED_DIR / "uk-msa-s54.yaml").read_text(encoding="utf-8"))
    data["criteria"][0]["match"]["patterns"] = [[{"LOWER": {"NOT_A_PREDICATE": ["x"]}}]]
    edited = tmp_path / "uk-msa-s54.yaml"
    edited.write_text(yaml.safe_dump(data), encoding="utf-8")
    monkeypatch.setattr(loading, "BUNDLED_DIR", tmp_path)
    assert is_bundled(edited)
    load_rule_set("uk-msa-s54")  # spaCy's check skipped: no error
    with pytest.raises(RuleValidationError, match="invalid spaCy token pattern"):
        load_rule_set("uk-msa-s54", spacy_checks=True)
    result = CliRunner().invoke(app, ["rules", "validate", str(edited)])
    assert result.exit_code == 2
    assert "invalid spaCy token pattern" in result.output
