"""Quotes in the HTML report: a sentence of the statement in a <blockquote>, with where it
sits and, for a sentence set aside, why it did not count. The flags, the alerts and each
criterion quote through here, so a quote looks the same wherever it is.
"""

from __future__ import annotations

from collections.abc import Iterable

from msa_check.models import Evidence
from msa_check.report.html_escape import html_text as _text
from msa_check.report.html_words import SET_ASIDE_LABEL, code_html, status_words
from msa_check.report.wording import quote_text, where_words


def quotes_html(evidence: Iterable[Evidence], *, set_aside: bool = False) -> str:
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
