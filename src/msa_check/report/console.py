"""The console report: rich renderables for a terminal, or the same as plain text.

Every piece of text from a statement goes into a `Text`, never a markup string, so a
quote such as "[bold]" is shown as written. Verdicts always carry a word as well as a
colour and a mark, so the report reads the same without colour.

The words themselves (`VERDICT_WORDS`, `ranked_evidence`, ...) come from report/wording.py
and the headline and closing lines (`status_line`, `closing_line`) from report/headline.py,
which the Markdown, HTML and compare renderers share.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from msa_check.models import (
    Alert,
    CriterionResult,
    Evidence,
    Report,
    RuleSetResult,
    Verdict,
)
from msa_check.report.console_flags import flags_panel
from msa_check.report.console_quotes import Quote, QuotesShown, quote_words, quotes_once
from msa_check.report.console_recognition import recognition_panels
from msa_check.report.console_table import CriteriaTable, FittedNote, verdict_text
from msa_check.report.headline import (
    closing_line,
    is_stale,
    registry_page_line,
    registry_page_link,
    score_line,
    status_class,
    status_line,
)
from msa_check.report.plain_text import plain_text
from msa_check.report.quote_cuts import fit_lines
from msa_check.report.wording import (
    EVIDENCE_PER_CRITERION,
    QUESTIONS_HEADING,
    QUESTIONS_INTRO,
    TEXT_WIDTH,
    alert_line,
    best_evidence,
    checked_location,
    collect_alerts,
    follow_up_questions,
    header_rows,
    qualifier_words,
    ranked_evidence,
    set_aside_shown,
)

EVIDENCE_QUOTE_LINES = 4  # a quote in the evidence section, at most


def build_renderables(report: Report, brief: bool = False) -> list[RenderableType]:
    """The console report, top to bottom; `brief`: the headline, the flags, each alert on
    one line, and the verdict tables only.

    Each sentence is quoted once: the flags first, then the alerts, then the criteria
    table; a later place names the earlier one instead. The evidence section quotes its
    sentences at more length, again once each.
    """
    shown = QuotesShown()
    parts: list[RenderableType] = []
    if brief:
        named = f"{report.organisation} — " if report.organisation else ""
        parts.append(Text(f"{named}{checked_location(report)}", style="bold"))
    else:
        parts.append(_header(report))
    parts.append(_status_text(report))
    # A document that is not a statement, or a homepage that leads to none, says so here.
    parts.extend(recognition_panels(report))
    if report.flags:
        parts.append(flags_panel(report.flags, shown))
    alerts = collect_alerts(report)
    if alerts:
        parts.append(_alert_lines(alerts) if brief else _alert_panel(alerts, shown))
    for result in report.results:
        parts.append(CriteriaTable(result, _earlier_quotes(result, shown)))
        parts.append(_closing_text(result, report))
        parts.append(Text(score_line(result), style="dim"))
    if brief:
        return parts
    questions = follow_up_questions(report)
    if questions:
        parts.append(_questions(questions))
    if any(c.verdict is not Verdict.NOT_CHECKED for r in report.results for c in r.criteria):
        parts.append(_evidence_section(report.results))
    return parts


def _earlier_quotes(result: RuleSetResult, shown: QuotesShown) -> dict[str, str]:
    """criterion id -> where its best quote was already shown, for those quoted before."""
    earlier = {}
    for criterion in result.criteria:
        best = best_evidence(criterion)
        if best is not None:
            place = shown.earlier_place(best, criterion.id)
            if place is not None:
                earlier[criterion.id] = place
    return earlier


def _questions(questions: list[tuple[str, str, str]]) -> RenderableType:
    lines: list[RenderableType] = [
        Text(""),
        Rule(Text(QUESTIONS_HEADING, style="bold"), align="left"),
        Text(QUESTIONS_INTRO, style="dim"),
    ]
    # A grid, so that a question's second line starts under its first word, not its number.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for number, (title, verdict, question) in enumerate(questions, start=1):
        grid.add_row(f"{number}.", Text(question).append(f" ({title}: {verdict})", style="dim"))
    lines.append(grid)
    return Group(*lines)


def render_console_text(report: Report, *, width: int = TEXT_WIDTH, brief: bool = False) -> str:
    """The console report as plain text, `width` columns wide, for writing to a file."""
    return plain_text(build_renderables(report, brief=brief), width)


def _header(report: Report) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in header_rows(report):
        grid.add_row(Text(label), Text(value, style="yellow" if label == "Warning" else ""))
    title = Text(f"msa-check {report.tool_version}", style="bold")
    return Panel(grid, title=title, title_align="left", box=box.ROUNDED)


def _alert_lines(alerts: Sequence[tuple[Alert, tuple[str, ...]]]) -> Group:
    """Brief: each alert on one line, in red, cut after a word to the width it is drawn at
    (its whole message, and its quotes, are in the full report)."""
    return Group(*(FittedNote(alert_line(a, raised_by), "bold red", 1) for a, raised_by in alerts))


def _alert_panel(alerts: Sequence[tuple[Alert, tuple[str, ...]]], shown: QuotesShown) -> Panel:
    lines: list[RenderableType] = []
    for alert, raised_by in alerts:
        line = Text("⚠ ", style="bold red").append(alert.message, style="bold red")
        if raised_by:
            line.append(f"  (criteria: {', '.join(raised_by)})", style="red")
        lines.append(line)
        lines.extend(
            quotes_once(alert.evidence[:EVIDENCE_PER_CRITERION], f"alert {alert.id}", shown)
        )
    title = Text("ALERT" if len(alerts) == 1 else f"{len(alerts)} ALERTS", style="bold red")
    return Panel(Group(*lines), title=title, title_align="left", border_style="bold red")


def _status_text(report: Report) -> RenderableType:
    style = {"met": "bold green", "unmet": "bold red"}.get(status_class(report), "bold yellow")
    link = registry_page_link(report)
    if link is None:
        return Text(status_line(report), style=style)
    # The address on a line of its own, never folded, even when wider than the console
    # (printed without cropping): a terminal and a copy-paste then read it whole.
    headline = Text(registry_page_line(link, link_below=True), style=style)
    address = Text(link, style=f"{style} link {link}", no_wrap=True, overflow="ignore")
    return Group(headline, address)


def _closing_text(result: RuleSetResult, report: Report) -> Text:
    # Green only when every mandatory criterion was checked and met in a statement that is
    # not out of date: one not checked, or a stale statement, is not a pass (yellow), and a
    # set with none is no verdict at all (plain).
    mandatory = [c for c in result.criteria if c.mandatory]
    if not mandatory:
        style = "bold"
    elif result.mandatory_unmet:
        style = "bold red"
    elif any(c.verdict is Verdict.NOT_CHECKED for c in mandatory) or is_stale(report):
        style = "bold yellow"
    else:
        style = "bold green"
    return Text(closing_line(result, report), style=style)


def _evidence_section(results: Sequence[RuleSetResult]) -> Group:
    parts: list[RenderableType] = [
        Text(""),
        Rule(Text("Evidence", style="bold"), align="left"),
        Text(
            f"Up to {EVIDENCE_PER_CRITERION} quotes per criterion; the JSON report has all.",
            style="dim",
        ),
    ]
    shown = QuotesShown()
    unmatched: list[str] = []
    for result in results:
        for criterion in result.criteria:
            if criterion.verdict is Verdict.NOT_CHECKED:
                continue
            if _says_only_that_nothing_matched(criterion):
                unmatched.append(criterion.id)
            else:
                parts.append(_criterion_evidence(criterion, shown))
    if unmatched:
        # Said once for them all, rather than a heading, a note and "No evidence found" each.
        parts.append(Text(f"\nNo sentence matches: {', '.join(unmatched)}.", style="bold"))
    return Group(*parts)


def _says_only_that_nothing_matched(criterion: CriterionResult) -> bool:
    return (
        criterion.verdict is Verdict.MISSING
        and not criterion.evidence
        and not criterion.set_aside
        and not criterion.alerts
        and not criterion.qualifiers
    )


def _criterion_evidence(criterion: CriterionResult, shown: QuotesShown) -> Group:
    heading = Text("\n").append(criterion.title, style="bold")
    heading.append(f" ({criterion.id}): ", style="dim").append_text(verdict_text(criterion.verdict))
    lines: list[RenderableType] = [heading]
    if criterion.note:
        lines.append(Padding(Text(criterion.note, style="italic"), (0, 0, 0, 2)))
    if criterion.qualifiers:
        lines.append(Padding(Text(qualifier_words(criterion)), (0, 0, 0, 2)))
    ranked = ranked_evidence(criterion.evidence)
    for evidence in ranked[:EVIDENCE_PER_CRITERION]:
        lines.extend(_evidence_lines(evidence, criterion.id, shown, indent=2))
    if len(ranked) > EVIDENCE_PER_CRITERION:
        more = len(ranked) - EVIDENCE_PER_CRITERION
        lines.append(Padding(Text(f"(+{more} more in the JSON report)", style="dim"), (0, 0, 0, 2)))
    set_aside = set_aside_shown(criterion)
    if set_aside:
        line, set_aside_quotes = set_aside
        lines.append(Padding(Text(line, style="dim"), (0, 0, 0, 2)))
        for evidence in set_aside_quotes:
            lines.extend(_evidence_lines(evidence, criterion.id, shown, indent=4))
    return Group(*lines)


def _evidence_lines(
    evidence: Evidence, place: str, shown: QuotesShown, *, indent: int
) -> list[RenderableType]:
    """The quote (or where it was quoted before), then what of the rule matched it."""
    earlier = shown.earlier_place(evidence, place)
    if earlier is None:
        quote: RenderableType = Quote(evidence, lines=EVIDENCE_QUOTE_LINES, with_section=True)
    else:
        quote = _requote(evidence, earlier)
    lines: list[RenderableType] = [Padding(quote, (0, 0, 0, indent))]
    if evidence.matched:
        matched = Text(f"matched: {'; '.join(evidence.matched)}", style="dim")
        lines.append(Padding(matched, (0, 0, 0, indent + 2)))
    return lines


def _requote(evidence: Evidence, earlier: str) -> Text:
    """The start of a sentence quoted in full above, and where."""
    quote, _ = quote_words(evidence, with_section=False)
    start = fit_lines(quote[:-1], 40, 1, end="”")[0]
    return Text(start).append(f" (quoted above, under {earlier})", style="dim")
