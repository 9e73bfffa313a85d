"""The console panels for a document that is not a statement, and for a homepage that
leads to none: what the check looked for and found, and the links examined."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from msa_check.models import Report
from msa_check.report.recognition_words import (
    EXAMINED_HEADING,
    examined_lines,
    recognition_lines,
    recognition_title,
)


def recognition_panels(report: Report) -> list[RenderableType]:
    """Nothing for a statement; else the signals of the check, and the links examined."""
    panels: list[RenderableType] = []
    recognition = recognition_lines(report)
    if recognition is not None:
        summary, lines = recognition
        parts: list[RenderableType] = [Text(summary)]
        for line, quotes in lines:
            parts.append(_bullet(line))
            parts.extend(Padding(Text(f"“{q}”", style="italic"), (0, 0, 0, 4)) for q in quotes)
        title = Text(recognition_title(report), style="bold red")
        panels.append(Panel(Group(*parts), title=title, title_align="left", border_style="red"))
    examined = examined_lines(report)
    if examined:
        title = Text(EXAMINED_HEADING, style="bold")
        body = Group(*(_bullet(line) for line in examined))
        panels.append(Panel(body, title=title, title_align="left"))
    return panels


def _bullet(line: str) -> Table:
    """`• line`, its second and later lines under its first word, not under the bullet."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row("•", Text(line))
    return grid
