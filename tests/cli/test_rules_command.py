"""`msa-check rules ...`, user rule sets (from --rules, the environment, a config file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from msa_check.cli import app
from msa_check.errors import ExitCode
from msa_check.rules.loading import bundled_rule_sets, load_rule_set
from msa_check.rules.reference import render_reference

ROOT = Path(__file__).parents[2]
NORTHWIND = ROOT / "samples" / "northwind-components-2025.pdf"
# The user file of issue 3, exactly as a buyer's legal team would write it.
BUYER_SET = """\
id: my-buyer-set
title: Our buyer's extra criteria
extends: uk-msa-s54
criteria:
  - id: grievance_hotline
    title: Grievance hotline for supply-chain workers
    description: The statement names a hotline or grievance channel open to supply-chain workers.
    mandatory: false
    match:
      phrases: ["worker hotline", "grievance mechanism", "whistleblowing hotline"]
    examples:
      pass: ["Workers at our suppliers can report concerns through a confidential worker hotline."]
      fail: ["We value our people."]
"""
HOTLINE_STATEMENT = (
    b"Modern Slavery Statement\n\nThis statement was approved by the Board of Directors.\n\n"
    b"Workers at our suppliers can report concerns through a confidential worker hotline.\n"
)

runner = CliRunner()


@pytest.fixture
def buyer_set(tmp_path: Path) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(BUYER_SET, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def no_user_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never read the developer's own config file or environment; tables are wide."""
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("MSA_CHECK_RULES", raising=False)
    monkeypatch.setenv("MSA_CHECK_CONFIG", str(tmp_path / "no-config.yaml"))


def test_user_file_adds_its_criterion_to_everything_uk_checks(
    buyer_set: Path, tmp_path: Path
) -> None:
    statement = tmp_path / "statement.txt"
    statement.write_bytes(HOTLINE_STATEMENT)
    result = runner.invoke(app, ["check", str(statement), "--rules", str(buyer_set), "-f", "json"])
    report = json.loads(result.stdout)
    [rule_set] = report["rule_sets"]
    assert rule_set["id"] == "my-buyer-set"
    criteria = {c["id"]: c for c in rule_set["criteria"]}
    assert set(criteria) == {c.id for c in load_rule_set("uk-msa-s54").criteria} | {
        "grievance_hotline"
    }
    hotline = criteria["grievance_hotline"]
    assert hotline["verdict"] == "met" and hotline["mandatory"] is False
    assert hotline["evidence"][0]["matched"] == ['phrase "worker hotline"']
    assert criteria["approval"]["verdict"] == "met"
    assert result.exit_code == ExitCode.MANDATORY_UNMET  # no signature, no steps


def test_several_rule_sets_at_once_report_by_set(buyer_set: Path) -> None:
    result = runner.invoke(
        app, ["check", str(NORTHWIND), "--rules", f"uk-msa-s54,{buyer_set}", "-f", "json"]
    )
    report = json.loads(result.stdout)
    assert [r["id"] for r in report["rule_sets"]] == ["uk-msa-s54", "my-buyer-set"]
    console = runner.invoke(
        app, ["check", str(NORTHWIND), "-r", "uk-msa-s54", "-r", str(buyer_set)]
    )
    assert "uk-msa-s54 v1.0" in console.stdout and "my-buyer-set" in console.stdout


