"""Quotes in the console report: at most two lines, cut at a word, and each shown once.

At 80 columns a quote of 110 characters cut by count wrapped to five or seven lines in a
table cell and ended mid-word, and the flags, the alerts and the criteria table quoted
the same sentences again and again (issue 17). A `Quote` is fitted to the width it is
drawn at when it is drawn, so one report reads at 80 columns, at 120 and in a file; a
`QuotesShown` remembers which sentences were quoted where, so the next place refers to
the first instead of repeating it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.text import Text

from msa_check.models import Evidence, EvidenceStatus
from msa_check.report.quote_cuts import fit_lines
from msa_check.report.wording import quote_text, where_words

QUOTE_LINES = 2  # a quote in the flags, the alerts and the criteria table
PAGE_WORD, PAGE_WORD_HELD = "p. ", "p.\u00a0"  # as where_words writes a page


def quote_words(evidence: Evidence, *, with_section: bool) -> tuple[str, str]:
    """The sentence between quotation marks, and what follows it: where it is, and
    [planned] or [denied] when the action is not one taken."""
    where = where_words(evidence)
    if not with_section:  # the page only: a section heading can be longer than the quote
        where = [words for words in where if words.startswith("p. ")]
    after = f" {', '.join(where)}" if where else ""
    if evidence.status is not EvidenceStatus.TAKEN:
        after += f" [{evidence.status.value}]"
    return f"“{quote_text(evidence)}”", after


@dataclass(frozen=True)
class Quote:
    """A sentence quoted in at most `lines` lines of whatever width it is drawn at."""

    evidence: Evidence
    lines: int = QUOTE_LINES
    with_section: bool = False
    style: str = ""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        quote, after = quote_words(self.evidence, with_section=self.with_section)
        # "p. 2" is one unit: held by a no-break space while lines are cut, so a page number
        # never starts a line of its own ("…Conduct.” p." then "2").
        held = after.replace(PAGE_WORD, PAGE_WORD_HELD)
        fitted = fit_lines(quote[:-1], options.max_width, self.lines, end="”" + held)
        text = Text("\n".join(fitted).replace(PAGE_WORD_HELD, PAGE_WORD), style=self.style)
        if after:
            text.stylize("dim", len(text) - len(after))
        yield text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        quote, after = quote_words(self.evidence, with_section=self.with_section)
        return Measurement(min(20, options.max_width), min(len(quote + after), options.max_width))


@dataclass
class QuotesShown:
    """Which sentences the report has quoted so far, and under what (a flag, an alert, a
    criterion), in the order the report shows them."""

    places: dict[int, str] = field(default_factory=dict)

    def earlier_place(self, evidence: Evidence, place: str) -> str | None:
        """Where `evidence` was quoted before, or None (and it is now quoted at `place`)."""
        earlier = self.places.get(evidence.sentence_index)
        if earlier is None:
            self.places[evidence.sentence_index] = place
        return earlier


def quoted_above(places: list[str]) -> Text:
    """ "(the same sentence as under flag no_steps above)", for quotes already shown."""
    unique = list(dict.fromkeys(places))
    noun = "sentence" if len(places) == 1 else f"{len(places)} sentences"
    return Text(f"(the same {noun} as under {' and '.join(unique)} above)", style="dim")


def quotes_once(
    evidence: Sequence[Evidence], place: str, shown: QuotesShown, *, style: str = ""
) -> list[RenderableType]:
    """The sentences behind a flag or an alert, indented: each not quoted before, then one
    line naming where the others were (`shown` records these as quoted at `place`)."""
    lines: list[RenderableType] = []
    repeated = []
    for sentence in evidence:
        earlier = shown.earlier_place(sentence, place)
        if earlier is None:
            lines.append(Padding(Quote(sentence, style=style), (0, 0, 0, 4)))
        else:
            repeated.append(earlier)
    if repeated:
        lines.append(Padding(quoted_above(repeated), (0, 0, 0, 4)))
    return lines
