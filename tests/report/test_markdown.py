"""The Markdown report: escaped text, written-out verdicts, quotes as blockquotes."""

from __future__ import annotations

import re
from dataclasses import replace

from msa_check.models import Report, Verdict
from msa_check.report import render_text
from msa_check.report.markdown import escape

from .conftest import NO_STEPS_MESSAGE

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def criteria_rows(markdown: str) -> list[str]:
    lines = markdown.splitlines()
    start = lines.index("| Criterion | Mandatory | Verdict | P(met) | Quotes | Best quote |")
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


def test_pipe_in_a_quote_is_escaped(sample_report: Report) -> None:
    markdown = render_text(sample_report, "markdown")

    assert r"We buy cotton \| polyester" in markdown
    rows = criteria_rows(markdown)
    assert len(rows) == 4
    for row in rows:
        assert len(UNESCAPED_PIPE.findall(row)) == 7  # six cells


def test_markup_in_a_quote_is_escaped() -> None:
    assert escape("a *b* [c](d) <e> | f\nnext") == r"a \*b\* \[c\](d) \<e\> \| f next"


def test_verdicts_are_written_out(sample_report: Report) -> None:
    rows = criteria_rows(render_text(sample_report, "markdown"))

    verdicts = [UNESCAPED_PIPE.split(row)[3].strip() for row in rows]
    assert verdicts == ["met", "missing", "partial", "not checked"]


def test_alerts_are_a_bold_blockquote(sample_report: Report) -> None:
    markdown = render_text(sample_report, "markdown")

    assert f"> **ALERT: {NO_STEPS_MESSAGE}** (criteria: signature)" in markdown


def test_metadata_table_and_heading(sample_report: Report) -> None:
    markdown = render_text(sample_report, "markdown")

    assert markdown.startswith("# Modern slavery statement check: Example Retail plc\n")
    assert "| Period | year ending 31 March 2025 |" in markdown
    assert "| SHA-256 | " + "ab" * 32 + " |" in markdown


def test_closing_line_names_unmet_mandatory_criteria(sample_report: Report) -> None:
    markdown = render_text(sample_report, "markdown")

    assert "**Mandatory requirements NOT met: approval (missing), signature (partial)**" in markdown


def test_evidence_quotes_are_blockquotes_with_their_place(sample_report: Report) -> None:
    markdown = render_text(sample_report, "markdown")

    assert "> We buy cotton \\| polyester from 40 suppliers in \\[bold\\]Turkey\\[/bold\\]." in (
        markdown
    )
    assert '> (p. 2, section Our supply chains; matched: phrase "suppliers", heading)' in markdown
    assert "> (p. 3, section Our supply chains, planned; matched:" in markdown
    assert "*No sentence says the board approved the statement.*" in markdown


def test_a_row_without_a_quote_says_why_as_the_console_does(sample_report: Report) -> None:
    result = sample_report.results[0]
    signature = next(c for c in result.criteria if c.id == "signature")
    no_steps = replace(signature, evidence=())  # partial because of its alert, no quote
    unchecked = replace(
        next(c for c in result.criteria if c.id == "training"),
        note="judged on the homepage, which this check did not visit",
    )
    criteria = tuple(
        {"signature": no_steps, "training": unchecked}.get(c.id, c) for c in result.criteria
    )
    report = replace(sample_report, results=(replace(result, criteria=criteria),))
    rows = {
        line.split(" | ")[0]: line
        for line in render_text(report, "markdown").splitlines()
        if line.startswith("| ") and "(" in line.split(" | ")[0]
    }
    assert rows["| Signed by a director (signature)"].endswith("| set by alert no-steps |")
    assert rows["| Training about slavery (training)"].endswith(
        "| judged on the homepage, which this check did not visit |"
    )
    assert unchecked.verdict is Verdict.NOT_CHECKED
