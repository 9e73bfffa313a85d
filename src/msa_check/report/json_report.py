"""The JSON report: every finding, every piece of evidence, in a documented schema.

The schema is described field by field in docs/report-json.md. Within schema_version
"1" fields are only ever added, never renamed, removed or retyped. The statement's
bytes are never included: `sha256` identifies them.
"""

from __future__ import annotations

import json
from typing import Any

from msa_check.calibration import NOT_CALIBRATED
from msa_check.models import (
    Alert,
    Approval,
    CriterionResult,
    DisclosureScore,
    Discovery,
    DocumentSummary,
    Evidence,
    FetchedSource,
    Flag,
    Identifier,
    LegalReference,
    QualifierResult,
    Recognition,
    Report,
    ReportingPeriod,
    RuleSetResult,
    Signatory,
    StatedDate,
    StatementMetadata,
    Verdict,
)

SCHEMA_VERSION = "1"
TOOL_NAME = "msa-check"
DECIMALS = 3  # confidence and strength are rounded to this many places

JsonObject = dict[str, Any]


def render_json(report: Report) -> str:
    """The report as pretty-printed JSON, ending in a newline."""
    return json.dumps(report_to_dict(report), indent=2, ensure_ascii=False) + "\n"


def report_to_dict(report: Report) -> JsonObject:
    """The report as plain JSON-ready values; enums become their string values."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": report.tool_version},
        "source": source_to_dict(report.source),
        "document": document_to_dict(report.document),
        "organisation": report.organisation,
        "period": report.period,
        "mandatory_met": report.mandatory_met,
        "status": report.status.value,
        "status_criteria": list(report.status_criteria),
        "alerts": [finding_to_dict(a) for a in report.alerts],
        "rule_sets": [rule_set_to_dict(r) for r in report.results],
        "metadata": metadata_to_dict(report.metadata) if report.metadata else None,
        "flags": [finding_to_dict(f) for f in report.flags],
        "discovery": discovery_to_dict(report.discovery) if report.discovery else None,
        "questions": [
            {"rule_set": r.rule_set.id, "criterion": c.id, "verdict": c.verdict.value,
             "question": c.question}
            for r in report.results
            for c in r.criteria
            if c.question and report.statement_found and report.is_statement
        ],
        "recognition": recognition_to_dict(report.recognition) if report.recognition else None,
    }  # fmt: skip


def discovery_to_dict(discovery: Discovery) -> JsonObject:
    """How the statement was reached from the homepage, and the homepage's links to it."""
    return {
        "homepage": discovery.homepage,
        "statement_url": discovery.statement_url,
        "path": list(discovery.path),
        "homepage_links": [
            {
                "text": link.text,
                "url": link.url,
                "region": link.region.value,
                "score": round(link.score, DECIMALS),
            }
            for link in discovery.homepage_links
        ],
        "notes": list(discovery.notes),
        "examined": [
            {
                "url": link.url,
                "text": link.text,
                "score": round(link.score, DECIMALS),
                "outcome": link.outcome,
            }
            for link in discovery.examined
        ],
    }


def recognition_to_dict(recognition: Recognition) -> JsonObject:
    """Whether the document is a statement at all, and each signal behind that."""
    return {
        "is_statement": recognition.is_statement,
        "score": recognition.score,
        "needed": recognition.needed,
        "overridden": recognition.overridden,
        "statement_link": recognition.statement_link,
        "signals": [
            {
                "id": s.id,
                "looked_for": s.looked_for,
                "found": s.found,
                "points": s.points,
                "quotes": list(s.quotes),
            }
            for s in recognition.signals
        ],
    }


def source_to_dict(source: FetchedSource) -> JsonObject:
    """Where the statement came from; deliberately without `content`."""
    return {
        "location": source.location,
        "kind": source.kind.value,
        "final_url": source.final_url,
        "status": source.status,
        "content_type": source.content_type,
        "fetched_at": source.fetched_at,
        "sha256": source.sha256,
        "redirects": list(source.redirects),
    }


def document_to_dict(document: DocumentSummary) -> JsonObject:
    return {
        "kind": document.kind.value,
        "title": document.title,
        "page_count": document.page_count,
        "word_count": document.word_count,
        "sentence_count": document.sentence_count,
        "warnings": list(document.warnings),
    }


def rule_set_to_dict(result: RuleSetResult) -> JsonObject:
    info = result.rule_set
    return {
        "id": info.id,
        "title": info.title,
        "version": info.version,
        "jurisdiction": info.jurisdiction,
        "law": info.law,
        "mandatory_met": not result.mandatory_unmet,
        "score": score_to_dict(result.score),
        "criteria": [criterion_to_dict(c) for c in result.criteria],
    }


