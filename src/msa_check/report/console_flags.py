"""The console's flags panel: every flag as a line of words, with the sentences behind it."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.text import Text

from msa_check.models import Flag
from msa_check.report.metadata_words import FLAG_MARK, flag_line

QUOTES_PER_FLAG = 2
QUOTE_LIMIT = 110


def flags_panel(flags: Sequence[Flag]) -> Panel:
    lines: list[RenderableType] = []
    for flag in flags:
        lines.append(Text(f"{FLAG_MARK} ", style="bold yellow").append(flag_line(flag)))
        for evidence in flag.evidence[:QUOTES_PER_FLAG]:
            quote = " ".join(evidence.text.split())
            if len(quote) > QUOTE_LIMIT:
                quote = quote[: QUOTE_LIMIT - 1].rstrip() + "…"
            where = f" p. {evidence.page}" if evidence.page is not None else ""
            lines.append(Padding(Text(f"“{quote}”{where}", style="dim"), (0, 0, 0, 4)))
    title = Text("1 FLAG" if len(flags) == 1 else f"{len(flags)} FLAGS", style="bold yellow")
    return Panel(Group(*lines), title=title, title_align="left", border_style="yellow")
