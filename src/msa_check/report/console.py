"""The console report: rich renderables for a terminal, or the same as plain text.

Every piece of text from a statement goes into a `Text`, never a markup string, so a
quote such as "[bold]" is shown as written. Verdicts always carry a word as well as a
colour and a mark, so the report reads the same without colour.

The words themselves (`VERDICT_WORDS`, `ranked_evidence`, `closing_line`, ...) come from
report/wording.py, which the Markdown, HTML and compare renderers share.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from msa_check.models import (
    Alert,
    CriterionResult,
    Evidence,
    EvidenceStatus,
    Report,
    RuleSetResult,
    Verdict,
)
from msa_check.report.console_flags import flags_panel
from msa_check.report.console_recognition import recognition_panels
from msa_check.report.wording import (
    BEST_QUOTE_LIMIT,
    EVIDENCE_PER_CRITERION,
    EVIDENCE_QUOTE_LIMIT,
    QUESTIONS_HEADING,
    QUESTIONS_INTRO,
    TEXT_WIDTH,
    VERDICT_WORDS,
    best_evidence,
    closing_line,
    collect_alerts,
    follow_up_questions,
    header_rows,
    qualifier_words,
    ranked_evidence,
    score_line,
    set_aside_shown,
    status_class,
    status_line,
    truncate,
    where_words,
)

_VERDICT_MARKS: dict[Verdict, tuple[str, str]] = {
    Verdict.MET: ("✔", "bold green"),
    Verdict.PARTIAL: ("~", "bold yellow"),
    Verdict.MISSING: ("✘", "bold red"),
    Verdict.NOT_CHECKED: ("○", "dim"),
}


def build_renderables(report: Report) -> list[RenderableType]:
    """The console report, top to bottom."""
    parts: list[RenderableType] = [_header(report), _status_text(report)]
    parts.extend(recognition_panels(report))
    if report.flags:
        parts.append(flags_panel(report.flags))
    alerts = collect_alerts(report)
    if alerts:
        parts.append(_alert_panel(alerts))
    for result in report.results:
        parts.append(_criteria_table(result))
        parts.append(_closing_text(result))
        parts.append(Text(score_line(result), style="dim"))
    questions = follow_up_questions(report)
    if questions:
        parts.append(_questions(questions))
    if any(c.verdict is not Verdict.NOT_CHECKED for r in report.results for c in r.criteria):
        parts.append(_evidence_section(report.results))
    return parts


def _questions(questions: list[tuple[str, str, str]]) -> RenderableType:
    lines: list[RenderableType] = [
        Text(""),
        Rule(Text(QUESTIONS_HEADING, style="bold"), align="left"),
        Text(QUESTIONS_INTRO, style="dim"),
    ]
    for number, (title, verdict, question) in enumerate(questions, start=1):
        lines.append(Text(f"{number}. {question}").append(f" ({title}: {verdict})", style="dim"))
    return Group(*lines)


def render_console_text(report: Report) -> str:
    """The console report as plain text, for writing to a file."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=TEXT_WIDTH,
        color_system=None,
        force_terminal=False,
        no_color=True,
        emoji=False,
        highlight=False,
        legacy_windows=False,
    )
    for part in build_renderables(report):
        console.print(part)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def verdict_text(verdict: Verdict) -> Text:
    mark, style = _VERDICT_MARKS[verdict]
    return Text(f"{mark} {VERDICT_WORDS[verdict]}", style=style)


def _header(report: Report) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in header_rows(report):
        grid.add_row(Text(label), Text(value, style="yellow" if label == "Warning" else ""))
    title = Text(f"msa-check {report.tool_version}", style="bold")
    return Panel(grid, title=title, title_align="left", box=box.ROUNDED)


def _alert_panel(alerts: Sequence[tuple[Alert, tuple[str, ...]]]) -> Panel:
    lines: list[RenderableType] = []
    for alert, raised_by in alerts:
        line = Text("⚠ ", style="bold red").append(alert.message, style="bold red")
        if raised_by:
            line.append(f"  (criteria: {', '.join(raised_by)})", style="red")
        lines.append(line)
        for evidence in alert.evidence[:EVIDENCE_PER_CRITERION]:
            lines.append(Padding(_quote_text(evidence, BEST_QUOTE_LIMIT), (0, 0, 0, 4)))
    title = Text("ALERT" if len(alerts) == 1 else f"{len(alerts)} ALERTS", style="bold red")
    return Panel(Group(*lines), title=title, title_align="left", border_style="bold red")


