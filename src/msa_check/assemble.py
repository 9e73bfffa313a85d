"""A statement's Report, put together from what each stage of a check found: the rule sets'
results, the metadata, the recognition, and how discovery reached the document.

Pure: no fetching, parsing or loading happens here (checker.py does those, then calls
`build_report`), so the rules that decide what a report carries (which flags a document
that is not a statement keeps, when probabilities are withheld) can be tested without I/O.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from msa_check import __version__
from msa_check.metadata.flags import NOT_ENGLISH, statement_flags
from msa_check.models import (
    Alert,
    Discovery,
    DocumentSummary,
    FetchedSource,
    Recognition,
    Report,
    RuleSetResult,
    StatementMetadata,
)
from msa_check.nlp import ParsedDocument


def build_report(
    fetched: FetchedSource,
    parsed: ParsedDocument,
    results: tuple[RuleSetResult, ...],
    metadata: StatementMetadata,
    recognition: Recognition,
    *,
    discovery: Discovery | None = None,
    today: date | None = None,
) -> Report:
    """The Report from what each stage found: the criteria's alerts (each once), the
    statement's flags as of `today`, and the summary of the document.

    A document that is not a statement (and not treated as one) is given only the flag
    that may explain why (`not_english`: the rules read English): "does not say which
    financial year it covers" is a finding about a statement, not about a recipe. Nor does
    it get calibrated probabilities: they were fitted on statements, and on a recipe they
    are only the base rate, which a reader would take for a finding."""
    alerts = _unique(tuple(alert for r in results for c in r.criteria for alert in c.alerts))
    flags = statement_flags(metadata, alerts, today or date.today())
    if not (recognition.is_statement or recognition.overridden):
        flags = tuple(flag for flag in flags if flag.id == NOT_ENGLISH)
        results = tuple(_without_probabilities(result) for result in results)
    return Report(
        source=fetched,
        document=summarise(parsed),
        results=results,
        tool_version=__version__,
        alerts=alerts,
        discovery=discovery,
        metadata=metadata,
        flags=flags,
        recognition=recognition,
    )


def _without_probabilities(result: RuleSetResult) -> RuleSetResult:
    criteria = tuple(
        replace(c, probability=None, probability_basis=NOT_FOR_A_NON_STATEMENT)
        for c in result.criteria
    )
    return replace(result, criteria=criteria)


NOT_FOR_A_NON_STATEMENT = "not given: the document is not a modern slavery statement"


def rejected_in_reserve(discovery: Discovery, report: Report) -> Discovery:
    """`discovery` once the page it kept in reserve is found not to be a statement."""
    assert report.recognition is not None
    recognition = report.recognition
    outcome = (
        f"rejected after analysis: not a statement (score {recognition.score}, a statement"
        f" needs {recognition.needed}: {'; '.join(recognition.reasons) or 'no signal'})"
    )
    examined = tuple(
        replace(link, outcome=outcome) if link.url == discovery.statement_url else link
        for link in discovery.examined
    )
    note = f"{discovery.statement_url} was analysed and is not a statement"
    return replace(
        discovery,
        statement_url=None,
        path=(discovery.homepage,),
        homepage_links=(),
        examined=examined,
        notes=(*discovery.notes, note),
        in_reserve=False,
    )


def summarise(parsed: ParsedDocument) -> DocumentSummary:
    document = parsed.document
    return DocumentSummary(
        kind=document.kind,
        title=document.title,
        page_count=document.page_count,
        word_count=document.word_count,
        sentence_count=len(document.sentences),
        warnings=document.warnings,
    )


def _unique(alerts: tuple[Alert, ...]) -> tuple[Alert, ...]:
    return tuple({alert.id: alert for alert in alerts}.values())