def score_to_dict(score: DisclosureScore) -> JsonObject:
    return {
        "percent": score.percent,
        "earned": score.earned,
        "possible": score.possible,
        "met": score.met,
        "partial": score.partial,
        "missing": score.missing,
        "not_checked": score.not_checked,
    }


def criterion_to_dict(criterion: CriterionResult) -> JsonObject:
    return {
        "id": criterion.id,
        "title": criterion.title,
        "reference": reference_to_dict(criterion.reference),
        "mandatory": criterion.mandatory,
        "weight": criterion.weight,
        "follow_up": criterion.follow_up,
        "verdict": criterion.verdict.value,
        # Kept within schema 1 for older readers: the heuristic, as `evidence_strength`.
        "confidence": round(criterion.evidence_strength, DECIMALS),
        "evidence_strength": round(criterion.evidence_strength, DECIMALS),
        "probability": criterion.probability,
        "probability_basis": _probability_basis(criterion),
        "note": criterion.note,
        "alerts": [finding_to_dict(a) for a in criterion.alerts],
        "qualifiers": [qualifier_to_dict(q) for q in criterion.qualifiers],
        "evidence": [evidence_to_dict(e) for e in criterion.evidence],
        "set_aside": [evidence_to_dict(e) for e in criterion.set_aside],
    }


def _probability_basis(criterion: CriterionResult) -> str:
    if criterion.probability_basis:
        return criterion.probability_basis
    return "not checked" if criterion.verdict is Verdict.NOT_CHECKED else NOT_CALIBRATED


def qualifier_to_dict(qualifier: QualifierResult) -> JsonObject:
    return {
        "id": qualifier.id,
        "title": qualifier.title,
        "present": qualifier.present,
        "evidence": [evidence_to_dict(e) for e in qualifier.evidence],
    }


def reference_to_dict(reference: LegalReference | None) -> JsonObject | None:
    if reference is None:
        return None
    return {"law": reference.law, "section": reference.section, "url": reference.url}


def finding_to_dict(finding: Alert | Flag) -> JsonObject:
    """An alert (a rule file's) or a flag (msa-check's own): the JSON has one shape for both."""
    return {
        "id": finding.id,
        "message": finding.message,
        "evidence": [evidence_to_dict(e) for e in finding.evidence],
    }


def evidence_to_dict(evidence: Evidence) -> JsonObject:
    return {
        "text": evidence.text,
        "page": evidence.page,
        "section": evidence.section,
        "sentence_index": evidence.sentence_index,
        "start": evidence.start,
        "end": evidence.end,
        "matched": list(evidence.matched),
        "status": evidence.status.value,
        "strength": round(evidence.strength, DECIMALS),
    }


def metadata_to_dict(metadata: StatementMetadata) -> JsonObject:
    """Who made the statement, for which period, who approved and signed it; dates ISO 8601."""
    return {
        "organisation": metadata.organisation,
        "identifiers": [identifier_to_dict(i) for i in metadata.identifiers],
        "period": period_to_dict(metadata.period),
        "approval": approval_to_dict(metadata.approval),
        "signatories": [signatory_to_dict(s) for s in metadata.signatories],
        **date_fields(metadata.statement_date, "statement_date"),
        "word_count": metadata.word_count,
        "page_count": metadata.page_count,
        "language": metadata.language,
    }


def identifier_to_dict(identifier: Identifier) -> JsonObject:
    return {"scheme": identifier.scheme, "value": identifier.value, "text": identifier.text}


def period_to_dict(period: ReportingPeriod | None) -> JsonObject | None:
    if period is None:
        return None
    return {
        "text": period.text,
        "start": period.start.isoformat() if period.start else None,
        "end": period.end.isoformat() if period.end else None,
        "exact": period.exact,
    }


def approval_to_dict(approval: Approval | None) -> JsonObject | None:
    if approval is None:
        return None
    return {
        "body": approval.body,
        "by_board": approval.by_board,
        **date_fields(approval.date),
        "evidence": evidence_to_dict(approval.evidence),
    }


def signatory_to_dict(signatory: Signatory) -> JsonObject:
    return {
        "name": signatory.name,
        "role": signatory.role,
        "is_director": signatory.is_director,
        **date_fields(signatory.date),
        "evidence": evidence_to_dict(signatory.evidence),
    }


def date_fields(stated: StatedDate | None, key: str = "date") -> JsonObject:
    """`key`: the date in ISO 8601 at the precision stated ("2025-06-12", "2025-06" or
    "2025"); `key_text`: the words it was read from. Both null when no date was found."""
    return {
        key: stated.iso if stated else None,
        f"{key}_text": stated.text if stated else None,
    }
