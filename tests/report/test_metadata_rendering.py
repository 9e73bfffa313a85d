"""Metadata and flags in the console, Markdown and JSON reports."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from msa_check.models import Report
from msa_check.report import render_text

from .test_json_report import all_keys

DOCS = Path(__file__).parents[2] / "docs" / "report-json.md"


def test_console_shows_metadata_rows_and_a_flags_section(report_with_metadata: Report) -> None:
    text = render_text(report_with_metadata, "console")
    flat = " ".join(text.split())
    assert "Identifiers UK company number 01234567" in flat
    assert "Period dates about 2024-04-01 to 2025-03-31 (estimated from “FY2024/25”)" in flat
    assert "Approved by Executive Committee (NOT the board), undated" in flat
    assert "Signed by Jane <Doe>, Company Secretary (NOT a director), 2025-06-12" in flat
    assert "Statement date 2025-06" in flat
    assert "2 FLAGS" in text
    assert "FLAG approval_not_board: Approved by 'Executive Committee'" in text
    assert "FLAG signatory_not_director" in text
    assert text.index("2 FLAGS") < text.index("ALERT")  # flags come before the criteria


def test_console_without_metadata_or_flags_has_neither(sample_report: Report) -> None:
    text = render_text(replace(sample_report, metadata=None), "console")
    assert "FLAGS" not in text and "⚑" not in text and "Period" not in text


def test_a_statement_without_approval_or_signature_says_so(report_with_metadata: Report) -> None:
    metadata = report_with_metadata.metadata
    assert metadata is not None
    bare = type(metadata)(word_count=10)
    text = render_text(Report(**{**report_with_metadata.__dict__, "metadata": bare}), "console")
    flat = " ".join(text.split())
    assert "Approved by not found in the text" in flat
    assert "Signed by not found in the text" in flat
    assert "Period dates not found in the text" in flat


def test_markdown_has_the_metadata_rows_and_a_flags_section(report_with_metadata: Report) -> None:
    text = render_text(report_with_metadata, "markdown")
    assert "| Approved by | Executive Committee (NOT the board), undated |" in text
    assert "| Signed by | Jane \\<Doe\\>, Company Secretary (NOT a director), 2025-06-12 |" in text
    assert "## Flags\n\n- **FLAG approval\\_not\\_board**: Approved by" in text
    assert "  > “This statement was approved by the Executive Committee.” (p. 4" in text


def test_json_metadata_and_flags(report_with_metadata: Report) -> None:
    data = json.loads(render_text(report_with_metadata, "json"))
    metadata = data["metadata"]
    assert list(metadata) == [
        "organisation", "identifiers", "period", "approval", "signatories", "statement_date",
        "statement_date_text", "word_count", "page_count", "language",
    ]  # fmt: skip
    assert metadata["period"] == {
        "text": "FY2024/25", "start": "2024-04-01", "end": "2025-03-31", "exact": False,
    }  # fmt: skip
    assert metadata["approval"]["by_board"] is False and metadata["approval"]["date"] is None
    signer = metadata["signatories"][0]
    assert (signer["name"], signer["is_director"], signer["date"]) == (
        "Jane <Doe>",
        False,
        "2025-06-12",
    )
    assert signer["evidence"]["page"] == 4
    assert metadata["statement_date"] == "2025-06"
    assert [f["id"] for f in data["flags"]] == ["approval_not_board", "signatory_not_director"]
    assert list(data["flags"][0]) == ["id", "message", "evidence"]


def test_every_metadata_field_is_documented(report_with_metadata: Report) -> None:
    docs = DOCS.read_text(encoding="utf-8")
    data = json.loads(render_text(report_with_metadata, "json"))
    assert {key for key in all_keys(data) if f"| `{key}` |" not in docs} == set()
    for flag_id in ("stale", "no_period", "approval_not_board", "signatory_not_director",
                    "approval_date_implausible", "no_steps", "not_english"):  # fmt: skip
        assert f"| `{flag_id}` |" in docs
