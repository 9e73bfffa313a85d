"""Follow-up questions: the rule file's question for each missing or partial criterion, in
every report format, and validated as text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from msa_check import check
from msa_check.errors import ExitCode
from msa_check.report import render_text
from msa_check.rules.loading import RuleValidationError, bundled_rule_sets, load_rule_set

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
APPROVAL_QUESTION = "Please confirm who approved it and on what date."


def test_every_bundled_criterion_has_a_follow_up_question() -> None:
    for name in bundled_rule_sets():
        for criterion in load_rule_set(name).criteria:
            assert criterion.follow_up.endswith((".", "?")), (name, criterion.id)


def test_questions_are_asked_only_for_what_is_missing_or_partial() -> None:
    report = check(str(SAMPLES / "brightwave-retail.html"))
    data = json.loads(render_text(report, "json"))
    asked = {q["criterion"]: q for q in data["questions"]}
    assert "approval" in asked and APPROVAL_QUESTION in asked["approval"]["question"]
    assert all(q["verdict"] in ("missing", "partial") for q in data["questions"])
    strong = json.loads(render_text(check(str(SAMPLES / "northwind-components-2025.pdf")), "json"))
    assert "approval" not in {q["criterion"] for q in strong["questions"]}


@pytest.mark.parametrize("fmt", ["console", "markdown", "html"])
def test_every_format_lists_the_questions(fmt: str) -> None:
    text = render_text(check(str(SAMPLES / "brightwave-retail.html")), fmt)
    assert "Questions for the supplier" in text
    assert APPROVAL_QUESTION in " ".join(text.split())


def test_a_follow_up_must_be_text(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "id: mine\ntitle: Mine\ncriteria:\n  - id: hotline\n    title: Hotline\n"
        "    follow_up: [not, text]\n    match: {phrases: [worker hotline]}\n"
        "    examples: {pass: [Workers can call our worker hotline.], fail: [We value people.]}\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleValidationError) as caught:
        load_rule_set(str(path))
    assert caught.value.exit_code == ExitCode.USAGE
    assert any("follow_up" in str(p) or "expected text" in str(p) for p in caught.value.problems)
