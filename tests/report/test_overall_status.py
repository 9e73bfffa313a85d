"""One overall status per report (issue 14 item 5): a state for each case, in every format.

Green is for `meets` alone: a mandatory criterion not checked or a stale statement is not a
pass, and a rule set without mandatory criteria says nothing about mandatory requirements.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup

from msa_check.models import CriterionResult, Flag, OverallStatus, Report, RuleSetResult, Verdict
from msa_check.report import render_text
from msa_check.report.headline import closing_line
from tests.report.conftest import build_sample_report


def with_verdicts(report: Report, **verdicts: Verdict) -> Report:
    criteria = tuple(
        replace(c, verdict=verdicts.get(c.id, c.verdict)) for c in report.results[0].criteria
    )
    return replace(report, results=(replace(report.results[0], criteria=criteria),))


def all_met() -> Report:
    return with_verdicts(build_sample_report(), approval=Verdict.MET, signature=Verdict.MET)


STALE = Flag("stale", "the statement's period ended more than 18 months ago")
CASES = {
    OverallStatus.MEETS: (all_met, (), "Meets every mandatory requirement."),
    OverallStatus.MEETS_UNCHECKED: (
        lambda: with_verdicts(all_met(), signature=Verdict.NOT_CHECKED),
        ("signature",),
        "Meets the mandatory requirements checked, but these were not checked: signature.",
    ),
    OverallStatus.DOES_NOT_MEET: (
        build_sample_report,
        ("approval", "signature"),
        "Does NOT meet the mandatory requirements: approval, signature not met.",
    ),
    OverallStatus.STALE: (
        lambda: replace(all_met(), flags=(STALE,)),
        (),
        "Stale: the statement's period ended more than 18 months ago (on 31 March 2025)",
    ),
    OverallStatus.NO_MANDATORY: (
        lambda: no_mandatory(all_met()),
        (),
        "The rule sets chosen have no mandatory requirements",
    ),
}


def no_mandatory(report: Report) -> Report:
    result = report.results[0]
    criteria = tuple(replace(c, mandatory=False) for c in result.criteria)
    return replace(report, results=(replace(result, criteria=criteria),))


@pytest.mark.parametrize("status", list(CASES))
def test_each_state_is_named_in_json_console_markdown_and_html(status: OverallStatus) -> None:
    build, named, words = CASES[status]
    report = build()
    assert report.status is status and report.status_criteria == named
    data = json.loads(render_text(report, "json"))
    assert (data["status"], data["status_criteria"]) == (status.value, list(named))
    assert words in render_text(report, "console")
    assert words in render_text(report, "markdown")
    soup = BeautifulSoup(render_text(report, "html"), "html.parser")
    [headline] = soup.select("header .outcome")
    # The HTML names the criteria by their titles, for readers who never see an id.
    titles = {c.id: c.title for r in report.results for c in r.criteria}
    titled = (
        words.replace(", ".join(named), ", ".join(titles[i] for i in named)) if named else words
    )
    assert titled in headline.get_text() and headline["data-status"] == status.value
    kind = {OverallStatus.MEETS: "met", OverallStatus.DOES_NOT_MEET: "unmet"}.get(status, "warn")
    assert f"outcome-{kind}" in headline["class"]  # green only for meets


def test_a_rule_set_without_mandatory_criteria_says_nothing_about_them() -> None:
    report = build_sample_report()
    optional = RuleSetResult(
        rule_set=replace(report.results[0].rule_set, id="optional", title="Optional"),
        criteria=tuple(
            CriterionResult(**{**c.__dict__, "mandatory": False})
            for c in report.results[0].criteria
        ),
    )
    report = replace(report, results=(*report.results, optional))
    console = render_text(report, "console")
    assert "All mandatory requirements are met" not in console
    assert closing_line(optional, report).startswith("This rule set has no mandatory requirements")
    assert report.status is OverallStatus.DOES_NOT_MEET  # the other set decides
