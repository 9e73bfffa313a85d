"""What of an HTML page is handed to the parser: bounded, so a huge page cannot exhaust memory.

Beautiful Soup builds a Python object for every element, string and attribute, about 25
to 30 times the page's size in memory, before any cap on extracted text can act. Most of
a very large page is rarely text: inline scripts and styles, SVG drawings, comments and
images inlined as `data:` URIs. So those are set aside first, in one linear pass over the
text (they are dropped after parsing anyway); what is left is parsed only up to
MAX_HTML_CHARS. A statement page over that is refused with what to do instead; a page read
only for its links (discovery) is read up to the cap.
"""

from __future__ import annotations

import re

from msa_check.errors import ExtractError

# 10 million characters of markup, scripts, styles and inline images aside: about 300 MB
# to parse. Statement pages measured in the tens to hundreds of kilobytes.
MAX_HTML_CHARS = 10_000_000

# Elements whose content is never statement text, read in one piece to their end tag.
_SET_ASIDE_START = re.compile(r"<(script|style|svg|template)(?=[\s>/])|<!--", re.IGNORECASE)
_END_TAGS = {
    name: re.compile(rf"</{name}\s*>", re.IGNORECASE)
    for name in ("script", "style", "svg", "template")
}
_COMMENT_END = re.compile(r"-->")
# An inline image or font: its bytes are never text. Character classes with no way back,
# so a long run costs one scan.
_DATA_URI = re.compile(r"""data:[^\s"'>]{256,}""", re.IGNORECASE)


def slim_html(text: str) -> str:
    """`text` without scripts, styles, SVG, templates, comments and long `data:` URIs.

    An element left open runs to the end of the page, as a browser would read it. Each
    character is looked at a bounded number of times, whatever the page holds.
    """
    pieces: list[str] = []
    position = 0
    while True:
        start = _SET_ASIDE_START.search(text, position)
        if start is None:
            pieces.append(text[position:])
            break
        pieces.append(text[position : start.start()])
        name = start.group(1)
        end_pattern = _COMMENT_END if name is None else _END_TAGS[name.lower()]
        end = end_pattern.search(text, start.end())
        if end is None:
            break  # open to the end of the page
        position = end.end()
    return _DATA_URI.sub("data:", "".join(pieces))


def html_for_parsing(text: str) -> str:
    """The page slimmed; ExtractError, saying what to do, if still over MAX_HTML_CHARS."""
    slim = slim_html(text)
    if len(slim) > MAX_HTML_CHARS:
        raise ExtractError(
            f"the HTML page has {len(slim):,} characters of markup once scripts, styles and"
            f" inline images are set aside, over the {MAX_HTML_CHARS:,} msa-check parses"
            " (parsing takes about 30 times a page's size in memory); save the statement"
            " as a PDF or a text file and check that instead"
        )
    return slim


def html_for_links(text: str) -> str:
    """The page slimmed and cut to MAX_HTML_CHARS: enough to read a page's links."""
    return slim_html(text)[:MAX_HTML_CHARS]