def _criteria_table(result: RuleSetResult) -> Table:
    info = result.rule_set
    title = Text(f"{info.title} — {info.id} v{info.version}", style="bold")
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, expand=True)
    table.add_column("Criterion", ratio=2)
    table.add_column("Mandatory", no_wrap=True)
    table.add_column("Verdict", no_wrap=True)
    table.add_column("Conf.", justify="right", no_wrap=True)
    table.add_column("Ev.", justify="right", no_wrap=True)
    table.add_column("Best quote", ratio=5)
    for c in result.criteria:
        checked = c.verdict is not Verdict.NOT_CHECKED
        table.add_row(
            Text(c.id, style="bold"),
            Text("yes", style="bold") if c.mandatory else Text("no", style="dim"),
            verdict_text(c.verdict),
            Text(f"{c.confidence:.2f}" if checked else "-"),
            Text(str(len(c.evidence))),
            _best_quote_cell(c),
        )
    return table


def _best_quote_cell(criterion: CriterionResult) -> Text:
    best = best_evidence(criterion)
    if best is None:
        return Text("no evidence", style="dim")
    return _quote_text(best, BEST_QUOTE_LIMIT, with_section=False)


def _quote_text(evidence: Evidence, limit: int, *, with_section: bool = True) -> Text:
    text = Text(f"“{truncate(evidence.text, limit)}”")
    where = where_words(evidence) if with_section else where_words(evidence)[:1]
    if where:
        text.append(f" {', '.join(where)}", style="dim")
    if evidence.status is not EvidenceStatus.TAKEN:
        text.append(f" [{evidence.status.value}]", style="bold yellow")
    return text


def _status_text(report: Report) -> Text:
    style = {"met": "bold green", "unmet": "bold red"}.get(status_class(report), "bold yellow")
    return Text(status_line(report), style=style)


def _closing_text(result: RuleSetResult) -> Text:
    # Green only when every mandatory criterion was checked and met: one not checked is
    # not a pass (yellow), and a set with none is no verdict at all (plain).
    mandatory = [c for c in result.criteria if c.mandatory]
    if not mandatory:
        style = "bold"
    elif result.mandatory_unmet:
        style = "bold red"
    elif any(c.verdict is Verdict.NOT_CHECKED for c in mandatory):
        style = "bold yellow"
    else:
        style = "bold green"
    return Text(closing_line(result), style=style)


def _evidence_section(results: Sequence[RuleSetResult]) -> Group:
    parts: list[RenderableType] = [
        Text(""),
        Rule(Text("Evidence", style="bold"), align="left"),
        Text(
            f"Up to {EVIDENCE_PER_CRITERION} quotes per criterion; the JSON report has all.",
            style="dim",
        ),
    ]
    for result in results:
        for criterion in result.criteria:
            if criterion.verdict is not Verdict.NOT_CHECKED:
                parts.append(_criterion_evidence(criterion))
    return Group(*parts)


def _criterion_evidence(criterion: CriterionResult) -> Group:
    heading = Text("\n").append(criterion.title, style="bold")
    heading.append(f" ({criterion.id}): ", style="dim").append_text(verdict_text(criterion.verdict))
    lines: list[RenderableType] = [heading]
    if criterion.note:
        lines.append(Padding(Text(criterion.note, style="italic"), (0, 0, 0, 2)))
    if criterion.qualifiers:
        lines.append(Padding(Text(qualifier_words(criterion)), (0, 0, 0, 2)))
    ranked = ranked_evidence(criterion.evidence)
    if not ranked:
        lines.append(Padding(Text("No evidence found.", style="dim"), (0, 0, 0, 2)))
    for evidence in ranked[:EVIDENCE_PER_CRITERION]:
        lines.append(Padding(_evidence_lines(evidence), (0, 0, 0, 2)))
    if len(ranked) > EVIDENCE_PER_CRITERION:
        more = len(ranked) - EVIDENCE_PER_CRITERION
        lines.append(Padding(Text(f"(+{more} more in the JSON report)", style="dim"), (0, 0, 0, 2)))
    set_aside = set_aside_shown(criterion)
    if set_aside:
        line, shown = set_aside
        lines.append(Padding(Text(line, style="dim"), (0, 0, 0, 2)))
        for evidence in shown:
            lines.append(Padding(_evidence_lines(evidence), (0, 0, 0, 4)))
    return Group(*lines)


def _evidence_lines(evidence: Evidence) -> Text:
    text = _quote_text(evidence, EVIDENCE_QUOTE_LIMIT)
    if evidence.matched:
        text.append(f"\n  matched: {'; '.join(evidence.matched)}", style="dim")
    return text
