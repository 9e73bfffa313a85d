"""Judge one criterion: from the hits of its rule (evidence, set-aside sentences, verdict), or
from the homepage's links for a criterion judged there.

Apart from analyse.py, which runs every criterion of every rule set and what is judged over
them (absence alerts, the verdicts when no statement is found), because this is the
judgement of one criterion alone, which the rule files' own examples run too
(rules/examples.py).
"""

from __future__ import annotations

from msa_check.models import (
    Alert,
    BlockKind,
    CriterionResult,
    Discovery,
    Evidence,
    EvidenceStatus,
    QualifierResult,
    Sentence,
    Verdict,
)
from msa_check.nlp import ParsedDocument
from msa_check.plurals import counted
from msa_check.rules.hits import TIMEOUT_ROLE, Hit, Hits
from msa_check.rules.schema import CheckedBy, Criterion
from msa_check.rules.shape import DocumentShapes
from msa_check.rules.status import evidence_status
from msa_check.rules.text_hits import HEADING_STRENGTH


def judge_homepage(criterion: Criterion, discovery: Discovery | None) -> CriterionResult:
    """s54(7) and its like: does the homepage link to the statement (or its landing page)?"""
    if discovery is None:
        # Said first: the table quotes two lines of the note. Any warning adds why (a
        # homepage that could not be read); a file or a statement URL names no homepage.
        note = (
            "judged on the homepage, which this check did not visit: name it with"
            " --homepage URL (a website column in a batch list)"
        )
        return criterion_result(criterion, Verdict.NOT_CHECKED, 0.0, note=note)
    links = discovery.homepage_links
    if not links:
        note = f"the homepage {discovery.homepage} has no link to the statement"
        return criterion_result(criterion, Verdict.MISSING, 0.8, note=note)
    evidence = tuple(
        Evidence(
            text=link.text,
            sentence_index=-1,  # a link on the homepage, not a sentence of the statement
            start=0,
            end=0,
            page=None,
            section=link.region.value,
            matched=(f"link on {discovery.homepage} ({link.region.value}) to {link.url}",),
            strength=1.0,
        )
        for link in links
    )
    note = f"the homepage links to the statement from its {links[0].region.value}"
    return criterion_result(criterion, Verdict.MET, 0.9, evidence=evidence, note=note)


def judge_criterion(
    criterion: Criterion,
    hits: Hits,
    parsed: ParsedDocument,
    shapes: DocumentShapes | None = None,
) -> CriterionResult:
    """The verdict, confidence, evidence and alerts of one criterion.

    `shapes` shares the sentences set aside for their shape between the criteria of a
    document; without it they are worked out for this criterion alone."""
    if criterion.checked_by is CheckedBy.HOMEPAGE:
        return judge_homepage(criterion, None)
    matched = hits.get((criterion.id, "match"), {})
    exclusions = hits.get((criterion.id, "exclude"), {})
    excluded = set(exclusions)
    without_also: set[int] = set()
    if not criterion.also.is_empty:
        also = hits.get((criterion.id, "also"), {})
        without_also = {index for index in matched if index not in also}
        excluded |= without_also
    shape = (shapes or DocumentShapes(parsed)).reasons(
        headings_count=criterion.headings_are_evidence
    )
    excluded |= set(shape)
    evidence = _evidence(
        matched, excluded, parsed, full_strength_headings=criterion.headings_are_evidence
    )
    set_aside = _set_aside(matched, exclusions, without_also, parsed, shape)
    verdict, note = _verdict(criterion, evidence)
    alerts: list[Alert] = []
    for spec in criterion.alerts:
        alert_evidence = _evidence(hits.get((criterion.id, f"alert:{spec.id}"), {}), set(), parsed)
        if alert_evidence:
            alerts.append(Alert(spec.id, spec.message, alert_evidence, spec.flag))
            if spec.verdict is not None:
                verdict, note = spec.verdict, f"set by alert {spec.id!r}: {spec.message}"
    qualifiers = tuple(
        _qualifier(
            spec.id, spec.title, hits.get((criterion.id, f"qualifier:{spec.id}"), {}), parsed
        )
        for spec in criterion.qualifiers
    )
    note = _with_timeouts(note, hits.get((criterion.id, TIMEOUT_ROLE), {}))
    return criterion_result(
        criterion,
        verdict,
        _evidence_strength(verdict, evidence),
        evidence=evidence,
        alerts=tuple(alerts),
        note=note,
        qualifiers=qualifiers,
        set_aside=set_aside,
    )


def _with_timeouts(note: str, timeouts: dict[int, list[Hit]]) -> str:
    """The note, plus where a regex ran out of time: the verdict may miss those sentences."""
    if not timeouts:
        return note
    first = timeouts[min(timeouts)][0].description
    more = f" (and on {counted(len(timeouts) - 1, 'sentence')} more)" if len(timeouts) > 1 else ""
    warning = f"warning: {first}{more}"
    return f"{note}; {warning}" if note else warning


