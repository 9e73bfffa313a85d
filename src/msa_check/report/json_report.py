"""The JSON report: every finding, every piece of evidence, in a documented schema.

The schema is described field by field in docs/report-json.md. Within schema_version
"1" fields are only ever added, never renamed, removed or retyped. The statement's
bytes are never included: `sha256` identifies them.
"""

from __future__ import annotations

import json
from typing import Any

from msa_check.models import (
    Alert,
    CriterionResult,
    DocumentSummary,
    Evidence,
    FetchedSource,
    LegalReference,
    QualifierResult,
    Report,
    RuleSetResult,
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
        "alerts": [alert_to_dict(a) for a in report.alerts],
        "rule_sets": [rule_set_to_dict(r) for r in report.results],
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
        "criteria": [criterion_to_dict(c) for c in result.criteria],
    }


def criterion_to_dict(criterion: CriterionResult) -> JsonObject:
    return {
        "id": criterion.id,
        "title": criterion.title,
        "reference": reference_to_dict(criterion.reference),
        "mandatory": criterion.mandatory,
        "verdict": criterion.verdict.value,
        "confidence": round(criterion.confidence, DECIMALS),
        "note": criterion.note,
        "alerts": [alert_to_dict(a) for a in criterion.alerts],
        "qualifiers": [qualifier_to_dict(q) for q in criterion.qualifiers],
        "evidence": [evidence_to_dict(e) for e in criterion.evidence],
    }


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


def alert_to_dict(alert: Alert) -> JsonObject:
    return {
        "id": alert.id,
        "message": alert.message,
        "evidence": [evidence_to_dict(e) for e in alert.evidence],
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
