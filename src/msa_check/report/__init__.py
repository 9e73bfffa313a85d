"""Renderers: turn a frozen Report into text for people or programs.

Each format is a `Renderer` in `RENDERERS`, a name -> renderer map. Every renderer can
produce plain text (for `--output FILE`); a renderer with a `to_rich` function also
draws rich renderables on a terminal. A new format (csv, say) is one more entry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from rich.console import Console, RenderableType

from msa_check.errors import UsageError
from msa_check.models import Report
from msa_check.report.console import build_renderables, render_console_text
from msa_check.report.html import render_html
from msa_check.report.json_report import render_json
from msa_check.report.markdown import render_markdown

__all__ = ["FORMATS", "RENDERERS", "Renderer", "print_report", "render_text"]


@dataclass(frozen=True)
class Renderer:
    """One output format: plain text always, rich renderables when it has them."""

    name: str
    to_text: Callable[[Report], str]
    to_rich: Callable[[Report, bool], list[RenderableType]] | None = None  # (report, brief)


RENDERERS: Mapping[str, Renderer] = MappingProxyType(
    {
        "console": Renderer("console", render_console_text, build_renderables),
        "json": Renderer("json", render_json),
        "markdown": Renderer("markdown", render_markdown),
        "html": Renderer("html", render_html),
    }
)
FORMATS: tuple[str, ...] = tuple(RENDERERS)


def get_renderer(fmt: str) -> Renderer:
    """The renderer called `fmt`, or a UsageError naming the formats there are."""
    try:
        return RENDERERS[fmt]
    except KeyError:
        choices = ", ".join(FORMATS)
        raise UsageError(f"unknown report format {fmt!r}: choose one of {choices}") from None


def render_text(report: Report, fmt: str) -> str:
    """The report in format `fmt` as plain text (the console format without colour)."""
    return get_renderer(fmt).to_text(report)


def print_report(report: Report, fmt: str, console: Console, *, brief: bool = False) -> None:
    """Show the report on `console`: rich renderables, or the text exactly as rendered.

    `brief` asks a renderer that has one for its short form (the console's headline, flags
    and verdict tables); the other formats have none and are shown whole.
    """
    renderer = get_renderer(fmt)
    if renderer.to_rich is None:
        text = renderer.to_text(report)
        console.print(text, markup=False, highlight=False, emoji=False, soft_wrap=True, end="")
        return
    for part in renderer.to_rich(report, brief):
        console.print(part, crop=False)  # a long web address is printed whole (console.py)
