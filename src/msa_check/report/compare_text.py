"""A Comparison for people: the console (rich, or plain text for a file) and Markdown."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from msa_check.compare import Change, Comparison, CriterionChange
from msa_check.models import Evidence
from msa_check.report.compare_words import (
    CHANGE_WORDS,
    QUOTES_PER_SIDE,
    carry_over_words,
    change_line,
    changed_words,
    changes_words,
    flag_ids,
    statement_words,
    verdict_words,
    worth_detailing,
)
from msa_check.report.console_table import MANDATORY_MARK, WrappedName
from msa_check.report.headline import status_line
from msa_check.report.markdown import escape
from msa_check.report.plain_text import plain_text
from msa_check.report.quote_cuts import truncate
from msa_check.report.wording import TEXT_WIDTH, where_words

QUOTE_LIMIT = 160
_CHANGE_STYLES = {
    Change.IMPROVED: "bold green",
    Change.REGRESSED: "bold red",
    Change.UNCHANGED: "",
    Change.NOT_COMPARED: "dim",
}


def summary_rows(comparison: Comparison) -> list[tuple[str, str]]:
    return [
        ("Old", statement_words(comparison.old)),
        ("New", statement_words(comparison.new)),
        ("Status, old", status_line(comparison.old)),
        ("Status, new", status_line(comparison.new)),
        ("Verdicts", changes_words(comparison)),
        ("Carried over", carry_over_words(comparison.carry_over)),
        ("Flags, old", flag_ids(comparison.old)),
        ("Flags, new", flag_ids(comparison.new)),
    ]


def comparison_renderables(comparison: Comparison) -> list[RenderableType]:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in summary_rows(comparison):
        grid.add_row(Text(label), Text(value))
    title = Text(f"msa-check {comparison.new.tool_version}: compare", style="bold")
    parts: list[RenderableType] = [Panel(grid, title=title, title_align="left", box=box.ROUNDED)]
    parts.append(_verdict_table(comparison))
    parts.extend(_detail(c) for c in comparison.criteria if worth_detailing(c))
    return parts


def _verdict_table(comparison: Comparison) -> Table:
    """Criterion by criterion: old, new, change. Mandatory ones are marked `*`, as in the
    check report; with several rule sets a criterion is `rule_set.criterion`. The verdicts
    are never wrapped; at 80 columns a long name wraps after a `.` or `_` instead of being
    cut (five columns of cut words before)."""
    several = len({c.rule_set for c in comparison.criteria}) > 1
    any_mandatory = any(c.mandatory for c in comparison.criteria)
    table = Table(
        box=box.SIMPLE_HEAD, expand=True, caption_justify="left",
        caption=f"{MANDATORY_MARK.strip()} mandatory" if any_mandatory else None,
    )  # fmt: skip
    table.add_column("Criterion", ratio=1)
    for name in ("Old", "New", "Change"):
        table.add_column(name, no_wrap=True)
    for change in comparison.criteria:
        name = f"{change.rule_set}.{change.criterion}" if several else change.criterion
        marked = name + (MANDATORY_MARK if change.mandatory else "")
        table.add_row(
            WrappedName(marked, separators="_.", style="bold"),
            Text(verdict_words(change.old)),
            Text(verdict_words(change.new)),
            Text(CHANGE_WORDS[change.change], style=_CHANGE_STYLES[change.change]),
        )
    return table


def render_comparison_console_text(comparison: Comparison) -> str:
    return plain_text(comparison_renderables(comparison), TEXT_WIDTH)


def _detail(change: CriterionChange) -> Group:
    lines: list[RenderableType] = [
        Text(change_line(change), style=_CHANGE_STYLES[change.change] or "bold")
    ]
    for sign, label, evidence in _sides(change):
        lines.append(Padding(Text(f"{sign} {label}:"), (0, 0, 0, 2)))
        for item in evidence[:QUOTES_PER_SIDE]:
            lines.append(Padding(Text(_quote(item)), (0, 0, 0, 4)))
            if sign == "~":
                lines.append(Padding(Text(_was(change, item), style="dim"), (0, 0, 0, 6)))
        if len(evidence) > QUOTES_PER_SIDE:
            more = f"(+{len(evidence) - QUOTES_PER_SIDE} more in the JSON report)"
            lines.append(Padding(Text(more, style="dim"), (0, 0, 0, 4)))
    return Group(Text(""), *lines)


def _was(change: CriterionChange, new: Evidence) -> str:
    """Under an updated sentence: what it said before, as the words that changed."""
    old = next(o for o, n in change.updated if n is new)
    return f"changed: {changed_words(old.text, new.text)}"


def _sides(change: CriterionChange) -> list[tuple[str, str, tuple[Evidence, ...]]]:
    sides = [
        ("+", "new evidence", change.appeared),
        ("-", "evidence gone", change.disappeared),
        # The new wording only: the old one differs by a year, a figure or a few words.
        ("~", "evidence updated (nearly the same as before)", tuple(n for _, n in change.updated)),
    ]
    return [side for side in sides if side[2]]


def _quote(evidence: Evidence) -> str:
    where = where_words(evidence)[:1]
    return f"“{truncate(evidence.text, QUOTE_LIMIT)}”" + (f" ({where[0]})" if where else "")


def render_comparison_markdown(comparison: Comparison) -> str:
    """The comparison as Markdown, ending in a newline."""
    subject = comparison.new.organisation or comparison.new.source.location
    blocks = [f"# Statement comparison: {escape(subject)}", "| Field | Value |\n|---|---|"]
    blocks[-1] += "".join(
        f"\n| {escape(label)} | {escape(value)} |" for label, value in summary_rows(comparison)
    )
    rows = [
        "| Rule set | Criterion | Mandatory | Old | New | Change |",
        "|---|---|---|---|---|---|",
    ]
    rows.extend(
        f"| {escape(c.rule_set)} | {escape(c.criterion)} | {'yes' if c.mandatory else 'no'} "
        f"| {verdict_words(c.old)} | {verdict_words(c.new)} | {CHANGE_WORDS[c.change]} |"
        for c in comparison.criteria
    )
    blocks.extend(["## Verdicts", "\n".join(rows)])
    details = [_markdown_detail(c) for c in comparison.criteria if worth_detailing(c)]
    if details:
        blocks.extend(["## What changed", *details])
    return "\n\n".join(blocks) + "\n"


def _markdown_detail(change: CriterionChange) -> str:
    parts = [f"### {escape(change_line(change))}"]
    for sign, label, evidence in _sides(change):
        parts.append(f"{sign} {label.capitalize()}:")
        parts.extend(
            f"> {escape(_quote(e))}" + (f"\n>\n> {escape(_was(change, e))}" if sign == "~" else "")
            for e in evidence[:QUOTES_PER_SIDE]
        )
        if len(evidence) > QUOTES_PER_SIDE:
            parts.append(f"(+{len(evidence) - QUOTES_PER_SIDE} more in the JSON report)")
    return "\n\n".join(parts)
