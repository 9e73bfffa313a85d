"""Escaping for the HTML msa-check writes (the report, its sections, the dashboard): every
text from a statement or a supplier list is hostile until escaped."""

from __future__ import annotations

from html import escape


def html_text(value: str) -> str:
    """`value` as element content."""
    return escape(value, quote=False)


def html_attr(value: str) -> str:
    """`value` inside a quoted attribute."""
    return escape(value, quote=True)


def link_html(url: str, words: str) -> str:
    """A link for an http(s) address; any other scheme (javascript:, file:) stays text."""
    if not url.lower().startswith(("http://", "https://")):
        return words
    return f'<a href="{html_attr(url)}">{words}</a>'
