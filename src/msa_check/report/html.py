"""The HTML report: one self-contained file for a procurement record.

Everything is in the file: the style sheet is inline, there are no scripts, fonts or
images, and the only links are to the statement itself and to the law, and only when
their address is http(s). Headings run h1 > h2 > h3, tables have header cells with a
scope, every verdict is a word and a mark as well as a colour, and quotes are <mark>ed
with their page. Every piece of text from the statement or the rules is escaped.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable

from msa_check.models import (
    CriterionResult,
    Evidence,
    Flag,
    LegalReference,
    Report,
    RuleSetResult,
    SourceKind,
    Verdict,
)
from msa_check.report.html_escape import html_attr as _attr
from msa_check.report.html_escape import html_text as _text
from msa_check.report.html_recognition import recognition_sections
from msa_check.report.html_style import STYLE
from msa_check.report.html_words import (
    QUESTIONS_INTRO_WORDS,
    SET_ASIDE_LABEL,
    alert_message_after_title,
    alert_title,
    code_html,
    criterion_titles,
    flag_title,
    plural_words,
    status_words,
    title_subject,
    titled_closing_line,
    titled_ids,
    titled_status_line,
)
from msa_check.report.metadata_words import FLAG_MARK
from msa_check.report.wording import (
    PROBABILITY_HEADING,
    PROBABILITY_LEGEND,
    QUESTIONS_HEADING,
    VERDICT_WORDS,
    collect_alerts,
    follow_up_questions,
    header_rows,
    is_stale,
    probability_words,
    qualifier_words,
    quote_text,
    ranked_evidence,
    registry_page_link,
    score_line,
    set_aside_shown,
    source_words,
    status_class,
    where_words,
)

QUOTES_PER_CRITERION = 8  # the JSON report has every quote
TABLE_WRAP = '<div class="table-wrap">'  # a table wider than a narrow window scrolls in here
VERDICT_MARKS = {
    Verdict.MET: "✔",
    Verdict.PARTIAL: "◐",
    Verdict.MISSING: "✘",
    Verdict.NOT_CHECKED: "○",
}


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
        *(_rule_set(result, number, report) for number, result in enumerate(report.results)),
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
    head = "".join(f'<th scope="col">{_verdict_words(v)}</th>' for v in Verdict)
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
        f"{_quotes(f.evidence[:2])}</li>"
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
            f"{_quotes(alert.evidence[:3])}</li>"
        )
    return (
        '<section aria-labelledby="alerts">\n<h2 id="alerts">Alerts</h2>\n'
        f'<ul class="alerts">\n{chr(10).join(items)}\n</ul>\n</section>'
    )


def _rule_set(result: RuleSetResult, number: int, report: Report) -> str:
    info = result.rule_set
    anchor = f"rule-set-{number}"
    rows = "\n".join(_criterion_row(c, f"{anchor}-{c.id}") for c in result.criteria)
    table = (
        f"{TABLE_WRAP}<table>\n<caption>Criteria of {_text(info.title)}, version "
        f"{_text(info.version)}</caption>\n"
        '<thead><tr><th scope="col">Criterion</th><th scope="col">Mandatory</th>'
        '<th scope="col">Verdict</th>'
        f'<th scope="col" title="{_attr(PROBABILITY_LEGEND)}">{_text(PROBABILITY_HEADING)}</th>'
        f'<th scope="col">Quotes</th></tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table></div>'
    )
    law = f"{info.law}; " if info.law else ""
    about = f"<p>{_text(law)}rule set {_text(info.id)}, version {_text(info.version)}.</p>"
    criteria = "\n".join(_criterion(c, f"{anchor}-{c.id}") for c in result.criteria)
    return (
        f'<section aria-labelledby="{anchor}">\n<h2 id="{anchor}">{_text(info.title)}</h2>\n'
        f'{about}\n{table}\n<p class="legend">{_text(PROBABILITY_LEGEND)}.</p>\n'
        f'<p class="outcome outcome-{_set_class(result, report)}">'
        f"{_text(titled_closing_line(result, report))}</p>\n"
        f'<p class="score">{_text(score_line(result))}</p>\n'
        f"{criteria}\n</section>"
    )


def _set_class(result: RuleSetResult, report: Report) -> str:
    mandatory = [c for c in result.criteria if c.mandatory]
    if result.mandatory_unmet:
        return "unmet"
    if not mandatory or any(c.verdict is Verdict.NOT_CHECKED for c in mandatory):
        return "warn"
    return "warn" if is_stale(report) else "met"  # met, but out of date: not green


def _criterion_row(criterion: CriterionResult, anchor: str) -> str:
    return (
        f'<tr><th scope="row"><a href="#{_attr(anchor)}">{_text(criterion.title)}</a></th>'
        f"<td>{'yes' if criterion.mandatory else 'no'}</td>"
        f"<td>{_badge(criterion.verdict)}</td>"
        f'<td class="num">{_text(probability_words(criterion))}</td>'
        f'<td class="num">{len(criterion.evidence)}</td></tr>'
    )


def _criterion(criterion: CriterionResult, anchor: str) -> str:
    parts = [
        f'<section class="criterion" aria-labelledby="{_attr(anchor)}">',
        f'<h3 id="{_attr(anchor)}">{_text(criterion.title)} '
        f'<small class="id">({_text(criterion.id)})</small>: {_badge(criterion.verdict)}</h3>',
    ]
    mandatory = "Mandatory" if criterion.mandatory else "Not mandatory"
    reference = _reference(criterion.reference)
    parts.append(f"<p>{mandatory}{'; ' + reference if reference else ''}.</p>")
    if criterion.note:
        parts.append(f'<p class="note">{_text(plural_words(criterion.note))}</p>')
    if criterion.qualifiers:
        titled = tuple(dataclasses.replace(q, id=q.title) for q in criterion.qualifiers)
        words = qualifier_words(dataclasses.replace(criterion, qualifiers=titled))
        parts.append(f"<p>{_text(words)}</p>")
    ranked = ranked_evidence(criterion.evidence)
    if criterion.verdict is not Verdict.NOT_CHECKED and not ranked and not criterion.note:
        parts.append("<p>No quote found.</p>")  # the note, when there is one, says why
    parts.append(_quotes(ranked[:QUOTES_PER_CRITERION]))
    if len(ranked) > QUOTES_PER_CRITERION:
        more = len(ranked) - QUOTES_PER_CRITERION
        parts.append(f"<p>And {more} more quotes, in the JSON report.</p>")
    set_aside = set_aside_shown(criterion)
    if set_aside:
        line, shown = set_aside
        parts.append(f'<p class="note">{_text(line)}</p>')
        parts.append(_quotes(shown, set_aside=True))
    parts.append("</section>")
    return "\n".join(p for p in parts if p)


def _reference(reference: LegalReference | None) -> str:
    if reference is None:
        return ""
    words = _text(f"{reference.law}, {reference.section}")
    return _link(reference.url, words) if reference.url else words


def _quotes(evidence: Iterable[Evidence], *, set_aside: bool = False) -> str:
    return "\n".join(_quote(e, set_aside=set_aside) for e in evidence)


def _quote(evidence: Evidence, *, set_aside: bool = False) -> str:
    """A quote in a <blockquote>: evidence that counts is <mark>ed; a set-aside sentence is
    grey and labelled, so it is never read as evidence, with what matched and why it did
    not count (a rule's `key` as <code>)."""
    where = [_text(w) for w in where_words(evidence)]
    status = status_words(evidence)
    if status:
        where.append(_text(status))
    if set_aside and evidence.matched:
        where.append("matched, then ruled out: " + "; ".join(map(code_html, evidence.matched)))
    footer = f'<p class="where">{" · ".join(where)}</p>' if where else ""
    text = _text(quote_text(evidence))
    if set_aside:
        label = f'<span class="set-aside-label">{_text(SET_ASIDE_LABEL)}</span> '
        return (
            f'<blockquote class="set-aside"><p>{label}<span class="set-aside-text">{text}'
            f"</span></p>{footer}</blockquote>"
        )
    return f"<blockquote><p><mark>{text}</mark></p>{footer}</blockquote>"


def _about(report: Report) -> str:
    source = report.source
    rows: list[tuple[str, str]] = []
    if source.kind is SourceKind.URL:
        rows.append(("Source", _link(source.location, _text(source.location))))
        if source.final_url and source.final_url != source.location:
            rows.append(("Final URL", _link(source.final_url, _text(source.final_url))))
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


def _badge(verdict: Verdict) -> str:
    return f'<span class="verdict verdict-{verdict.value}">{_verdict_words(verdict)}</span>'


def _verdict_words(verdict: Verdict) -> str:
    return _text(f"{VERDICT_MARKS[verdict]} {VERDICT_WORDS[verdict]}")


def _link(url: str, words: str) -> str:
    """A link for an http(s) address; any other scheme (javascript:, file:) stays text."""
    if not url.lower().startswith(("http://", "https://")):
        return words
    return f'<a href="{_attr(url)}">{words}</a>'
