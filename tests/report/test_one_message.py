"""A report says one thing (the user review of mixed messages): the closing line agrees with
the headline, a headline says only what the report shows, and each format words the same
finding the same way."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from msa_check.checker import check
from msa_check.metadata.flags import STALE_AFTER_MONTHS
from msa_check.models import (
    Discovery,
    ExaminedLink,
    Flag,
    OverallStatus,
    Report,
    ReportingPeriod,
    SourceKind,
    StatementMetadata,
    Verdict,
)
from msa_check.report import render_text
from msa_check.report.console import render_console_text
from msa_check.report.headline import closing_line
from msa_check.report.wording import EVIDENCE_COUNT_HEADING
from tests.report.conftest import build_sample_report, evidence

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
HUMAN_FORMATS = ("console", "markdown", "html")


def _text(report: Report, fmt: str) -> str:
    """The report's words, on one line each run of whitespace (HTML: its visible text)."""
    rendered = render_text(report, fmt)
    if fmt == "html":
        rendered = BeautifulSoup(rendered, "html.parser").get_text(" ")
    return " ".join(rendered.split())


def _stale_report() -> Report:
    """Every mandatory criterion checked is met (signature is not checked), and its period
    (to 31 March 2025) ended long ago."""
    report = build_sample_report()
    result = report.results[0]
    verdicts = {"approval": Verdict.MET, "signature": Verdict.NOT_CHECKED}
    criteria = tuple(replace(c, verdict=verdicts.get(c.id, c.verdict)) for c in result.criteria)
    stale = Flag("stale", "The period covered ended on 2025-03-31, more than 18 months before")
    return replace(report, results=(replace(result, criteria=criteria),), flags=(stale,))


# 1. A stale statement: the closing line agrees with the headline, which says how long ago.


@pytest.mark.parametrize("fmt", HUMAN_FORMATS)
def test_a_stale_statement_is_not_called_met_under_its_stale_headline(fmt: str) -> None:
    report = _stale_report()
    assert report.status is OverallStatus.STALE
    words = _text(report, fmt)
    assert "All checked mandatory requirements are met" not in words
    assert "All mandatory requirements are met" not in words
    assert "The checked mandatory requirements are met" in words
    assert "but the statement is out of date" in words
    assert (
        f"Stale: the statement's period ended more than {STALE_AFTER_MONTHS} months ago"
        " (on 31 March 2025), so it does not meet the law now" in words
    )


def test_the_stale_closing_line_names_what_was_not_checked() -> None:
    report = _stale_report()
    assert closing_line(report.results[0], report) == (
        "The checked mandatory requirements are met (not checked: signature), but the"
        " statement is out of date."
    )
    fresh = replace(report, flags=())
    assert closing_line(fresh.results[0], fresh) == (
        "All checked mandatory requirements are met (not checked: signature)."
    )


def test_a_stale_rule_set_is_not_green_in_html_and_its_json_status_is_stale() -> None:
    report = _stale_report()
    soup = BeautifulSoup(render_text(report, "html"), "html.parser")
    closing = [p for p in soup.select("section p.outcome") if "out of date" in p.get_text()]
    assert closing and all("outcome-warn" in p["class"] for p in closing)
    data = json.loads(render_text(report, "json"))
    # mandatory_met is the fact (no checked mandatory criterion is missing); status decides.
    assert (data["status"], data["mandatory_met"]) == ("stale", True)


def test_a_stale_headline_without_a_period_end_still_says_the_rule() -> None:
    report = _stale_report()
    no_end = ReportingPeriod("2024", None, None, exact=False)
    report = replace(report, metadata=StatementMetadata(organisation="X", period=no_end))
    assert f"ended more than {STALE_AFTER_MONTHS} months ago, so" in _text(report, "console")


# 2. No statement found: the headline says what the report shows of the links.


def _no_statement(examined: tuple[ExaminedLink, ...]) -> Report:
    report = build_sample_report()
    home = "https://supplier.example/"
    discovery = Discovery(home, None, path=(home,), examined=examined)
    return replace(report, discovery=discovery, metadata=None, flags=(), alerts=())


@pytest.mark.parametrize("fmt", HUMAN_FORMATS)
def test_no_statement_found_promises_no_list_of_links_it_does_not_show(fmt: str) -> None:
    words = _text(_no_statement(()), fmt)
    assert "No statement found: https://supplier.example/ leads to no" in words
    assert "listed" not in words and "Links examined" not in words
    assert "(none of its links is worded as a link to one)" in words


