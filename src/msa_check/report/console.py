"""The console report: rich renderables for a terminal, or the same as plain text.

Every piece of text from a statement goes into a `Text`, never a markup string, so a
quote such as "[bold]" is shown as written. Verdicts always carry a word as well as a
colour and a mark, so the report reads the same without colour.

The wording helpers here (`VERDICT_WORDS`, `ranked_evidence`, `closing_line`, ...) are
shared by the other text renderers, so every format says the same thing.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from msa_check.models import (
    Alert,
    ContentKind,
    CriterionResult,
    DocumentSummary,
    Evidence,
    EvidenceStatus,
    Report,
    RuleSetResult,
    Verdict,
)
from msa_check.report.console_flags import flags_panel
from msa_check.report.metadata_words import metadata_rows

TEXT_WIDTH = 100  # columns of the plain-text console report
BEST_QUOTE_LIMIT = 110  # characters of the best quote in the criteria table
EVIDENCE_QUOTE_LIMIT = 300  # characters of each quote in the evidence section
EVIDENCE_PER_CRITERION = 3  # quotes per criterion in the evidence section
SET_ASIDE_PER_CRITERION = 2  # set-aside sentences shown per criterion; the JSON has all

VERDICT_WORDS: dict[Verdict, str] = {
    Verdict.MET: "met",
    Verdict.PARTIAL: "partial",
    Verdict.MISSING: "missing",
    Verdict.NOT_CHECKED: "not checked",
}
_KIND_WORDS: dict[ContentKind, str] = {
    ContentKind.PDF: "PDF",
    ContentKind.HTML: "HTML",
    ContentKind.TEXT: "text",
}
_VERDICT_MARKS: dict[Verdict, tuple[str, str]] = {
    Verdict.MET: ("✔", "bold green"),
    Verdict.PARTIAL: ("~", "bold yellow"),
    Verdict.MISSING: ("✘", "bold red"),
    Verdict.NOT_CHECKED: ("○", "dim"),
}


# -- wording shared by the text renderers ---------------------------------------------


def ranked_evidence(evidence: Iterable[Evidence]) -> list[Evidence]:
    """Taken evidence first, then strongest, then the one more parts of the rule matched.

    Ties keep the order given (document order).
    """
    return sorted(
        evidence,
        key=lambda e: (e.status is not EvidenceStatus.TAKEN, -e.strength, -len(e.matched)),
    )


def qualifier_words(criterion: CriterionResult) -> str:
    """ "Qualifiers: third_party yes; unannounced no" (words, not colour, carry the meaning)."""
    words = "; ".join(f"{q.id} {'yes' if q.present else 'no'}" for q in criterion.qualifiers)
    return f"Qualifiers: {words}"


def best_evidence(criterion: CriterionResult) -> Evidence | None:
    """The highest-strength taken evidence, else the strongest of any status."""
    ranked = ranked_evidence(criterion.evidence)
    return ranked[0] if ranked else None


def set_aside_shown(criterion: CriterionResult) -> tuple[str, tuple[Evidence, ...]] | None:
    """ "Set aside: 2 sentences the rule matched, then ruled out" and the sentences to quote
    under it (the first few), or None if there were none.

    Said so that a reader who expected a sentence to count sees that it was found, and (in
    each one's `matched`) why it did not count. One function gives both the line and the
    quotes, so every format quotes as many as its line says.
    """
    count = len(criterion.set_aside)
    if not count:
        return None
    shown = criterion.set_aside[:SET_ASIDE_PER_CRITERION]
    more = f"; the first {len(shown)} here, all in the JSON report" if count > len(shown) else ""
    return f"Set aside: {_count(count, 'sentence')} the rule matched, then ruled out{more}", shown


def truncate(text: str, limit: int) -> str:
    """`text` on one line, cut to at most `limit` characters with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rstrip() + "…"


def document_line(document: DocumentSummary) -> str:
    """E.g. "PDF, 4 pages, 1,234 words, 56 sentences"."""
    parts = [_KIND_WORDS[document.kind]]
    if document.page_count is not None:
        parts.append(_count(document.page_count, "page"))
    parts.append(_count(document.word_count, "word"))
    parts.append(_count(document.sentence_count, "sentence"))
    return ", ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def discovery_rows(report: Report) -> list[tuple[str, str]]:
    """How the statement was reached from the homepage, and where the homepage links to it."""
    discovery = report.discovery
    if discovery is None:
        return []
    rows = []
    if len(discovery.path) > 1:
        rows.append(("Found via", " -> ".join(discovery.path)))
    if discovery.homepage_links:
        link = discovery.homepage_links[0]
        rows.append(
            ("Homepage link", f"“{link.text}” in the {link.region.value} of {discovery.homepage}")
        )
    else:
        rows.append(("Homepage link", f"none found on {discovery.homepage}"))
    rows.extend(("Discovery", note) for note in discovery.notes)
    return rows


def header_rows(report: Report) -> list[tuple[str, str]]:
    """The label/value pairs that describe what was checked, against what."""
    source = report.source
    rows = [("Source", source.location)]
    if source.final_url and source.final_url != source.location:
        rows.append(("Final URL", source.final_url))
    if report.organisation:
        rows.append(("Organisation", report.organisation))
    if report.period:
        rows.append(("Period", report.period))
    rows.extend(discovery_rows(report))
    rows.extend(metadata_rows(report))
    if report.document.title:
        rows.append(("Title", report.document.title))
    rows.append(("Document", document_line(report.document)))
    for result in report.results:
        info = result.rule_set
        rows.append(("Rule set", f"{info.title} ({info.id}, version {info.version})"))
    rows.extend(("Warning", warning) for warning in report.document.warnings)
    return rows


def collect_alerts(report: Report) -> list[tuple[Alert, tuple[str, ...]]]:
    """Every alert once, with the ids of the criteria that raised it (none: the report)."""
    found: dict[tuple[str, str], tuple[Alert, list[str]]] = {}
    for alert in report.alerts:
        found.setdefault((alert.id, alert.message), (alert, []))
    for result in report.results:
        for criterion in result.criteria:
            for alert in criterion.alerts:
                _, raised_by = found.setdefault((alert.id, alert.message), (alert, []))
                raised_by.append(criterion.id)
    return [(alert, tuple(raised_by)) for alert, raised_by in found.values()]


def closing_line(result: RuleSetResult) -> str:
    """Whether every mandatory criterion of a rule set is met, naming those that are not."""
    unchecked = [c.id for c in result.criteria if c.mandatory and c.verdict is Verdict.NOT_CHECKED]
    suffix = f" (not checked: {', '.join(unchecked)})" if unchecked else ""
    unmet = result.mandatory_unmet
    if not unmet:
        if unchecked:
            return f"All checked mandatory requirements are met{suffix}."
        return "All mandatory requirements are met."
    listed = ", ".join(f"{c.id} ({VERDICT_WORDS[c.verdict]})" for c in unmet)
    return f"Mandatory requirements NOT met: {listed}{suffix}"


def score_line(result: RuleSetResult) -> str:
    """The set's disclosure score in words, with what it counts."""
    score = result.score
    checked = score.met + score.partial + score.missing
    weighted = any(c.weight != 1.0 for c in result.criteria)
    return (
        f"Disclosure score: {score.percent:g}% ({score.met} met, {score.partial} partial, "
        f"{score.missing} missing of {checked} checked; partial counts half"
        f"{'; weighted as the rule file says' if weighted else ''})"
    )


def where_words(evidence: Evidence) -> list[str]:
    """Where a quote sits, e.g. ["p. 3", 'section "Governance"']."""
    words = []
    if evidence.page is not None:
        words.append(f"p. {evidence.page}")
    if evidence.section:
        words.append(f'section "{evidence.section}"')
    return words


# -- rich renderables ------------------------------------------------------------------


def build_renderables(report: Report) -> list[RenderableType]:
    """The console report, top to bottom."""
    parts: list[RenderableType] = [_header(report)]
    if report.flags:
        parts.append(flags_panel(report.flags))
    alerts = collect_alerts(report)
    if alerts:
        parts.append(_alert_panel(alerts))
    for result in report.results:
        parts.append(_criteria_table(result))
        parts.append(_closing_text(result))
        parts.append(Text(score_line(result), style="dim"))
    if any(c.verdict is not Verdict.NOT_CHECKED for r in report.results for c in r.criteria):
        parts.append(_evidence_section(report.results))
    return parts


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


def _closing_text(result: RuleSetResult) -> Text:
    met = not result.mandatory_unmet
    return Text(closing_line(result), style="bold green" if met else "bold red")


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
