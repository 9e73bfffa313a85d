"""Broken rule files get one error per problem, each naming file:line:column."""

from __future__ import annotations

from pathlib import Path

import pytest

from msa_check.errors import ExitCode, RuleError
from msa_check.rules.loading import RuleValidationError, load_rule_set

VALID_CRITERION = """
  - id: hotline
    title: Grievance hotline
    match:
      phrases: ["worker hotline"]
    examples:
      pass: ["Workers can call our worker hotline."]
      fail: ["We value our people."]
"""


def write(tmp_path: Path, text: str, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(RuleValidationError) as caught:
        load_rule_set(str(path))
    assert caught.value.exit_code == ExitCode.USAGE
    return [str(p) for p in caught.value.problems]


def test_a_valid_user_file_loads(tmp_path: Path) -> None:
    path = write(tmp_path, "id: mine\ntitle: Mine\ncriteria:" + VALID_CRITERION)
    rule_set = load_rule_set(str(path))
    assert [c.id for c in rule_set.criteria] == ["hotline"]


def test_unknown_key_is_named_with_its_position_and_a_suggestion(tmp_path: Path) -> None:
    text = "id: mine\ntitle: Mine\ncriteria:" + VALID_CRITERION.replace("phrases:", "phrasse:")
    path = write(tmp_path, text)
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:7:7: unknown key 'phrasse'")
    assert "did you mean 'phrases'?" in problem


def test_invalid_regex_and_wrong_type_are_both_reported(tmp_path: Path) -> None:
    criterion = VALID_CRITERION.replace(
        'phrases: ["worker hotline"]', "regex: ['(unclosed']\n    mandatory: maybe"
    )
    path = write(tmp_path, "id: mine\ntitle: Mine\ncriteria:" + criterion)
    problems = problems_of(path)
    assert any(":7:15: invalid regular expression '(unclosed'" in p for p in problems), problems
    assert any(":8:5: " in p and "expected true or false" in p for p in problems), problems


def test_a_classifier_signal_needs_a_score_range(tmp_path: Path) -> None:
    def signal_problems(signal: str) -> list[str]:
        criterion = VALID_CRITERION.replace('phrases: ["worker hotline"]', f"classifier: {signal}")
        return problems_of(write(tmp_path, "id: mine\ntitle: Mine\ncriteria:" + criterion))

    [none] = signal_problems("{label: c3}")
    assert "a classifier signal needs min_score, below or both" in none
    [empty] = signal_problems("{label: c3, min_score: 0.6, below: 0.4}")
    assert "min_score 0.6 must be less than below 0.4" in empty
    [wrong] = signal_problems("{label: c3, below: 3}")
    assert "expected a score from 0.0 to 1.0, got int 3" in wrong


def test_invalid_token_pattern(tmp_path: Path) -> None:
    criterion = VALID_CRITERION.replace(
        'phrases: ["worker hotline"]', "patterns: [[{LOWR: hotline}]]"
    )
    path = write(tmp_path, "id: mine\ntitle: Mine\ncriteria:" + criterion)
    [problem] = problems_of(path)
    assert ":7:18: invalid spaCy token pattern" in problem and "LOWR" in problem


def test_duplicate_ids_and_missing_examples(tmp_path: Path) -> None:
    no_examples = VALID_CRITERION.split("    examples:")[0]
    path = write(tmp_path, "id: mine\ntitle: Mine\ncriteria:" + VALID_CRITERION + no_examples)
    problems = problems_of(path)
    assert any(":12:5: criterion is missing 'examples'" in p for p in problems), problems
    assert any(":12:5: duplicate criterion id 'hotline'" in p for p in problems), problems


def test_broken_extends_names_the_line(tmp_path: Path) -> None:
    path = write(
        tmp_path, "id: mine\ntitle: Mine\nextends: uk-msa-s45\ncriteria:" + VALID_CRITERION
    )
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:3:1: `extends: uk-msa-s45` names no rule set")


def test_invalid_yaml_is_a_rule_error_with_position(tmp_path: Path) -> None:
    path = write(tmp_path, "id: mine\ntitle: [unclosed\n")
    with pytest.raises(RuleError, match=rf"{path}:3:1: invalid YAML"):
        load_rule_set(str(path))


def test_unknown_bundled_name_lists_the_bundled_sets() -> None:
    with pytest.raises(
        RuleError, match=r"no bundled rule set named 'uk-msa' \(bundled: .*uk-msa-s54"
    ):
        load_rule_set("uk-msa")


def test_extends_adds_changes_and_disables_criteria(tmp_path: Path) -> None:
    text = (
        "id: mine\ntitle: Mine\nextends: uk-msa-s54\ncriteria:"
        + VALID_CRITERION
        + "  - id: training\n    mandatory: true\n"
        + "  - id: homepage_link\n    disabled: true\n"
    )
    rule_set = load_rule_set(str(write(tmp_path, text)))
    ids = [c.id for c in rule_set.criteria]
    assert "hotline" in ids and "homepage_link" not in ids and "approval" in ids
    training = rule_set.criterion("training")
    assert training.mandatory is True
    assert training.examples.passing  # the rest of the parent's criterion is kept


ALERT = """    alerts:
      - id: no_hotline
        flag: {flag}
        message: The statement says there is no hotline.
        match:
          phrases: ["no hotline"]
"""


def test_an_alert_names_the_statement_flag_it_raises(tmp_path: Path) -> None:
    text = "id: mine\ntitle: Mine\ncriteria:" + VALID_CRITERION + ALERT.format(flag="no_steps")
    [criterion] = load_rule_set(str(write(tmp_path, text))).criteria
    assert [(a.id, a.flag) for a in criterion.alerts] == [("no_hotline", "no_steps")]


def test_an_alert_flag_must_be_one_an_alert_can_raise(tmp_path: Path) -> None:
    text = "id: mine\ntitle: Mine\ncriteria:" + VALID_CRITERION + ALERT.format(flag="stale")
    [problem] = problems_of(write(tmp_path, text))
    assert ":13:9: expected a flag an alert can raise (no_steps), got str 'stale'" in problem
