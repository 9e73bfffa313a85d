"""The HTML report: one self-contained file for a procurement record.

Everything is in the file: the style sheet is inline, there are no scripts, fonts or
images, and the only links are to the statement itself and to the law, and only when
their address is http(s). Headings run h1 > h2 > h3, tables have header cells with a
scope, every verdict is a word and a mark as well as a colour, and quotes are <mark>ed
with their page. Every piece of text from the statement or the rules is escaped.

This module lays out the page; each rule set's part is drawn in html_rule_set.py and every
quote in html_quotes.py.
"""

from __future__ import annotations

from collections import Counter

from msa_check.models import Flag, Report, SourceKind, Verdict
from msa_check.report.headline import registry_page_link, status_class
from msa_check.report.html_escape import html_attr as _attr
from msa_check.report.html_escape import html_text as _text
from msa_check.report.html_escape import link_html
from msa_check.report.html_quotes import quotes_html
from msa_check.report.html_recognition import recognition_sections
from msa_check.report.html_rule_set import rule_set_section, verdict_words_html
from msa_check.report.html_style import STYLE, TABLE_WRAP
from msa_check.report.html_words import (
    QUESTIONS_INTRO_WORDS,
    alert_message_after_title,
    alert_title,
    criterion_titles,
    flag_title,
    title_subject,
    titled_closing_line,
    titled_ids,
    titled_status_line,
)
from msa_check.report.metadata_words import FLAG_MARK
from msa_check.report.wording import (
    QUESTIONS_HEADING,
    collect_alerts,
    follow_up_questions,
    header_rows,
    source_words,
)


def _questions(report: Report) -> str:
    questions = follow_up_questions(report)
    if not questions:
        return ""
    items = "\n".join(
        f"<li>{_text(question)} <small>({_text(title)}: {_text(verdict)})</small></li>"
        for title, verdict, question in questions
    )
    return (
        '<section aria-labelledby="questions">\n'
        f'<h2 id="questions">{_text(QUESTIONS_HEADING)}</h2>\n'
        f"<p>{_text(QUESTIONS_INTRO_WORDS)}</p>\n"
        f"<ol>\n{items}\n</ol>\n</section>"
    )


def render_html(report: Report) -> str:
    """The report as a complete HTML document, ending in a newline."""
    subject = title_subject(report)
    title = f"Modern slavery statement check: {subject}"
    body = [
        f"<header>\n<h1>{_text(title)}</h1>\n{_outcome(report)}\n</header>",
        "<main>",
        recognition_sections(report),
        _summary(report),
        _details(report),
        _flags(report.flags),
        _alerts(report),
        _questions(report),
        *(rule_set_section(result, number, report) for number, result in enumerate(report.results)),
        _about(report),
        "</main>",
        _footer(report),
    ]
    head = (
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_text(title)}</title>\n<style>{STYLE}</style>"
    )
    parts = ["<!DOCTYPE html>", '<html lang="en">', f"<head>\n{head}\n</head>", "<body>"]
    return "\n".join([*parts, *(b for b in body if b), "</body>", "</html>"]) + "\n"


def _outcome(report: Report) -> str:
    kind = status_class(report)
    mark = {"met": "✔", "unmet": "✘"}.get(kind, "⚠")
    words = _text(f"{mark} {titled_status_line(report)}")
    link = registry_page_link(report)
    if link is not None:  # the statement a registry's page lists, as a link to follow
        anchor = f'<a href="{_attr(link)}">{_text(link)}</a>'
        words = words.replace(_text(link), anchor, 1)
    return f'<p class="outcome outcome-{kind}" data-status="{report.status.value}">{words}</p>'


