"""The HTML sections for a document that is not a statement (what the check looked for and
found) and for a homepage that leads to none (the links examined, and why each was not
the statement)."""

from __future__ import annotations

from msa_check.models import Report
from msa_check.report.html_escape import html_text as _text
from msa_check.report.recognition_words import (
    EXAMINED_HEADING,
    examined_lines,
    recognition_lines,
    recognition_title,
)


def recognition_sections(report: Report) -> str:
    """Empty for a statement reached as usual."""
    sections = []
    recognition = recognition_lines(report)
    if recognition is not None:
        summary, lines = recognition
        items = []
        for line, quotes in lines:
            quoted = "".join(f"<blockquote>{_text(q)}</blockquote>" for q in quotes)
            items.append(f"<li>{_text(line)}{quoted}</li>")
        sections.append(
            '<section aria-labelledby="recognition">\n'
            f'<h2 id="recognition">{_text(recognition_title(report))}</h2>\n'
            f"<p>{_text(summary)}</p>\n<ul>\n{chr(10).join(items)}\n</ul>\n</section>"
        )
    examined = examined_lines(report)
    if examined:
        items = [f"<li>{_text(line)}</li>" for line in examined]
        sections.append(
            '<section aria-labelledby="examined">\n'
            f'<h2 id="examined">{_text(EXAMINED_HEADING)}</h2>\n'
            f"<ul>\n{chr(10).join(items)}\n</ul>\n</section>"
        )
    return "\n".join(sections)