def test_environment_variable_and_config_file_choose_the_rules(
    buyer_set: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("rules: [mine.yaml]\n", encoding="utf-8")  # relative to the config file
    monkeypatch.setenv("MSA_CHECK_CONFIG", str(config))
    from_config = runner.invoke(app, ["check", str(NORTHWIND), "-f", "json"])
    assert [r["id"] for r in json.loads(from_config.stdout)["rule_sets"]] == ["my-buyer-set"]
    monkeypatch.setenv("MSA_CHECK_RULES", "uk-msa-s54")
    from_env = runner.invoke(app, ["check", str(NORTHWIND), "-f", "json"])
    assert [r["id"] for r in json.loads(from_env.stdout)["rule_sets"]] == ["uk-msa-s54"]
    listed = runner.invoke(app, ["rules", "list"])
    assert "my-buyer-set" in listed.stdout
    assert "(via" in listed.stdout  # the row says where the set came from; long paths fold


def test_a_broken_config_file_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("rule: [uk-msa-s54]\n", encoding="utf-8")
    monkeypatch.setenv("MSA_CHECK_CONFIG", str(config))
    result = runner.invoke(app, ["check", str(NORTHWIND)])
    assert result.exit_code == ExitCode.USAGE
    assert f"{config}:1:1: unknown setting 'rule'" in result.stderr


def test_rules_list_shows_every_bundled_set_with_counts(buyer_set: Path) -> None:
    result = runner.invoke(app, ["rules", "list", "--rules", str(buyer_set)])
    assert result.exit_code == 0
    for name in bundled_rule_sets():
        assert name in result.stdout
    uk_line = next(line for line in result.stdout.splitlines() if "uk-msa-s54" in line)
    assert "11 (4)" in uk_line and "UK Modern Slavery Act 2015" in uk_line
    user_line = next(line for line in result.stdout.splitlines() if "my-buyer-set" in line)
    assert "Our buyer's extra criteria" in user_line and "12 (4)" in user_line


def test_rules_show_lists_criteria_references_and_mandatory_flags() -> None:
    result = runner.invoke(app, ["rules", "show", "uk-msa-s54"])
    assert result.exit_code == 0
    lines = [line.strip() for line in result.stdout.splitlines()]
    approval = next(n for n, line in enumerate(lines) if line.startswith("approval"))
    # Mandatory ones marked as in the check report; the reference under the title.
    assert lines[approval].startswith("approval *") and "s54(6)" in lines[approval + 1]
    structure = next(n for n, line in enumerate(lines) if line.startswith("structure"))
    assert "*" not in lines[structure] and "s54(5)(a)" in lines[structure + 1]
    homepage = next(n for n, line in enumerate(lines) if line.startswith("homepage_link *"))
    assert lines[homepage + 2] == "judged on the homepage"
    assert "* mandatory" in lines


def test_rules_validate_passes_a_good_file_and_names_each_problem_of_a_bad_one(
    buyer_set: Path, tmp_path: Path
) -> None:
    good = runner.invoke(app, ["rules", "validate", str(buyer_set)])
    assert good.exit_code == 0 and "ok: " in good.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        BUYER_SET.replace("mandatory: false", "mandatory: nope").replace("phrases", "phrase")
    )
    result = runner.invoke(app, ["rules", "validate", str(bad)])
    assert result.exit_code == ExitCode.USAGE
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"{bad}:8:5: expected true or false, got str 'nope'",
        f"{bad}:10:7: unknown key 'phrase' in match: did you mean 'phrases'?",
    ]


def test_rules_validate_reports_a_failing_example(buyer_set: Path, tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(
        BUYER_SET.replace('fail: ["We value our people."]', 'fail: ["Call our worker hotline."]')
    )
    result = runner.invoke(app, ["rules", "validate", str(wrong)])
    assert result.exit_code == ExitCode.USAGE
    assert (
        "grievance_hotline: 'Call our worker hotline.' should be not met, got met" in result.stderr
    )


def test_the_committed_reference_is_current() -> None:
    committed = (ROOT / "docs" / "rules-reference.md").read_text(encoding="utf-8")
    generated = render_reference([load_rule_set(name) for name in bundled_rule_sets()])
    assert committed == generated, "run: msa-check rules docs --output docs/rules-reference.md"


def test_rules_docs_writes_the_reference(tmp_path: Path) -> None:
    target = tmp_path / "ref.md"
    result = runner.invoke(app, ["rules", "docs", "--output", str(target)])
    assert result.exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "### uk-msa-s54 / approval: Approved by the board" in text
    assert (
        "- passes: “This statement was approved by the Board of Directors on 12 June 2025.”" in text
    )


def test_the_reference_names_classifier_signals_and_vetoes() -> None:
    generated = render_reference([load_rule_set("au-msa-s16")])
    assert "classifier score for c3_risk_description >= 0.4" in generated
    assert "classifier score for c3_risk_description < 0.1" in generated
