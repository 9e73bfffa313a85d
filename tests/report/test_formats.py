"""The name -> renderer map and the two entry points."""

from __future__ import annotations

import dataclasses
import io
import json

import pytest
from rich.console import Console

from msa_check.errors import UsageError
from msa_check.models import Report
from msa_check.report import FORMATS, RENDERERS, print_report, render_text
from msa_check.rules.reasons import HEADING_REASON

from .conftest import SET_ASIDE_QUOTES, evidence


def test_formats_are_the_renderer_names() -> None:
    assert FORMATS == ("console", "json", "markdown", "html")
    assert all(RENDERERS[name].name == name for name in FORMATS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_text(sample_report: Report, fmt: str) -> None:
    text = render_text(sample_report, fmt)

    assert "approval" in text
    assert text.endswith("\n")


def test_unknown_format_is_a_usage_error(sample_report: Report) -> None:
    with pytest.raises(UsageError, match="choose one of console, json, markdown, html"):
        render_text(sample_report, "yaml")
    with pytest.raises(UsageError, match="'yaml'"):
        print_report(sample_report, "yaml", Console(file=io.StringIO()))


@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_text_formats_print_exactly_as_rendered(sample_report: Report, fmt: str) -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, width=40, color_system=None)  # narrow: must not wrap

    print_report(sample_report, fmt, console)

    assert buffer.getvalue() == render_text(sample_report, fmt)


def test_printed_json_parses(sample_report: Report) -> None:
    buffer = io.StringIO()

    print_report(sample_report, "json", Console(file=buffer, width=40, color_system=None))

    assert json.loads(buffer.getvalue())["mandatory_met"] is False


@pytest.mark.parametrize("fmt", ["console", "markdown", "html"])
def test_set_aside_sentences_are_counted_and_the_first_two_quoted(
    sample_report: Report, fmt: str
) -> None:
    # A reader who expected a sentence to count sees it was found, and why it did not.
    text = " ".join(render_text(sample_report, fmt).split())  # undo the console's wrapping

    assert "Set aside: 3 sentences the rule matched, then ruled out" in text
    assert "the first 2 here, all in the JSON report" in text
    first, second, third = SET_ASIDE_QUOTES
    assert first in text
    assert second in text
    assert third not in text
    assert "does not match the rule" in text  # the reason, with each quote


@pytest.mark.parametrize("fmt", ["console", "markdown", "html"])
def test_no_set_aside_line_when_nothing_was_set_aside(sample_report: Report, fmt: str) -> None:
    uk = sample_report.results[0]
    criteria = tuple(dataclasses.replace(c, set_aside=()) for c in uk.criteria)
    report = dataclasses.replace(
        sample_report, results=(dataclasses.replace(uk, criteria=criteria),)
    )

    assert "Set aside" not in render_text(report, fmt)


@pytest.mark.parametrize("fmt", ["console", "markdown", "html"])
def test_a_heading_set_aside_is_quoted_after_the_sentences_ruled_out(
    sample_report: Report, fmt: str
) -> None:
    uk = sample_report.results[0]
    approval = next(c for c in uk.criteria if c.id == "approval")
    heading = evidence("Board approval", 19, matched=("heading", HEADING_REASON), strength=0.0)
    with_heading = dataclasses.replace(approval, set_aside=(heading, *approval.set_aside))
    criteria = tuple(with_heading if c.id == "approval" else c for c in uk.criteria)
    report = dataclasses.replace(
        sample_report, results=(dataclasses.replace(uk, criteria=criteria),)
    )
    text = " ".join(render_text(report, fmt).split())
    first, second, _ = SET_ASIDE_QUOTES
    assert "Set aside: 4 sentences the rule matched, then ruled out" in text
    assert first in text and second in text
    assert "“Board approval”" not in text  # the two shown are the sentences, not the heading
