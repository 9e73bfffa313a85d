"""A Comparison as JSON, in the schema described in docs/report-json.md ("Comparison")."""

from __future__ import annotations

import json

from msa_check.compare import Change, Comparison, CriterionChange
from msa_check.models import Report
from msa_check.report.json_report import (
    DECIMALS,
    SCHEMA_VERSION,
    TOOL_NAME,
    JsonObject,
    evidence_to_dict,
    period_to_dict,
)


def render_comparison_json(comparison: Comparison) -> str:
    return json.dumps(comparison_to_dict(comparison), indent=2, ensure_ascii=False) + "\n"


def comparison_to_dict(comparison: Comparison) -> JsonObject:
    carry = comparison.carry_over
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": comparison.new.tool_version},
        "old": statement_to_dict(comparison.old),
        "new": statement_to_dict(comparison.new),
        "compared": comparison.both_statements,
        "changes": {change.value: len(comparison.with_change(change)) for change in Change},
        "carry_over": {
            "sentences": carry.sentences,
            "unchanged": carry.unchanged,
            "share": round(carry.share, DECIMALS),
            "near_duplicates": carry.near_duplicates,
            "near_share": round(carry.near_share, DECIMALS),
            "near_checked": carry.near_checked,
            "examples": list(carry.examples),
        },
        "criteria": [criterion_change_to_dict(c) for c in comparison.criteria],
    }


def statement_to_dict(report: Report) -> JsonObject:
    return {
        "location": report.source.location,
        "sha256": report.source.sha256,
        "organisation": report.organisation,
        "status": report.status.value,
        "period": period_to_dict(report.metadata.period) if report.metadata else None,
        "mandatory_met": report.mandatory_met,
        "flags": [flag.id for flag in report.flags],
    }


def criterion_change_to_dict(change: CriterionChange) -> JsonObject:
    return {
        "rule_set": change.rule_set,
        "criterion": change.criterion,
        "title": change.title,
        "mandatory": change.mandatory,
        "old": change.old.value if change.old else None,
        "new": change.new.value if change.new else None,
        "change": change.change.value,
        "appeared": [evidence_to_dict(e) for e in change.appeared],
        "disappeared": [evidence_to_dict(e) for e in change.disappeared],
        "updated": [
            {"old": evidence_to_dict(old), "new": evidence_to_dict(new)}
            for old, new in change.updated
        ],
    }
