"""The console report, rendered by rich into a 100-column buffer without colour."""

from __future__ import annotations

import dataclasses
import io

import pytest
from rich.console import Console

from msa_check.models import EvidenceStatus, Report, Verdict
from msa_check.report import print_report, render_text
from msa_check.report.headline import closing_line
from msa_check.report.quote_cuts import truncate
from msa_check.report.wording import best_evidence

from .conftest import NO_STEPS_MESSAGE, PIPE_QUOTE, PLANNED_QUOTE, evidence


def render(report: Report) -> str:
    console = Console(file=io.StringIO(), width=100, color_system=None)
    print_report(report, "console", console)
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


def test_header_describes_source_document_and_rule_set(sample_report: Report) -> None:
    out = render(sample_report)

    assert "https://example.com/msa" in out
    assert "https://www.example.com/msa-2025.pdf" in out
    assert "Example Retail plc" in out
    assert "year ending 31 March 2025" in out
    assert "PDF, 4 pages, 1,234 words, 56 sentences" in out
    assert "UK Modern Slavery Act s54 (uk-msa, version 1.2)" in out
    assert "page 4 has no text layer" in out


def test_final_url_is_left_out_when_it_is_the_location(sample_report: Report) -> None:
    source = dataclasses.replace(sample_report.source, final_url=sample_report.source.location)

    out = render(dataclasses.replace(sample_report, source=source))

    assert "Final URL" not in out


def test_verdicts_are_words_with_marks(sample_report: Report) -> None:
    out = render(sample_report)

    for verdict in ("✔ met", "✘ missing", "~ partial", "○ not checked"):
        assert verdict in out


def test_quotes_carry_page_numbers_and_status(sample_report: Report) -> None:
    out = render(sample_report)

    assert "“Signed: J. Smith” p. 4" in out
    assert "p. 2" in out
    assert "p. 3" in out
    assert "[planned]" in out
    assert 'matched: phrase "suppliers"; heading' in out


def test_statement_text_is_never_read_as_markup(sample_report: Report) -> None:
    out = render(sample_report)

    assert "[bold]Turkey[/bold]" in out


def test_alerts_are_shown_in_a_panel(sample_report: Report) -> None:
    out = render(sample_report)

    assert "ALERT" in out
    assert NO_STEPS_MESSAGE in out
    assert "(criteria: signature)" in out
    assert out.count(NO_STEPS_MESSAGE) == 1  # on the report and a criterion: shown once


def test_no_alert_panel_without_alerts(sample_report: Report) -> None:
    result = sample_report.results[0]
    quiet = tuple(dataclasses.replace(c, alerts=()) for c in result.criteria)
    report = dataclasses.replace(
        sample_report, alerts=(), results=(dataclasses.replace(result, criteria=quiet),)
    )

    assert "ALERT" not in render(report)


def test_closing_line_names_unmet_mandatory_criteria(sample_report: Report) -> None:
    out = render(sample_report)

    assert "Mandatory requirements NOT met: approval (missing), signature (partial)" in out
    assert "All mandatory requirements are met." not in out


def test_closing_line_when_all_mandatory_criteria_are_met(sample_report: Report) -> None:
    result = sample_report.results[0]
    met = tuple(
        dataclasses.replace(c, verdict=Verdict.MET) if c.mandatory else c for c in result.criteria
    )

    line = closing_line(dataclasses.replace(result, criteria=met), sample_report)

    assert line == "All mandatory requirements are met."


def test_closing_line_admits_mandatory_criteria_not_checked(sample_report: Report) -> None:
    result = sample_report.results[0]
    criteria = tuple(
        dataclasses.replace(c, verdict=Verdict.NOT_CHECKED if c.id == "approval" else Verdict.MET)
        for c in result.criteria
    )

    line = closing_line(dataclasses.replace(result, criteria=criteria), sample_report)

    assert line == "All checked mandatory requirements are met (not checked: approval)."


def test_closing_line_names_unmet_then_not_checked_outside_their_brackets(
    sample_report: Report,
) -> None:
    result = sample_report.results[0]
    verdicts = {"approval": Verdict.MISSING, "signature": Verdict.NOT_CHECKED}
    criteria = tuple(
        dataclasses.replace(c, verdict=verdicts.get(c.id, Verdict.MET)) for c in result.criteria
    )

    line = closing_line(dataclasses.replace(result, criteria=criteria), sample_report)

    assert line == "Mandatory requirements NOT met: approval (missing); not checked: signature"


def test_a_criterion_not_checked_says_why_in_the_table(sample_report: Report) -> None:
    result = sample_report.results[0]
    why = "judged on the organisation's homepage, which this check did not visit"
    criteria = tuple(
        dataclasses.replace(c, verdict=Verdict.NOT_CHECKED, evidence=(), alerts=(), note=why)
        if c.id == "signature"
        else c
        for c in result.criteria
    )

    out = render(
        dataclasses.replace(
            sample_report, results=(dataclasses.replace(result, criteria=criteria),)
        )
    )

    row = next(line for line in out.splitlines() if line.startswith("signature"))
    assert "not checked" in row and "judged on the organisation's homepage" in row


def test_best_quote_prefers_taken_over_stronger_planned(sample_report: Report) -> None:
    structure = sample_report.results[0].criteria[0]

    best = best_evidence(structure)

    assert best is not None
    assert best.text == PIPE_QUOTE
    assert best.status is EvidenceStatus.TAKEN


def test_best_quote_falls_back_to_planned_evidence(sample_report: Report) -> None:
    planned_only = dataclasses.replace(
        sample_report.results[0].criteria[0],
        evidence=(evidence(PLANNED_QUOTE, 5, status=EvidenceStatus.PLANNED),),
    )

    best = best_evidence(planned_only)

    assert best is not None
    assert best.status is EvidenceStatus.PLANNED


def test_evidence_section_shows_at_most_three_quotes(sample_report: Report) -> None:
    structure = sample_report.results[0].criteria[0]
    many = tuple(evidence(f"Quote number {i} about suppliers.", i) for i in range(5))
    result = dataclasses.replace(
        sample_report.results[0],
        criteria=(dataclasses.replace(structure, evidence=many),),
    )

    out = render(dataclasses.replace(sample_report, results=(result,)))

    assert "Quote number 2 about suppliers." in out
    assert "Quote number 3 about suppliers." not in out
    assert "(+2 more in the JSON report)" in out


@pytest.mark.parametrize("limit", [20, 160])
def test_truncate_cuts_long_text_with_an_ellipsis(limit: int) -> None:
    cut = truncate("word " * 100, limit)

    assert len(cut) == limit
    assert cut.endswith("…")


def test_long_best_quote_is_truncated(sample_report: Report) -> None:
    structure = sample_report.results[0].criteria[0]
    long_quote = "Suppliers " * 40 + "END-OF-QUOTE"
    result = dataclasses.replace(
        sample_report.results[0],
        criteria=(dataclasses.replace(structure, evidence=(evidence(long_quote, 1),)),),
    )

    out = render(dataclasses.replace(sample_report, results=(result,)))

    assert "END-OF-QUOTE" not in out
    assert "…" in out


def test_plain_text_fits_100_columns_and_has_no_escape_codes(sample_report: Report) -> None:
    text = render_text(sample_report, "console")

    assert "\x1b[" not in text
    assert max(len(line) for line in text.splitlines()) <= 100
    assert all(line == line.rstrip() for line in text.splitlines())
    assert "Mandatory requirements NOT met: approval (missing)" in text
