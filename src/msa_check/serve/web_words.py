"""The command line's words in a message, said the web app's way, for the pages only.

The core names the setting that fixes an error as a command-line flag, and a few notes of
the report name one ("name it with --homepage URL"). A buyer on these pages has no
terminal: `web_words` puts in each such phrase what to do on the page instead (a field,
a button, a column of the list) or, for a limit of the server, who can change it. It is
applied as a page is rendered (the `web` filter of the templates, and the body of an
embedded report), so the stored records and the downloaded reports keep the CLI's words.
"""

from __future__ import annotations

import re

from markupsafe import Markup

_SERVER_LIMIT = "whoever started msa-check serve can raise that limit"

# Specific phrases first (exact), then the general shapes of a flag in a message.
_PHRASES: tuple[tuple[str, str], ...] = (
    (
        "name it with --homepage URL (a website column in a batch list)",
        "give the statement's address and the company homepage on Check a statement"
        " (or a website column in a supplier list)",
    ),
    (
        "(name the homepage to check its link: --homepage, or a website column in a batch)",
        "(give the company homepage on Check a statement to check its link, or a website"
        " column in a supplier list)",
    ),
    ("as asked (--treat-as-statement)", "as asked (Check it anyway)"),
    # The message has just listed the names (the CLI's own list, url_column_names).
    ("name the column with --url-column", "give the column of web addresses one of those names"),
    (
        "to check it as a statement, give it to `msa-check check`",
        "this page checks web addresses; to check a statement file, use Check a statement",
    ),
    ("(--max-pages)", "(the page limit of this server)"),
    ("(run with --ocr, with the tesseract program installed)", "(this server does not OCR)"),
    ("(use --allow-private-urls to allow it)", "(this server checks public addresses only)"),
    (
        "(use --ignore-robots to fetch it anyway)",
        "(download it in a browser and upload the file instead)",
    ),
)
_LONGER = "whoever started msa-check serve can allow longer"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"use --[a-z][a-z-]* to raise it"), _SERVER_LIMIT),
    (re.compile(r"use --deadline to allow longer"), _LONGER),
    # Any other "use --flag ..." a message may hold: a setting of the server, not the page.
    (
        re.compile(r"use --[a-z][a-z-]*(?: or --[a-z][a-z-]*)*"),
        "ask whoever started msa-check serve",
    ),
)


def web_words(text: str) -> str:
    """`text` with each command-line phrase put in the web app's words."""
    for cli, web in _PHRASES:
        text = text.replace(cli, web)
    for pattern, web in _PATTERNS:
        text = pattern.sub(web, text)
    return text


def web_markup(html: Markup) -> Markup:
    """The same, in HTML msa-check rendered: the phrases hold nothing HTML escapes but
    the backquote, which escaping leaves as it is."""
    return Markup(web_words(str(html)))
