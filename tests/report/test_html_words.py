"""The HTML report as a buyer reads it: titles before ids, set-aside sentences apart from
evidence, quotes' status in words, tables that fit a narrow window, a title without paths."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from bs4 import BeautifulSoup

from msa_check.checker import check
from msa_check.models import EvidenceStatus, Report, SourceKind
from msa_check.report import render_text
from msa_check.report.html_style import STYLE
from msa_check.report.html_words import alert_message_after_title, alert_title
from tests.report.conftest import SET_ASIDE_QUOTES, evidence

SAMPLES = Path(__file__).parents[2] / "samples"


def soup_of(report: Report) -> BeautifulSoup:
    return BeautifulSoup(render_text(report, "html"), "html.parser")


def words_of(soup: BeautifulSoup) -> str:
    return " ".join(soup.get_text(" ").split())


def test_every_table_scrolls_in_its_own_box_and_long_words_break(sample_report: Report) -> None:
    soup = soup_of(sample_report)
    tables = soup.find_all("table")
    assert tables and all("table-wrap" in t.parent.get("class", ()) for t in tables)
    assert re.search(r"\.table-wrap \{ overflow-x: auto;", STYLE)
    assert "overflow-wrap: break-word" in STYLE and "overflow-wrap: anywhere" in STYLE
    # The mandatory line is under the counts, not a sixth column pushed off a phone.
    summary = soup.find(id="summary").parent
    assert summary.find("thead").find("th").get_text() == "Rule set"
    assert "Mandatory requirements" not in summary.find("table").get_text()
    assert summary.find("ul", class_="mandatory") is not None


def test_criteria_are_named_by_title_with_the_id_kept_small(sample_report: Report) -> None:
    soup = soup_of(sample_report)
    text = words_of(soup)
    approval = next(c for c in sample_report.results[0].criteria if c.id == "approval")
    assert f"requirements: {approval.title}" in text  # the headline, not "approval, ..."
    assert "NOT met: approval (" not in text
    assert f"NOT met: {approval.title} (missing)" in text  # the closing line
    heading = next(h for h in soup.find_all("h3") if approval.title in h.get_text())
    assert heading.find("small", class_="id").get_text() == "(approval)"


def test_set_aside_sentences_are_grey_labelled_and_never_marked(sample_report: Report) -> None:
    soup = soup_of(sample_report)
    set_aside = soup.find_all("blockquote", class_="set-aside")
    assert len(set_aside) == 2  # the first two of three, as the line above them says
    for quote in set_aside:
        assert quote.find("mark") is None
        assert quote.find(class_="set-aside-label").get_text() == "set aside"
        assert quote.find("code").get_text() == "also"  # the rule's key, as code
        assert "`" not in quote.get_text()
    marked = {m.get_text() for m in soup.find_all("mark")}
    assert not marked & set(SET_ASIDE_QUOTES)
    assert "blockquote.set-aside" in STYLE and "#ededed" in STYLE


def test_a_quote_that_denies_the_action_says_so_in_words(sample_report: Report) -> None:
    result = sample_report.results[0]
    denied = evidence("We did not audit any supplier.", 40, status=EvidenceStatus.DENIED)
    first = dataclasses.replace(result.criteria[0], evidence=(denied,))
    report = dataclasses.replace(
        sample_report,
        results=(dataclasses.replace(result, criteria=(first, *result.criteria[1:])),),
    )
    wheres = [p.get_text() for p in soup_of(report).find_all("p", class_="where")]
    assert any(w.endswith("says this was not done") for w in wheres)
    assert not any(w.endswith("denied") for w in wheres)


def test_counts_are_proper_plurals() -> None:
    # Said so where the notes are written (analyse_criterion), so every format has them.
    report = check(str(SAMPLES / "northwind-components-2025.pdf"), ["uk-msa-s54"], discover=False)
    words = words_of(soup_of(report))
    assert "1 sentence of action taken (needs 1)" in words
    assert "(s)" not in words


def test_an_alert_is_named_by_the_capitals_its_message_leads_with() -> None:
    assert alert_title("no_steps_taken", "NO STEPS TAKEN: the statement ...") == "No steps taken"
    assert alert_title("audits_only", "Audits are the only check named.") == "Audits only"


def test_the_title_names_the_file_not_a_path_relative_to_where_it_ran(
    sample_report: Report,
) -> None:
    source = dataclasses.replace(
        sample_report.source, kind=SourceKind.FILE, location="../recipe.txt", final_url=None
    )
    report = dataclasses.replace(sample_report, source=source, metadata=None)
    soup = soup_of(report)
    assert soup.title is not None
    assert soup.title.string == "Modern slavery statement check: recipe.txt"
    assert soup.h1 is not None and "../" not in soup.h1.get_text()
    questions = soup.find(id="questions")
    assert questions is None or "follow_up" not in questions.parent.get_text()


def test_standard_input_is_named_in_words_in_the_about_table(sample_report: Report) -> None:
    source = dataclasses.replace(sample_report.source, location="-", kind=SourceKind.STDIN)
    soup = soup_of(dataclasses.replace(sample_report, source=source))
    about = {
        row.find("th").get_text(): row.find("td").get_text()
        for row in soup.find_all("tr")
        if row.find("th") and row.find("td")
    }
    assert about["Source"] == "(standard input)"


def test_a_criterion_without_quotes_says_why_once(sample_report: Report) -> None:
    result = sample_report.results[0]
    empty = dataclasses.replace(
        result.criteria[0], evidence=(), note="no sentence matches this criterion"
    )
    report = dataclasses.replace(
        sample_report,
        results=(dataclasses.replace(result, criteria=(empty, *result.criteria[1:])),),
    )
    words = words_of(soup_of(report))
    assert "no sentence matches this criterion" in words
    unnoted = dataclasses.replace(empty, note="")
    report = dataclasses.replace(
        sample_report,
        results=(dataclasses.replace(result, criteria=(unnoted, *result.criteria[1:])),),
    )
    assert "No quote found." in words_of(soup_of(report))
    assert "No quote found." not in words.split("no sentence matches this criterion", 1)[1][:40]


def test_an_alert_title_is_not_said_twice() -> None:
    message = "AUDITS ONLY, NO WORKER VOICE: the statement relies on social audits."
    assert alert_title("audits_only", message) == "Audits only, no worker voice"
    assert alert_message_after_title(message) == "The statement relies on social audits."
    assert alert_message_after_title("No capitals lead here.") == "No capitals lead here."
