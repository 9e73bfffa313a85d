"""The Rules page: the criteria reference `msa-check rules docs` writes, as HTML.

The reference is Markdown generated from the rule files (one source of truth); it is
turned into HTML here by markdown-it (rich's own Markdown parser, so no new dependency)
with raw HTML off, so nothing in a rule file can put markup in the page. The reference's
anchors (`<a id=...>` lines before each criterion, which raw HTML off would print as text)
become the ids of the headings they stand before, so the index links still work.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt

from msa_check.rules.reference import HEADER, render_reference
from msa_check.rules.schema import RuleSet

_ANCHOR_LINE = re.compile(r'^<a id="([A-Za-z0-9_.-]+)"></a>$')


def reference_html(rule_sets: Sequence[RuleSet]) -> str:
    """The criteria reference of `rule_sets` as an HTML fragment (h2 per set, h3 per criterion)."""
    markdown = render_reference(rule_sets).removeprefix(HEADER)
    lines: list[str] = []
    anchors: list[str] = []
    for line in markdown.splitlines():
        found = _ANCHOR_LINE.match(line)
        if found:
            anchors.append(found.group(1))
        else:
            lines.append(line)
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = parser.parse("\n".join(lines))
    criteria = iter(anchors)
    for number, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        if token.tag == "h3":
            anchor = next(criteria, None)
            if anchor:
                token.attrSet("id", anchor)
        elif token.tag == "h2":
            token.attrSet("id", tokens[number + 1].content.strip())
    html = str(parser.renderer.render(tokens, parser.options, {}))
    # A table wider than a narrow window scrolls in its own box (html_style.STYLE).
    return html.replace("<table>", '<div class="table-wrap"><table>').replace(
        "</table>", "</table></div>"
    )