@pytest.mark.parametrize("fmt", HUMAN_FORMATS)
def test_no_statement_found_lists_the_links_it_says_are_listed(fmt: str) -> None:
    link = ExaminedLink("https://supplier.example/ethics", "Ethics", 0.2, "not followed")
    words = _text(_no_statement((link,)), fmt)
    assert "(the links examined are listed below)" in words
    assert words.index("listed below") < words.index("https://supplier.example/ethics")


# 3. Not a statement: the signals that decided it, the rest in one line; no statement flags.


@pytest.fixture(scope="module")
def recipe_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    recipe = tmp_path_factory.mktemp("recipe") / "recipe.txt"
    recipe.write_text(
        "Lemon drizzle cake.\n\nBeat the butter and sugar until pale. Add the eggs one at a"
        " time, then fold in the flour and lemon zest. Bake for 45 minutes at 180C.\n",
        encoding="utf-8",
    )
    return check(str(recipe), ["uk-msa-s54"], discover=False)


@pytest.mark.parametrize("fmt", HUMAN_FORMATS)
def test_a_recipe_shows_the_signals_that_decided_and_folds_the_rest(
    recipe_report: Report, fmt: str
) -> None:
    assert recipe_report.status is OverallStatus.NOT_A_STATEMENT
    recognition = recipe_report.recognition
    assert recognition is not None
    unscored = [s for s in recognition.signals if not s.points and s.id != "topic"]
    words = _text(recipe_report, fmt)
    assert words.count("(+0)") == 2  # the mention of slavery ("never"), and the folded line
    assert "mentions slavery, trafficking, forced or child labour" in words
    assert f"the other {len(unscored)} signals scored nothing (+0)" in words
    assert not any(s.looked_for in words for s in unscored)
    assert "checked anyway, and only show what it lacks" in words


def test_the_json_of_a_recipe_keeps_every_signal(recipe_report: Report) -> None:
    data = json.loads(render_text(recipe_report, "json"))
    assert recipe_report.recognition is not None
    assert len(data["recognition"]["signals"]) == len(recipe_report.recognition.signals) > 10


@pytest.mark.parametrize("fmt", HUMAN_FORMATS)
def test_a_recipe_raises_no_statement_flags(recipe_report: Report, fmt: str) -> None:
    assert recipe_report.flags == ()
    assert json.loads(render_text(recipe_report, "json"))["flags"] == []
    words = _text(recipe_report, fmt)
    assert "no_period" not in words and "does not say which financial year" not in words


def test_a_recipe_treated_as_a_statement_gets_the_statement_flags(tmp_path: Path) -> None:
    recipe = tmp_path / "recipe.txt"
    recipe.write_text("Lemon drizzle cake. Beat the butter and sugar.\n", encoding="utf-8")
    report = check(str(recipe), ["uk-msa-s54"], discover=False, treat_as_statement=True)
    assert "no_period" in [flag.id for flag in report.flags]


@pytest.mark.parametrize("fmt", HUMAN_FORMATS)
def test_a_recipe_ends_as_no_statement_not_as_a_weak_one(recipe_report: Report, fmt: str) -> None:
    words = " ".join(_text(recipe_report, fmt).split())
    assert "these verdicts only show what the document lacks" in words
    assert "Mandatory requirements NOT met" not in words


def test_a_recipe_gets_no_calibrated_probability(tmp_path: Path, recipe_report: Report) -> None:
    """Fitted on statements, a probability on a recipe is only the base rate."""
    criteria = [c for r in recipe_report.results for c in r.criteria]
    assert criteria and all(c.probability is None for c in criteria)
    data = json.loads(render_text(recipe_report, "json"))
    basis = {c["probability_basis"] for r in data["rule_sets"] for c in r["criteria"]}
    assert basis == {"not given: the document is not a modern slavery statement"}
    recipe = tmp_path / "recipe.txt"
    recipe.write_text("Lemon drizzle cake. Beat the butter and sugar.\n", encoding="utf-8")
    anyway = check(str(recipe), ["uk-msa-s54"], discover=False, treat_as_statement=True)
    assert any(c.probability is not None for r in anyway.results for c in r.criteria)


# 4. --brief keeps each alert, as one line.


