"""The JSON report: exact keys, string enums, and never the statement's bytes."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from msa_check.models import Report, Verdict
from msa_check.report import render_text

from .conftest import STATEMENT_BYTES

TOP_KEYS = [
    "schema_version",
    "tool",
    "source",
    "document",
    "organisation",
    "period",
    "mandatory_met",
    "status",
    "status_criteria",
    "alerts",
    "rule_sets",
    "metadata",
    "flags",
    "discovery",
    "questions",
    "recognition",
]
SOURCE_KEYS = [
    "location",
    "kind",
    "final_url",
    "status",
    "content_type",
    "fetched_at",
    "sha256",
    "redirects",
]
DOCUMENT_KEYS = ["kind", "title", "page_count", "word_count", "sentence_count", "warnings"]
RULE_SET_KEYS = [
    "id",
    "title",
    "version",
    "jurisdiction",
    "law",
    "mandatory_met",
    "score",
    "criteria",
]
CRITERION_KEYS = [
    "id",
    "title",
    "reference",
    "mandatory",
    "weight",
    "follow_up",
    "verdict",
    "confidence",
    "evidence_strength",
    "probability",
    "probability_basis",
    "note",
    "alerts",
    "qualifiers",
    "evidence",
    "set_aside",
]
EVIDENCE_KEYS = [
    "text",
    "page",
    "section",
    "sentence_index",
    "start",
    "end",
    "matched",
    "status",
    "strength",
]


def all_keys(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from all_keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from all_keys(item)


def test_round_trips_with_the_documented_keys(sample_report: Report) -> None:
    data = json.loads(render_text(sample_report, "json"))

    assert list(data) == TOP_KEYS
    assert data["schema_version"] == "1"
    assert data["tool"] == {"name": "msa-check", "version": "0.1.0"}
    assert list(data["source"]) == SOURCE_KEYS
    assert list(data["document"]) == DOCUMENT_KEYS
    rule_set = data["rule_sets"][0]
    assert list(rule_set) == RULE_SET_KEYS
    for criterion in rule_set["criteria"]:
        assert list(criterion) == CRITERION_KEYS
        for evidence in criterion["evidence"]:
            assert list(evidence) == EVIDENCE_KEYS
    assert list(data["alerts"][0]) == ["id", "message", "evidence"]
    assert list(data["alerts"][0]["evidence"][0]) == EVIDENCE_KEYS


def test_never_includes_the_statement_bytes(sample_report: Report) -> None:
    text = render_text(sample_report, "json")

    assert "content" not in set(all_keys(json.loads(text)))
    assert "secret statement bytes" not in text
    assert STATEMENT_BYTES.hex() not in text


def test_values_are_plain_json(sample_report: Report) -> None:
    data = json.loads(render_text(sample_report, "json"))
    structure, approval, signature, training = data["rule_sets"][0]["criteria"]

    assert data["source"]["kind"] == "url"
    assert data["source"]["redirects"] == ["https://example.com/msa"]
    assert data["document"]["kind"] == "pdf"
    assert structure["verdict"] == "met"
    assert structure["confidence"] == structure["evidence_strength"] == 0.877
    assert structure["probability"] is None
    assert structure["probability_basis"].startswith("not calibrated")
    assert structure["reference"] == {
        "law": "Modern Slavery Act 2015",
        "section": "s54(5)(a)",
        "url": "https://example.org/s54",
    }
    assert [e["status"] for e in structure["evidence"]] == ["planned", "taken"]
    assert structure["evidence"][1]["matched"] == ['phrase "suppliers"', "heading"]
    assert training["verdict"] == "not_checked"
    assert signature["reference"] is None
    assert signature["alerts"][0]["id"] == "no-steps"
    assert approval["evidence"] == []


def test_text_is_written_as_is_not_ascii_escaped(sample_report: Report) -> None:
    text = render_text(sample_report, "json")

    assert "[bold]Turkey[/bold]" in text
    assert "\\u" not in text


def test_mandatory_met_is_false_when_a_mandatory_criterion_is_missing(
    sample_report: Report,
) -> None:
    data = json.loads(render_text(sample_report, "json"))

    assert data["mandatory_met"] is False
    assert data["rule_sets"][0]["mandatory_met"] is False


def test_mandatory_met_is_true_when_every_mandatory_criterion_is_met(
    sample_report: Report,
) -> None:
    result = sample_report.results[0]
    all_met = tuple(dataclasses.replace(c, verdict=Verdict.MET) for c in result.criteria)
    report = dataclasses.replace(
        sample_report, results=(dataclasses.replace(result, criteria=all_met),)
    )

    data = json.loads(render_text(report, "json"))

    assert data["mandatory_met"] is True
    assert data["rule_sets"][0]["mandatory_met"] is True


def test_every_field_is_documented(sample_report: Report) -> None:
    docs = (Path(__file__).parents[2] / "docs" / "report-json.md").read_text(encoding="utf-8")
    data = json.loads(render_text(sample_report, "json"))

    undocumented = {key for key in all_keys(data) if f"| `{key}` |" not in docs}

    assert undocumented == set()
