"""The words every report format shares: verdict names, the header rows, the alerts, the
questions for the supplier, which quotes to show and how many.

The console, Markdown, HTML and compare renderers all take their wording from here (and
the metadata and flag wording from metadata_words.py), so every format says the same thing
about a statement and none depends on another renderer. The overall-status headline and
each rule set's closing lines are in headline.py; the words of the "is this a statement?"
and "links examined" sections are in recognition_words.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from msa_check.models import (
    Alert,
    ContentKind,
    CriterionResult,
    DocumentSummary,
    Evidence,
    EvidenceStatus,
    FetchedSource,
    Report,
    SourceKind,
    Verdict,
)
from msa_check.report.metadata_words import metadata_rows
from msa_check.rules.reasons import HEADING_REASON

TEXT_WIDTH = 100  # columns of the plain-text console report
BEST_QUOTE_LIMIT = 110  # characters of the best quote in the criteria table
EVIDENCE_PER_CRITERION = 3  # quotes per criterion in the evidence section
SET_ASIDE_PER_CRITERION = 2  # set-aside sentences shown per criterion; the JSON has all

VERDICT_WORDS: dict[Verdict, str] = {
    Verdict.MET: "met",
    Verdict.PARTIAL: "partial",
    Verdict.MISSING: "missing",
    Verdict.NOT_CHECKED: "not checked",
}
_KIND_WORDS: dict[ContentKind, str] = {
    ContentKind.PDF: "PDF",
    ContentKind.HTML: "HTML",
    ContentKind.TEXT: "text",
}


# The criteria tables' column of how many sentences support a criterion: one word in every
# format (it was "Ev." in the console, "Evidence" in Markdown and "Quotes" in HTML), the
# word the evidence sections use too ("Up to 3 quotes per criterion").
EVIDENCE_COUNT_HEADING = "Quotes"
STDIN_WORDS = "(standard input)"  # where a statement read from `-` came from


# The criteria tables' probability column: calibrated on expert labels (msa_check.calibration).
PROBABILITY_HEADING = "P(met)"
PROBABILITY_LEGEND = (
    "P(met): the chance, calibrated on expert-labelled statements, that experts find the"
    ' criterion addressed (a high one beside "missing": experts often found what the'
    " rules missed, so read the statement); n/c: not calibrated for this criterion"
)


def probability_words(criterion: CriterionResult) -> str:
    """The calibrated probability as shown in a table: "0.93", "n/c" or "-" (not checked)."""
    if criterion.verdict is Verdict.NOT_CHECKED:
        return "-"
    return "n/c" if criterion.probability is None else f"{criterion.probability:.2f}"


def ranked_evidence(evidence: Iterable[Evidence]) -> list[Evidence]:
    """Taken evidence first, then strongest, then the one more parts of the rule matched.

    Ties keep the order given (document order).
    """
    return sorted(
        evidence,
        key=lambda e: (e.status is not EvidenceStatus.TAKEN, -e.strength, -len(e.matched)),
    )


# A list item's marker at the start of a sentence: a dash or bullet glyph, or "1." / "2)".
_LIST_MARKER = re.compile(
    r"^(?:[-*·\u2010-\u2015\u2022\u2023\u2043\u25aa\u25cf\u25e6]|\(?\d{1,2}[.)])\s+"
)


def quote_text(evidence: Evidence) -> str:
    """The sentence as a quote shows it: on one line, without the marker of the list item
    it came from ("- All staff: ..." is quoted "All staff: ..."). The JSON report keeps
    the sentence as found, which its offsets point to."""
    text = " ".join(evidence.text.split())
    stripped = _LIST_MARKER.sub("", text, count=1)
    return stripped or text


def qualifier_words(criterion: CriterionResult) -> str:
    """ "Qualifiers: third_party yes; unannounced no" (words, not colour, carry the meaning)."""
    words = "; ".join(f"{q.id} {'yes' if q.present else 'no'}" for q in criterion.qualifiers)
    return f"Qualifiers: {words}"


def best_evidence(criterion: CriterionResult) -> Evidence | None:
    """The highest-strength taken evidence, else the strongest of any status."""
    ranked = ranked_evidence(criterion.evidence)
    return ranked[0] if ranked else None


def set_aside_shown(criterion: CriterionResult) -> tuple[str, tuple[Evidence, ...]] | None:
    """ "Set aside: 2 sentences the rule matched, then ruled out" and the sentences to quote
    under it (the first few), or None if there were none.

    Said so that a reader who expected a sentence to count sees that it was found, and (in
    each one's `matched`) why it did not count. One function gives both the line and the
    quotes, so every format quotes as many as its line says.
    """
    count = len(criterion.set_aside)
    if not count:
        return None
    # A heading set aside ("Training": it names a topic, reports nothing) is the least
    # telling; a sentence the rule matched and then ruled out is what a reader looks for.
    ranked = sorted(criterion.set_aside, key=lambda e: HEADING_REASON in e.matched)
    shown = tuple(ranked[:SET_ASIDE_PER_CRITERION])
    more = f"; the first {len(shown)} here, all in the JSON report" if count > len(shown) else ""
    return f"Set aside: {_count(count, 'sentence')} the rule matched, then ruled out{more}", shown


def document_line(document: DocumentSummary) -> str:
    """E.g. "PDF, 4 pages, 1,234 words, 56 sentences"."""
    parts = [_KIND_WORDS[document.kind]]
    if document.page_count is not None:
        parts.append(_count(document.page_count, "page"))
    parts.append(_count(document.word_count, "word"))
    parts.append(_count(document.sentence_count, "sentence"))
    return ", ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def discovery_rows(report: Report) -> list[tuple[str, str]]:
    """How the statement was reached from the homepage, and where the homepage links to it."""
    discovery = report.discovery
    if discovery is None:
        return []
    rows = []
    if len(discovery.path) > 1:
        rows.append(("Found via", " -> ".join(discovery.path)))
    if discovery.homepage_links:
        link = discovery.homepage_links[0]
        rows.append(
            ("Homepage link", f"“{link.text}” in the {link.region.value} of {discovery.homepage}")
        )
    else:
        rows.append(("Homepage link", f"none found on {discovery.homepage}"))
    rows.extend(("Discovery", note) for note in discovery.notes)
    return rows


def source_words(source: FetchedSource) -> str:
    """Where the statement came from, as a reader knows it: its address or file, or
    "(standard input)" for `-` (the JSON keeps `location` "-" and `kind` "stdin")."""
    return STDIN_WORDS if source.kind is SourceKind.STDIN else source.location


def checked_location(report: Report) -> str:
    """Where the check started: the homepage when it led to no statement, else the source."""
    if not report.statement_found and report.discovery is not None:
        return report.discovery.homepage
    return source_words(report.source)


def report_subject(report: Report) -> str:
    """What a report is about, for its title: the organisation, else the homepage when no
    statement was found, else the source."""
    if report.organisation:
        return report.organisation
    return checked_location(report)


def header_rows(report: Report) -> list[tuple[str, str]]:
    """The label/value pairs that describe what was checked, against what."""
    source = report.source
    if not report.statement_found and report.discovery is not None:
        # No statement: what was read is the homepage (and the pages it links to).
        rows = [("Homepage", report.discovery.homepage)]
        rows.extend(discovery_rows(report))
        rows.extend(("Rule set", f"{r.rule_set.title} ({r.rule_set.id})") for r in report.results)
        return rows
    rows = [("Source", source_words(source))]
    if source.final_url and source.final_url != source.location:
        rows.append(("Final URL", source.final_url))
    if report.organisation:
        rows.append(("Organisation", report.organisation))
    if report.period:
        rows.append(("Period", report.period))
    rows.extend(discovery_rows(report))
    rows.extend(metadata_rows(report))
    if report.document.title:
        rows.append(("Title", report.document.title))
    rows.append(("Document", document_line(report.document)))
    for result in report.results:
        info = result.rule_set
        rows.append(("Rule set", f"{info.title} ({info.id}, version {info.version})"))
    rows.extend(("Warning", warning) for warning in report.document.warnings)
    return rows


def collect_alerts(report: Report) -> list[tuple[Alert, tuple[str, ...]]]:
    """Every alert once, with the ids of the criteria that raised it (none: the report)."""
    found: dict[tuple[str, str], tuple[Alert, list[str]]] = {}
    for alert in report.alerts:
        found.setdefault((alert.id, alert.message), (alert, []))
    for result in report.results:
        for criterion in result.criteria:
            for alert in criterion.alerts:
                _, raised_by = found.setdefault((alert.id, alert.message), (alert, []))
                raised_by.append(criterion.id)
    return [(alert, tuple(raised_by)) for alert, raised_by in found.values()]


def alert_line(alert: Alert, raised_by: tuple[str, ...]) -> str:
    """ "ALERT (criteria: social_audits): AUDITS ONLY, NO WORKER VOICE: ..." on one line."""
    by = f" (criteria: {', '.join(raised_by)})" if raised_by else ""
    return f"⚠ ALERT{by}: {' '.join(alert.message.split())}"


def follow_up_questions(report: Report) -> list[tuple[str, str, str]]:
    """(criterion title, verdict word, question) for every missing or partial criterion whose
    rule file gives a follow-up question: what a buyer pastes into a clarification request."""
    if not (report.statement_found and report.is_statement):
        return []  # "your statement does not say ..." would be nonsense: there is none
    asked: dict[str, tuple[str, str, str]] = {}
    for result in report.results:
        for criterion in result.criteria:
            question = criterion.question
            if question and question not in asked:
                asked[question] = (criterion.title, VERDICT_WORDS[criterion.verdict], question)
    return list(asked.values())


QUESTIONS_HEADING = "Questions for the supplier"
QUESTIONS_INTRO = (
    "What the statement does not show, as questions to put to the supplier "
    "(from the rule files' follow_up texts):"
)


def where_words(evidence: Evidence) -> list[str]:
    """Where a quote sits, e.g. ["p. 3", 'section "Governance"']."""
    words = []
    if evidence.page is not None:
        words.append(f"p. {evidence.page}")
    if evidence.section:
        words.append(f'section "{evidence.section}"')
    return words


# Flags (metadata/flags.py) and a quote's status in words, for readers who never see ids.
FLAG_TITLES: dict[str, str] = {
    "stale": "Out of date",
    "no_period": "No period stated",
    "approval_not_board": "Not approved by the board",
    "signatory_not_director": "Not signed by a director",
    "approval_date_implausible": "Approval date implausible",
    "no_steps": "No steps taken",
    "not_english": "Not in English",
}
EVIDENCE_STATUS_WORDS: dict[str, str] = {
    "planned": "says this is planned",
    "denied": "says this was not done",
}


def no_quote_words(criterion: CriterionResult) -> str | None:
    """Why a criterion's row has no quote, the same in every format; None when it has one.

    A partial verdict set by an alert, or a criterion not checked, says why, rather than
    "no evidence" beside a verdict the evidence did not decide."""
    if best_evidence(criterion) is not None:
        return None
    if criterion.alerts:  # e.g. partial because of a "no steps" alert
        return f"set by alert {criterion.alerts[0].id}"
    if criterion.verdict is Verdict.NOT_CHECKED and criterion.note:
        return criterion.note
    return "no evidence"
