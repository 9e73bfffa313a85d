"""The console's criteria table, laid out for the width it is drawn at.

At 80 columns the table once cut the ids (`steps_t…`, two `specific_…` rows alike) and
wrapped the best quote to seven lines. Now each id is shown whole, wrapped at its
underscores where the width is short (on one line from about 120 columns), mandatory ones
marked `*`; the best quote takes at most two lines, cut at a
word; the calibrated probability (P(met)) and evidence counts are shown only where there
is room (100 columns or more: the evidence section and the JSON report have them anyway).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich import box
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from msa_check.models import CriterionResult, RuleSetResult, Verdict
from msa_check.report.console_quotes import QUOTE_LINES, Quote
from msa_check.report.quote_cuts import fit_lines
from msa_check.report.wording import (
    EVIDENCE_COUNT_HEADING,
    PROBABILITY_HEADING,
    PROBABILITY_LEGEND,
    VERDICT_WORDS,
    best_evidence,
    no_quote_words,
    probability_words,
)

WIDE = 100  # from this width on, the table also shows P(met) and evidence counts
ID_COLUMN_MOST = 22  # the criterion column's most width where room is short (80 columns)
QUOTE_LEAST = 48  # the best quote keeps this much room before the id column takes more
VERDICT_WIDTH = len("○ not checked")
PROBABILITY_WIDTH = len(PROBABILITY_HEADING)  # the P(met) column, shown from WIDE on
COUNT_WIDTH = len(EVIDENCE_COUNT_HEADING)  # the Quotes column, shown from WIDE on
MANDATORY_MARK = " *"
VERDICT_MARKS: dict[Verdict, tuple[str, str]] = {
    Verdict.MET: ("✔", "bold green"),
    Verdict.PARTIAL: ("~", "bold yellow"),
    Verdict.MISSING: ("✘", "bold red"),
    Verdict.NOT_CHECKED: ("○", "dim"),
}


def verdict_text(verdict: Verdict) -> Text:
    mark, style = VERDICT_MARKS[verdict]
    return Text(f"{mark} {VERDICT_WORDS[verdict]}", style=style)


def wrap_identifier(identifier: str, width: int, separators: str = "_") -> list[str]:
    """`structure_activities_supply_chains` in lines of at most `width`, broken after an
    underscore (or any of `separators`: "/" for a path, "_." for `rule_set.criterion`)
    where it can be, so the id reads whole and is never cut."""
    lines = [""]
    for piece in _name_pieces(identifier, separators):
        if lines[-1] and len(lines[-1]) + len(piece) > width:
            lines.append("")
        lines[-1] += piece
    return [chunk for line in lines for chunk in _chunks(line, width)]


def _name_pieces(name: str, separators: str) -> list[str]:
    """`a_b.c` as `a_`, `b.`, `c`: each piece keeps the separator that ends it."""
    marks = re.escape(separators)
    return re.findall(rf"[^{marks}]*[{marks}]|[^{marks}]+$", name) or [""]


@dataclass(frozen=True)
class WrappedName:
    """A name in a table cell: whole where the cell has room, else wrapped after its
    separators by wrap_identifier (never inside a word, never cut with an ellipsis)."""

    name: str
    separators: str = "_"
    style: str = ""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = wrap_identifier(self.name, options.max_width, self.separators)
        yield Text("\n".join(lines), style=self.style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        longest = max(len(piece) for piece in _name_pieces(self.name, self.separators))
        width = options.max_width
        return Measurement(min(longest, width), min(len(self.name), width))


@dataclass(frozen=True)
class FittedNote:
    """Words in at most `lines` lines of whatever width they are drawn at, cut after a word."""

    text: str
    style: str = "dim"
    lines: int = QUOTE_LINES

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Text("\n".join(fit_lines(self.text, options.max_width, self.lines)), self.style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(min(20, options.max_width), min(len(self.text), options.max_width))


def _chunks(line: str, width: int) -> list[str]:
    return [line[i : i + width] for i in range(0, len(line), width)] or [""]


def id_column_most(width: int) -> int:
    """The criterion column's most width in a table `width` columns wide: ID_COLUMN_MOST,
    or more where the best quote still keeps QUOTE_LEAST columns (at 120 columns, 41), so
    a long id such as `structure_activities_supply_chains` is not wrapped for nothing."""
    wide = width >= WIDE
    columns = 5 if wide else 3
    fixed = VERDICT_WIDTH + (PROBABILITY_WIDTH + COUNT_WIDTH if wide else 0)
    padding = 2 * (columns - 1)  # one space either side of each inner column edge
    return max(ID_COLUMN_MOST, width - fixed - padding - QUOTE_LEAST)


def _caption(any_mandatory: bool, wide: bool) -> str | None:
    """What the marks and columns mean: `*` for mandatory; P(met) where it is shown."""
    parts = [f"{MANDATORY_MARK.strip()} mandatory"] if any_mandatory else []
    if wide:
        parts.append(PROBABILITY_LEGEND)
    return "; ".join(parts) or None


@dataclass(frozen=True)
class CriteriaTable:
    """One rule set's criteria: id, verdict and best quote (or where it was quoted before).

    `earlier` maps a criterion id to the place its best quote was already shown (a flag,
    an alert, another criterion), which the cell names instead of quoting it again.
    """

    result: RuleSetResult
    earlier: dict[str, str]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self._table(options.max_width)

    def _table(self, width: int) -> Table:
        info = self.result.rule_set
        wide = width >= WIDE
        criteria = self.result.criteria
        longest = max((len(c.id) + len(MANDATORY_MARK) for c in criteria), default=9)
        id_width = max(min(longest, id_column_most(width)), len("Criterion"))
        any_mandatory = any(c.mandatory for c in criteria)
        table = Table(
            title=Text(f"{info.title} — {info.id} v{info.version}", style="bold"),
            title_justify="left",
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            expand=True,
            caption=_caption(any_mandatory, wide),
            caption_justify="left",
        )
        table.add_column("Criterion", width=id_width, no_wrap=True)
        table.add_column("Verdict", width=VERDICT_WIDTH, no_wrap=True)
        if wide:
            table.add_column(
                PROBABILITY_HEADING, justify="right", no_wrap=True, width=PROBABILITY_WIDTH
            )
            table.add_column(
                EVIDENCE_COUNT_HEADING, justify="right", no_wrap=True, width=COUNT_WIDTH
            )
        # The rest of the width; each Quote fits itself to the cell it is drawn in.
        table.add_column("Best quote", ratio=1)
        for criterion in criteria:
            cells: list[RenderableType] = [
                self._id_cell(criterion, id_width),
                verdict_text(criterion.verdict),
            ]
            if wide:
                cells.append(Text(probability_words(criterion)))
                cells.append(Text(str(len(criterion.evidence))))
            cells.append(self._quote_cell(criterion))
            table.add_row(*cells)
        return table

    @staticmethod
    def _id_cell(criterion: CriterionResult, width: int) -> Text:
        name = criterion.id + (MANDATORY_MARK if criterion.mandatory else "")
        return Text("\n".join(wrap_identifier(name, width)), style="bold")

    def _quote_cell(self, criterion: CriterionResult) -> RenderableType:
        earlier = self.earlier.get(criterion.id)
        if earlier is not None:
            return Text(f"the same sentence as under {earlier}", style="dim")
        best = best_evidence(criterion)
        if best is not None:
            return Quote(best)
        why = no_quote_words(criterion) or "no evidence"
        if criterion.verdict is Verdict.NOT_CHECKED and why == criterion.note:
            return FittedNote(why)  # a long reason, fitted to the cell
        return Text(why, style="dim")