def _set_aside(
    matched: dict[int, list[Hit]],
    exclusions: dict[int, list[Hit]],
    without_also: set[int],
    parsed: ParsedDocument,
    shape: dict[int, str],
) -> tuple[Evidence, ...]:
    """Matched sentences an exclusion ruled out, each naming the match and the exclusion."""
    sentences = parsed.document.sentences
    found = []
    for index in sorted(matched):
        reasons = [f"excluded by {hit.description}" for hit in exclusions.get(index, ())]
        if index in without_also:
            reasons.append("excluded: does not match the rule's `also` part")
        if index in shape:
            reasons.append(shape[index])
        if reasons and matched[index]:
            hits = [*matched[index], *(Hit(reason) for reason in reasons)]
            found.append(_evidence_item(sentences[index], hits, 0.0))
    return tuple(found)


def _qualifier(
    qualifier_id: str, title: str, by_sentence: dict[int, list[Hit]], parsed: ParsedDocument
) -> QualifierResult:
    # Only reported action counts: "we will commission independent audits" is no audit.
    evidence = tuple(
        e for e in _evidence(by_sentence, set(), parsed) if e.status is EvidenceStatus.TAKEN
    )
    return QualifierResult(qualifier_id, title, bool(evidence), evidence)


def criterion_result(
    criterion: Criterion,
    verdict: Verdict,
    evidence_strength: float,
    *,
    evidence: tuple[Evidence, ...] = (),
    alerts: tuple[Alert, ...] = (),
    note: str | None = None,
    qualifiers: tuple[QualifierResult, ...] = (),
    set_aside: tuple[Evidence, ...] = (),
) -> CriterionResult:
    return CriterionResult(
        id=criterion.id,
        title=criterion.title,
        reference=criterion.reference,
        mandatory=criterion.mandatory,
        verdict=verdict,
        evidence_strength=evidence_strength,
        evidence=evidence,
        alerts=alerts,
        note=note,
        qualifiers=qualifiers,
        set_aside=set_aside,
        weight=criterion.weight,
        follow_up=criterion.follow_up or None,
    )


def _evidence(
    by_sentence: dict[int, list[Hit]],
    excluded: set[int],
    parsed: ParsedDocument,
    *,
    full_strength_headings: bool = False,
) -> tuple[Evidence, ...]:
    sentences = parsed.document.sentences
    evidence = []
    for index in sorted(by_sentence):
        if index in excluded or not by_sentence[index]:
            continue
        found = by_sentence[index]
        strength = max(hit.strength for hit in found)
        if parsed.sentence_kinds[index] is BlockKind.HEADING and not full_strength_headings:
            strength = min(strength, HEADING_STRENGTH)  # a heading names a topic, shows no act
        evidence.append(_evidence_item(sentences[index], found, strength))
    return tuple(evidence)


def _evidence_item(sentence: Sentence, found: list[Hit], strength: float) -> Evidence:
    descriptions = tuple(dict.fromkeys(hit.description for hit in found))
    return Evidence.of_sentence(
        sentence, descriptions, status=evidence_status(sentence.text), strength=strength
    )


def _verdict(criterion: Criterion, evidence: tuple[Evidence, ...]) -> tuple[Verdict, str]:
    taken = [e for e in evidence if e.status is EvidenceStatus.TAKEN]
    direct = [e for e in taken if e.strength >= 1.0]
    planned = [e for e in evidence if e.status is EvidenceStatus.PLANNED]
    denied = [e for e in evidence if e.status is EvidenceStatus.DENIED]
    need = criterion.min_evidence
    if len(direct) >= need:
        return Verdict.MET, f"{counted(len(direct), 'sentence')} of action taken (needs {need})"
    if direct:
        return Verdict.PARTIAL, f"{counted(len(direct), 'sentence')} of action taken; needs {need}"
    if taken:
        return Verdict.PARTIAL, "only indirect evidence (a heading or context), no direct match"
    if planned:
        return Verdict.PARTIAL, "only planned or promised action, none reported as taken"
    if denied:
        return Verdict.MISSING, "the statement says this has not been done"
    return Verdict.MISSING, "no sentence matches this criterion"


def _evidence_strength(verdict: Verdict, evidence: tuple[Evidence, ...]) -> float:
    """A heuristic of how strongly the evidence supports the verdict (not a probability:
    `msa_check.calibration` gives those)."""
    if verdict is Verdict.NOT_CHECKED:
        return 0.0
    direct = sum(1 for e in evidence if e.status is EvidenceStatus.TAKEN and e.strength >= 1.0)
    if verdict is Verdict.MET:
        return round(0.5 + 0.5 * (1 - 0.5**direct), 3)
    if verdict is Verdict.PARTIAL:
        return 0.5
    denied = any(e.status is EvidenceStatus.DENIED for e in evidence)
    return 0.9 if denied else 0.7
