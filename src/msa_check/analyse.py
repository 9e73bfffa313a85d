"""Judge a parsed statement against rule sets: pure, no I/O, no printing.

For each criterion: the sentences its rule matches (minus exclusions and out-of-scope
sentences) become evidence, each with what matched and whether it reports action taken,
planned or denied; the verdict follows from that evidence, and alerts can override it.
One criterion is judged in analyse_criterion.py; this module runs them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from msa_check.analyse_criterion import criterion_result, judge_criterion, judge_homepage
from msa_check.calibration import calibrate
from msa_check.models import (
    Alert,
    CriterionResult,
    Discovery,
    RuleSetInfo,
    RuleSetResult,
    Verdict,
)
from msa_check.nlp import ParsedDocument
from msa_check.rules.matching import RuleSetMatcher
from msa_check.rules.schema import CheckedBy, RuleSet
from msa_check.rules.shape import DocumentShapes


def analyse_document(
    parsed: ParsedDocument,
    matchers: Sequence[RuleSetMatcher],
    discovery: Discovery | None = None,
) -> tuple[RuleSetResult, ...]:
    """Judge every criterion of every rule set against the document's sentences.

    `discovery` says what the organisation's homepage links to, for criteria judged on
    the homepage; without it they are `not_checked`.
    """
    shapes = DocumentShapes(parsed)
    return tuple(_analyse_rule_set(parsed, matcher, discovery, shapes) for matcher in matchers)


def _analyse_rule_set(
    parsed: ParsedDocument,
    matcher: RuleSetMatcher,
    discovery: Discovery | None,
    shapes: DocumentShapes,
) -> RuleSetResult:
    hits = matcher.find_hits(parsed)
    rule_set = matcher.rule_set
    results = tuple(
        judge_homepage(c, discovery)
        if c.checked_by is CheckedBy.HOMEPAGE
        else judge_criterion(c, hits, parsed, shapes)
        for c in rule_set.criteria
    )
    judged = calibrate(rule_set.id, rule_set.version, _absence_alerts(rule_set, results))
    return RuleSetResult(rule_set_info(rule_set), judged)


def _absence_alerts(
    rule_set: RuleSet, results: tuple[CriterionResult, ...]
) -> tuple[CriterionResult, ...]:
    """Raise the alerts that an absence sets off (`unless_met`), once every verdict is known.

    Such an alert fires when its criterion is met and none of the criteria it names is,
    and quotes the criterion's own evidence: "audits reported, no worker-driven monitoring".
    """
    verdicts = {r.id: r.verdict for r in results}
    judged = []
    for criterion, result in zip(rule_set.criteria, results, strict=True):
        fired = [
            spec
            for spec in criterion.alerts
            if spec.unless_met
            and result.verdict is Verdict.MET
            and not any(verdicts.get(name) is Verdict.MET for name in spec.unless_met)
        ]
        # Quote the sentences that made the criterion met, not a heading that names it.
        quoted = tuple(e for e in result.evidence if e.strength >= 1.0) or result.evidence
        for spec in fired:
            absent = ", ".join(spec.unless_met)
            result = replace(
                result,
                alerts=(*result.alerts, Alert(spec.id, spec.message, quoted, spec.flag)),
                note=f"{result.note}; alert {spec.id!r}: none of {absent} is met",
            )
            if spec.verdict is not None:
                result = replace(result, verdict=spec.verdict)
        judged.append(result)
    return tuple(judged)


def no_statement_results(
    matchers: Sequence[RuleSetMatcher], discovery: Discovery
) -> tuple[RuleSetResult, ...]:
    """The verdicts when the homepage leads to no statement (issue 17 item 6).

    The criteria judged on the homepage are `missing`, since it was read and links to no
    statement; every other criterion is `not_checked`, as there is no text to judge."""
    homepage_note = f"no statement found: {discovery.homepage} leads to no modern slavery statement"
    results = []
    for matcher in matchers:
        rule_set = matcher.rule_set
        criteria = tuple(
            criterion_result(c, Verdict.MISSING, 0.8, note=homepage_note)
            if c.checked_by is CheckedBy.HOMEPAGE
            else criterion_result(
                c, Verdict.NOT_CHECKED, 0.0, note="no statement found: no text to judge"
            )
            for c in rule_set.criteria
        )
        results.append(RuleSetResult(rule_set_info(rule_set), criteria))
    return tuple(results)


def rule_set_info(rule_set: RuleSet) -> RuleSetInfo:
    return RuleSetInfo(
        id=rule_set.id,
        title=rule_set.title,
        version=rule_set.version,
        jurisdiction=rule_set.jurisdiction,
        law=rule_set.law,
    )
