"""The Markdown report: metadata, alerts, a criteria table per rule set, then evidence.

Text from a statement is escaped, so a "|" in a quote cannot break a table and a "*"
cannot turn into emphasis. Verdicts are always written out as words.
"""

from __future__ import annotations

import re

from msa_check.models import (
    Alert,
    CriterionResult,
    Evidence,
    EvidenceStatus,
    Flag,
    Report,
    RuleSetResult,
    Verdict,
)
from msa_check.report.headline import closing_line, score_line, status_line
from msa_check.report.quote_cuts import truncate
from msa_check.report.recognition_words import (
    EXAMINED_HEADING,
    examined_lines,
    recognition_lines,
    recognition_title,
)
from msa_check.report.wording import (
    BEST_QUOTE_LIMIT,
    EVIDENCE_COUNT_HEADING,
    EVIDENCE_PER_CRITERION,
    PROBABILITY_HEADING,
    PROBABILITY_LEGEND,
    QUESTIONS_HEADING,
    QUESTIONS_INTRO,
    VERDICT_WORDS,
    best_evidence,
    collect_alerts,
    follow_up_questions,
    header_rows,
    no_quote_words,
    probability_words,
    qualifier_words,
    quote_text,
    ranked_evidence,
    report_subject,
    set_aside_shown,
    where_words,
)

# CommonMark lets a backslash escape any ASCII punctuation; these are the ones that can
# start markup inline or break a table cell.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~])")
_TABLE_HEAD = (
    f"| Criterion | Mandatory | Verdict | {PROBABILITY_HEADING} | {EVIDENCE_COUNT_HEADING}"
    " | Best quote |\n"
    "|---|---|---|---:|---:|---|"
)


