"""The console's flags panel: every flag as a line of words, with the sentences behind it."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from msa_check.models import Flag
from msa_check.report.console_quotes import QuotesShown, quotes_once
from msa_check.report.metadata_words import FLAG_MARK, flag_line

QUOTES_PER_FLAG = 2


def flags_panel(flags: Sequence[Flag], shown: QuotesShown) -> Panel:
    """The flags, each quoting its sentences once (`shown` records them for what follows)."""
    lines: list[RenderableType] = []
    for flag in flags:
        lines.append(Text(f"{FLAG_MARK} ", style="bold yellow").append(flag_line(flag)))
        lines.extend(
            quotes_once(flag.evidence[:QUOTES_PER_FLAG], f"flag {flag.id}", shown, style="dim")
        )
    title = Text("1 FLAG" if len(flags) == 1 else f"{len(flags)} FLAGS", style="bold yellow")
    return Panel(Group(*lines), title=title, title_align="left", border_style="yellow")
