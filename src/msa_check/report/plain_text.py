"""Rich renderables drawn as plain text of a fixed width: the console report and the
comparison written to a file, or read by a test. No colour, no emoji codes, no trailing
spaces."""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.console import Console, RenderableType


def plain_text(renderables: Iterable[RenderableType], width: int) -> str:
    """`renderables` one after another, `width` columns wide, each line ending in "\\n"."""
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, color_system=None, force_terminal=False, no_color=True,
        emoji=False, highlight=False, legacy_windows=False,
    )  # fmt: skip
    for part in renderables:
        console.print(part, crop=False)  # a long web address is printed whole (console.py)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