def _summary(report: Report) -> str:
    """The verdict counts per rule set, then each set's mandatory line: beside the counts
    in a sixth column, the line was pushed off a narrow window."""
    rows, lines = [], []
    for result in report.results:
        counts = Counter(c.verdict for c in result.criteria)
        cells = "".join(f'<td class="num">{counts.get(v, 0)}</td>' for v in Verdict)
        title = _text(result.rule_set.title)
        rows.append(f'<tr><th scope="row">{title}</th>{cells}</tr>')
        lines.append(f"<li>{title}: {_text(titled_closing_line(result, report))}</li>")
    head = "".join(f'<th scope="col">{verdict_words_html(v)}</th>' for v in Verdict)
    return (
        '<section aria-labelledby="summary">\n<h2 id="summary">Summary</h2>\n'
        f"{TABLE_WRAP}<table>\n<caption>Criteria by verdict, per rule set</caption>\n"
        f'<thead><tr><th scope="col">Rule set</th>{head}</tr>'
        f"</thead>\n<tbody>\n{chr(10).join(rows)}\n</tbody>\n</table></div>\n"
        f'<p>Mandatory requirements:</p>\n<ul class="mandatory">\n{chr(10).join(lines)}\n</ul>\n'
        "</section>"
    )


def _details(report: Report) -> str:
    rows = "\n".join(
        f'<tr><th scope="row">{_text(label)}</th><td>{_text(value)}</td></tr>'
        for label, value in header_rows(report)
        if label not in ("Source", "Final URL", "Rule set")
    )
    return (
        '<section aria-labelledby="details">\n<h2 id="details">Statement details</h2>\n'
        f"{TABLE_WRAP}<table>\n<tbody>\n{rows}\n</tbody>\n</table></div>\n</section>"
    )


def _flags(flags: tuple[Flag, ...]) -> str:
    heading = '<section aria-labelledby="flags">\n<h2 id="flags">Flags</h2>\n'
    if not flags:
        return (
            heading
            + "<p>No flags: nothing about the statement as a whole to look at.</p>\n</section>"
        )
    items = [
        f"<li><strong>{FLAG_MARK} {_text(flag_title(f.id))}</strong> "
        f'<span class="id">(flag {_text(f.id)})</span>: {_text(f.message)}'
        f"{quotes_html(f.evidence[:2])}</li>"
        for f in flags
    ]
    return f'{heading}<ul class="flags">\n{chr(10).join(items)}\n</ul>\n</section>'


def _alerts(report: Report) -> str:
    alerts = collect_alerts(report)
    if not alerts:
        return ""
    titles = criterion_titles(report)
    items = []
    for alert, raised_by in alerts:
        by = f" (raised by: {titled_ids(raised_by, titles)})" if raised_by else ""
        items.append(
            f"<li><strong>⚠ {_text(alert_title(alert.id, alert.message))}</strong> "
            f'<span class="id">(alert {_text(alert.id)})</span>: '
            f"{_text(alert_message_after_title(alert.message))}{by}"
            f"{quotes_html(alert.evidence[:3])}</li>"
        )
    return (
        '<section aria-labelledby="alerts">\n<h2 id="alerts">Alerts</h2>\n'
        f'<ul class="alerts">\n{chr(10).join(items)}\n</ul>\n</section>'
    )


def _about(report: Report) -> str:
    source = report.source
    rows: list[tuple[str, str]] = []
    if source.kind is SourceKind.URL:
        rows.append(("Source", link_html(source.location, _text(source.location))))
        if source.final_url and source.final_url != source.location:
            rows.append(("Final URL", link_html(source.final_url, _text(source.final_url))))
    else:
        rows.append(("Source", _text(source_words(source))))
    rows.append(("SHA-256", f'<span class="mono">{_text(source.sha256)}</span>'))
    rows.append(("Read at", _text(source.fetched_at)))
    for result in report.results:
        info = result.rule_set
        rows.append(("Rule set", _text(f"{info.title} ({info.id}, version {info.version})")))
    rows.append(("msa-check", _text(report.tool_version)))
    body = "\n".join(
        f'<tr><th scope="row">{label}</th><td>{value}</td></tr>' for label, value in rows
    )
    return (
        '<section aria-labelledby="about">\n<h2 id="about">About this check</h2>\n'
        f"{TABLE_WRAP}<table>\n<tbody>\n{body}\n</tbody>\n</table></div>\n</section>"
    )


def _footer(report: Report) -> str:
    return (
        f"<footer><p>Made by msa-check {_text(report.tool_version)}. Verdicts come from "
        "patterns in the text, with the quotes that support them: read the quotes before "
        "relying on a verdict.</p></footer>"
    )