@pytest.mark.parametrize("width", [80, 120])
def test_brief_keeps_each_alert_on_one_line(width: int) -> None:
    rules = ["uk-msa-s54", "electronics", "monitoring"]
    report = check(str(SAMPLES / "kestrel-devices-2026.txt"), rules, discover=False)
    text = render_console_text(report, width=width, brief=True)
    [line] = [line for line in text.splitlines() if "ALERT" in line]
    assert line.startswith("⚠ ALERT (criteria: social_audits): AUDITS ONLY, NO WORKER VOICE")
    assert len(line) <= width
    assert "“" not in text.split("ALERT")[1].split("\n")[1]  # no quotes under it


# 5. Standard input is named as such.


def test_standard_input_is_named_not_dashed() -> None:
    report = build_sample_report()
    report = replace(report, source=replace(report.source, location="-", kind=SourceKind.STDIN))
    brief = render_console_text(report, width=80, brief=True)
    assert brief.splitlines()[0] == "Example Retail plc — (standard input)"
    assert re.search(r"Source +\(standard input\)", render_console_text(report, width=80))
    assert "| Source | (standard input) |" in render_text(report, "markdown")
    assert json.loads(render_text(report, "json"))["source"]["location"] == "-"


# 6. The column of how many sentences support a criterion has one name.


def test_the_evidence_count_column_has_one_name_in_every_format() -> None:
    report = build_sample_report()
    console = render_console_text(report, width=120)
    assert re.search(rf"P\(met\) +{EVIDENCE_COUNT_HEADING} +Best quote", console)
    assert "Ev." not in console
    assert f"| P(met) | {EVIDENCE_COUNT_HEADING} | Best quote |" in render_text(report, "markdown")
    soup = BeautifulSoup(render_text(report, "html"), "html.parser")
    headings = [th.get_text() for th in soup.select("thead th")]
    assert EVIDENCE_COUNT_HEADING in headings and "Evidence" not in headings


# 7. Markdown says a criterion has nothing once.


def test_markdown_says_once_that_a_criterion_has_no_evidence() -> None:
    report = build_sample_report()
    result = report.results[0]
    nothing = "no sentence matches this criterion"
    criteria = tuple(
        replace(c, note=nothing, set_aside=()) if c.id == "approval" else c for c in result.criteria
    )
    markdown = render_text(
        replace(report, results=(replace(result, criteria=criteria),)), "markdown"
    )
    section = markdown.split("(approval): missing")[1].split("###")[0]
    assert f"*{nothing}*" in section and "No evidence found" not in section
    note_less = replace(criteria[1], note=None)
    plain = replace(report, results=(replace(result, criteria=(note_less,)),))
    assert "No evidence found." in render_text(plain, "markdown")  # said once, by default


# 8. A quote drops the marker of the list item it came from.


@pytest.mark.parametrize("marker", ["- ", "• ", "* ", "\u2013 ", "1. ", "(2) "])
@pytest.mark.parametrize("fmt", HUMAN_FORMATS)
def test_a_quote_drops_a_list_items_marker(marker: str, fmt: str) -> None:
    report = build_sample_report()
    result = report.results[0]
    bullet = evidence(f"{marker}All staff: a 40-minute e-learning course.", 30, strength=2.0)
    criteria = tuple(
        replace(c, evidence=(bullet, *c.evidence)) if c.id == "structure" else c
        for c in result.criteria
    )
    report = replace(report, results=(replace(result, criteria=criteria),))
    words = _text(report, fmt)
    quoted = "All staff: a 40-minute e-learning course."
    assert (f"“{quoted}”" if fmt != "html" else f" {quoted} ") in words
    assert f"{marker.strip()} All staff" not in words
    as_found = json.loads(render_text(report, "json"))["rule_sets"][0]["criteria"][0]
    assert as_found["evidence"][0]["text"].startswith(marker)  # the JSON keeps the sentence


def test_a_number_that_opens_a_sentence_is_not_a_list_marker() -> None:
    report = build_sample_report()
    result = report.results[0]
    figure = evidence("2025 was the year we audited 40 suppliers.", 31, strength=2.0)
    criteria = tuple(
        replace(c, evidence=(figure,)) if c.id == "structure" else c for c in result.criteria
    )
    report = replace(report, results=(replace(result, criteria=criteria),))
    assert "“2025 was the year we audited 40 suppliers.”" in _text(report, "console")
