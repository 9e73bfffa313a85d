"""A rule set's part of the HTML report: its criteria table, the mandatory line and score,
then a section per criterion with its verdict, the law it cites, its note and qualifiers,
and its quotes (html_quotes.py).

Apart from html.py, which lays out the page around the rule sets (the outcome, the
summary, the flags, alerts and questions, what was checked).
"""

from __future__ import annotations

import dataclasses

from msa_check.models import CriterionResult, LegalReference, Report, RuleSetResult, Verdict
from msa_check.report.headline import is_stale, score_line
from msa_check.report.html_escape import html_attr as _attr
from msa_check.report.html_escape import html_text as _text
from msa_check.report.html_escape import link_html
from msa_check.report.html_quotes import quotes_html
from msa_check.report.html_style import TABLE_WRAP
from msa_check.report.html_words import titled_closing_line
from msa_check.report.wording import (
    PROBABILITY_HEADING,
    PROBABILITY_LEGEND,
    VERDICT_WORDS,
    probability_words,
    qualifier_words,
    ranked_evidence,
    set_aside_shown,
)

QUOTES_PER_CRITERION = 8  # the JSON report has every quote
VERDICT_MARKS = {
    Verdict.MET: "✔",
    Verdict.PARTIAL: "◐",
    Verdict.MISSING: "✘",
    Verdict.NOT_CHECKED: "○",
}


def rule_set_section(result: RuleSetResult, number: int, report: Report) -> str:
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
        parts.append(f'<p class="note">{_text(criterion.note)}</p>')
    if criterion.qualifiers:
        titled = tuple(dataclasses.replace(q, id=q.title) for q in criterion.qualifiers)
        words = qualifier_words(dataclasses.replace(criterion, qualifiers=titled))
        parts.append(f"<p>{_text(words)}</p>")
    ranked = ranked_evidence(criterion.evidence)
    if criterion.verdict is not Verdict.NOT_CHECKED and not ranked and not criterion.note:
        parts.append("<p>No quote found.</p>")  # the note, when there is one, says why
    parts.append(quotes_html(ranked[:QUOTES_PER_CRITERION]))
    if len(ranked) > QUOTES_PER_CRITERION:
        more = len(ranked) - QUOTES_PER_CRITERION
        parts.append(f"<p>And {more} more quotes, in the JSON report.</p>")
    set_aside = set_aside_shown(criterion)
    if set_aside:
        line, shown = set_aside
        parts.append(f'<p class="note">{_text(line)}</p>')
        parts.append(quotes_html(shown, set_aside=True))
    parts.append("</section>")
    return "\n".join(p for p in parts if p)


def _reference(reference: LegalReference | None) -> str:
    if reference is None:
        return ""
    words = _text(f"{reference.law}, {reference.section}")
    return link_html(reference.url, words) if reference.url else words


def _badge(verdict: Verdict) -> str:
    return f'<span class="verdict verdict-{verdict.value}">{verdict_words_html(verdict)}</span>'


def verdict_words_html(verdict: Verdict) -> str:
    return _text(f"{VERDICT_MARKS[verdict]} {VERDICT_WORDS[verdict]}")