def escape(text: str) -> str:
    """`text` on one line, with Markdown's special characters backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render_markdown(report: Report) -> str:
    """The report as a Markdown document, ending in a newline."""
    blocks = [_heading(report), f"**{escape(status_line(report))}**", _metadata_table(report)]
    blocks.extend(_recognition_blocks(report))
    if report.flags:
        blocks.append(_flags_block(report.flags))
    alerts = collect_alerts(report)
    if alerts:
        blocks.append(_alerts_block(alerts))
    for result in report.results:
        blocks.append(_rule_set_block(result, report))
    questions = follow_up_questions(report)
    if questions:
        lines = [f"## {QUESTIONS_HEADING}", "", escape(QUESTIONS_INTRO), ""]
        lines += [
            f"{n}. {escape(question)} ({escape(title)}: {escape(verdict)})"
            for n, (title, verdict, question) in enumerate(questions, start=1)
        ]
        blocks.append("\n".join(lines))
    for result in report.results:
        evidence = _evidence_block(result)
        if evidence:
            blocks.append(evidence)
    return "\n\n".join(blocks) + "\n"


def _recognition_blocks(report: Report) -> list[str]:
    """Why the document is not a statement, and the links discovery examined."""
    blocks = []
    recognition = recognition_lines(report)
    if recognition is not None:
        summary, lines = recognition
        items = [f"## {recognition_title(report)}", "", escape(summary), ""]
        for line, quotes in lines:
            items.append(f"- {escape(line)}")
            items.extend(f"  - “{escape(quote)}”" for quote in quotes)
        blocks.append("\n".join(items))
    examined = examined_lines(report)
    if examined:
        blocks.append(
            "\n".join([f"## {EXAMINED_HEADING}", "", *(f"- {escape(e)}" for e in examined)])
        )
    return blocks


def _heading(report: Report) -> str:
    subject = report_subject(report)
    return f"# Modern slavery statement check: {escape(subject)}"


def _metadata_table(report: Report) -> str:
    rows = [*header_rows(report), ("Fetched", report.source.fetched_at)]
    rows.append(("SHA-256", report.source.sha256))
    rows.append(("msa-check", report.tool_version))
    lines = ["| Field | Value |", "|---|---|"]
    lines.extend(f"| {escape(label)} | {escape(value)} |" for label, value in rows)
    return "\n".join(lines)


def _flags_block(flags: tuple[Flag, ...]) -> str:
    """A "Flags" section: one list item per flag, its id and message in words, then quotes."""
    lines = ["## Flags", ""]
    for flag in flags:
        lines.append(f"- **FLAG {escape(flag.id)}**: {escape(flag.message)}")
        for evidence in flag.evidence[:2]:
            lines.extend(["", f"  > {_quote_line(evidence, BEST_QUOTE_LIMIT)}"])
    return "\n".join(lines)


def _alerts_block(alerts: list[tuple[Alert, tuple[str, ...]]]) -> str:
    lines = []
    for alert, raised_by in alerts:
        by = f" (criteria: {escape(', '.join(raised_by))})" if raised_by else ""
        lines.append(f"> **ALERT: {escape(alert.message)}**{by}")
        lines.extend(f">\n> {_quote_line(e, BEST_QUOTE_LIMIT)}" for e in alert.evidence)
        lines.append(">")
    return "\n".join(lines[:-1])


def _rule_set_block(result: RuleSetResult, report: Report) -> str:
    info = result.rule_set
    rows = [_criterion_row(c) for c in result.criteria]
    closing = f"**{escape(closing_line(result, report))}**"
    heading = f"## {escape(info.title)} ({escape(info.id)}, version {escape(info.version)})"
    score = escape(score_line(result))
    legend = f"_{escape(PROBABILITY_LEGEND)}._"
    return "\n\n".join([heading, "\n".join([_TABLE_HEAD, *rows]), legend, closing, score])


def _criterion_row(criterion: CriterionResult) -> str:
    best = best_evidence(criterion)
    cells = [
        f"{escape(criterion.title)} ({escape(criterion.id)})",
        "yes" if criterion.mandatory else "no",
        VERDICT_WORDS[criterion.verdict],
        probability_words(criterion),
        str(len(criterion.evidence)),
        _quote_line(best, BEST_QUOTE_LIMIT, with_section=False)
        if best
        else escape(no_quote_words(criterion) or ""),
    ]
    return "| " + " | ".join(cells) + " |"


def _quote_line(evidence: Evidence, limit: int, *, with_section: bool = True) -> str:
    where = where_words(evidence) if with_section else where_words(evidence)[:1]
    suffix = f" ({escape(', '.join(where))})" if where else ""
    if evidence.status is not EvidenceStatus.TAKEN:
        suffix += f" *{evidence.status.value}*"
    return f"“{escape(truncate(quote_text(evidence), limit))}”{suffix}"


def _evidence_block(result: RuleSetResult) -> str:
    parts = []
    for criterion in result.criteria:
        if criterion.verdict is Verdict.NOT_CHECKED:
            continue
        parts.append(_criterion_evidence(criterion))
    if not parts:
        return ""
    intro = f"Up to {EVIDENCE_PER_CRITERION} quotes per criterion; the JSON report has all."
    heading = f"## Evidence: {escape(result.rule_set.title)}"
    return "\n\n".join([heading, intro, *parts])


def _criterion_evidence(criterion: CriterionResult) -> str:
    verdict = VERDICT_WORDS[criterion.verdict]
    parts = [f"### {escape(criterion.title)} ({escape(criterion.id)}): {verdict}"]
    if criterion.note:
        parts.append(f"*{escape(criterion.note)}*")
    if criterion.qualifiers:
        parts.append(escape(qualifier_words(criterion)))
    ranked = ranked_evidence(criterion.evidence)
    if not ranked and not criterion.note:  # a note says why ("no sentence matches ..."): once
        parts.append("No evidence found.")
    parts.extend(_evidence_quote(e) for e in ranked[:EVIDENCE_PER_CRITERION])
    if len(ranked) > EVIDENCE_PER_CRITERION:
        parts.append(f"(+{len(ranked) - EVIDENCE_PER_CRITERION} more in the JSON report)")
    set_aside = set_aside_shown(criterion)
    if set_aside:
        line, shown = set_aside
        parts.append(f"*{escape(line)}*")
        parts.extend(_evidence_quote(e) for e in shown)
    return "\n\n".join(parts)


def _evidence_quote(evidence: Evidence) -> str:
    """A quote as a blockquote, then "(p. N, section S; matched: ...)"."""
    where = [f"p. {evidence.page}"] if evidence.page is not None else []
    if evidence.section:
        where.append(f"section {escape(evidence.section)}")
    if evidence.status is not EvidenceStatus.TAKEN:
        where.append(evidence.status.value)
    details = [", ".join(where)] if where else []
    if evidence.matched:
        details.append(f"matched: {escape(', '.join(evidence.matched))}")
    source = f"\n>\n> ({'; '.join(details)})" if details else ""
    return f"> {escape(quote_text(evidence))}{source}"
