"""Rows out of the store, in two shapes: wide (one per item) and long (one per evidence).

The column names are stable and documented in docs/batch.md; a test pins them. Values are
plain Python (str, int, float, bool, None); the writers in export_formats turn them into
CSV, JSON lines or a spreadsheet.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from enum import Enum
from typing import Any

from msa_check.batch.items import JsonObject
from msa_check.batch.registry import CROSS_CHECK_RULE_SET as UK
from msa_check.batch.registry import cross_check
from msa_check.batch.store import StoredResult

Row = dict[str, Any]


class Shape(str, Enum):
    wide = "wide"
    long = "long"


ITEM_COLUMNS = ("key", "number", "input_name", "input_id", "location", "status")
WIDE_COLUMNS = (
    *ITEM_COLUMNS,
    "final_url", "http_status", "sha256", "fetched_at", "document_kind", "word_count",
    "organisation", "period", "mandatory_met", "alerts", "statement_year",
    "registry_claimed_not_found", "registry_found_not_claimed",
    "error_class", "error", "exit_code",
)  # fmt: skip
CRITERION_FIELDS = ("verdict", "confidence")  # wide: "<rule set>.<criterion>.<field>"
# After the criteria columns, since columns are only ever added at the end.
METADATA_COLUMNS = (
    "identifiers", "period_start", "period_end", "period_exact", "approved_by",
    "approved_by_board", "approval_date", "signatories", "signed_by_director", "signature_date",
    "statement_date", "page_count", "language", "flags", "overall_status", "status_criteria",
)  # fmt: skip
LONG_COLUMNS = (
    *ITEM_COLUMNS,
    "rule_set", "criterion", "mandatory", "verdict", "confidence", "registry_claimed",
    "evidence_index", "sentence", "page", "section", "evidence_status", "matched", "strength",
    "error_class", "error",
)  # fmt: skip
TIME_COLUMNS = ("fetched_at",)  # differ between runs of the same input
LIST_SEPARATOR = "; "


def criterion_columns(rule_sets: Sequence[JsonObject]) -> list[str]:
    return [
        f"{r['id']}.{criterion}.{name}"
        for r in rule_sets
        for criterion in r["criteria"]
        for name in CRITERION_FIELDS
    ]


def columns(shape: Shape, rule_sets: Sequence[JsonObject]) -> list[str]:
    if shape is Shape.long:
        return list(LONG_COLUMNS)
    return [
        *WIDE_COLUMNS,
        *criterion_columns(rule_sets),
        *METADATA_COLUMNS,
        *score_columns(rule_sets),
    ]


def score_columns(rule_sets: Sequence[JsonObject]) -> list[str]:
    """One disclosure score per rule set, "<rule set>.score" (a percentage)."""
    return [f"{r['id']}.score" for r in rule_sets]


def rows(results: Iterator[StoredResult], shape: Shape) -> Iterator[Row]:
    """The export rows of `results`, in their order."""
    for result in results:
        if shape is Shape.wide:
            yield wide_row(result)
        else:
            yield from long_rows(result)


def _item_cells(result: StoredResult) -> Row:
    return {
        "key": result.key,
        "number": result.number,
        "input_name": result.input_name,
        "input_id": result.input_id,
        "location": result.location,
        "status": result.status,
    }


def _error_cells(result: StoredResult) -> Row:
    return {"error_class": result.error_class, "error": result.error_message}


def wide_row(result: StoredResult) -> Row:
    row: Row = dict.fromkeys(WIDE_COLUMNS)
    row.update(_item_cells(result))
    row.update(_error_cells(result))
    row["exit_code"] = result.exit_code
    row["statement_year"] = (result.item.get("extra") or {}).get("StatementYear")
    report = result.report
    if report is None:
        if row.get("error_class") == "StatementNotFoundError":
            row["overall_status"] = "no_statement_found"  # a status, not just an error
        return row
    source, document = report["source"], report["document"]
    row.update(
        final_url=source["final_url"],
        http_status=source["status"],
        sha256=source["sha256"],
        fetched_at=source["fetched_at"],
        document_kind=document["kind"],
        word_count=document["word_count"],
        organisation=report["organisation"],
        period=report["period"],
        mandatory_met=report["mandatory_met"],
        alerts=LIST_SEPARATOR.join(a["id"] for a in report["alerts"]),
    )
    claims = result.item.get("claims")
    if claims:
        check = cross_check(claims, report)
        if check is not None:
            row["registry_claimed_not_found"] = LIST_SEPARATOR.join(check.claimed_not_found)
            row["registry_found_not_claimed"] = LIST_SEPARATOR.join(check.found_not_claimed)
    for rule_set in report["rule_sets"]:
        for criterion in rule_set["criteria"]:
            prefix = f"{rule_set['id']}.{criterion['id']}."
            for name in CRITERION_FIELDS:
                row[prefix + name] = criterion[name]
    row.update(metadata_cells(report))
    for rule_set in report["rule_sets"]:
        # Blank for a report stored before the score existed.
        row[f"{rule_set['id']}.score"] = (rule_set.get("score") or {}).get("percent")
    return row


def metadata_cells(report: JsonObject) -> Row:
    """The METADATA_COLUMNS of a report; blank for a report stored before they existed."""
    cells: Row = dict.fromkeys(METADATA_COLUMNS)
    cells["flags"] = LIST_SEPARATOR.join(f["id"] for f in report.get("flags") or ())
    cells["overall_status"] = report.get("status")  # blank for a report stored before it
    cells["status_criteria"] = LIST_SEPARATOR.join(report.get("status_criteria") or ())
    metadata = report.get("metadata")
    if not metadata:
        return cells
    period = metadata["period"] or {}
    approval = metadata["approval"] or {}
    signatories = metadata["signatories"]
    judged = [s["is_director"] for s in signatories if s["is_director"] is not None]
    cells.update(
        identifiers=LIST_SEPARATOR.join(
            f"{i['scheme']}:{i['value']}" for i in metadata["identifiers"]
        ),
        period_start=period.get("start"),
        period_end=period.get("end"),
        period_exact=period.get("exact"),
        approved_by=approval.get("body"),
        approved_by_board=approval.get("by_board"),
        approval_date=approval.get("date"),
        signatories=LIST_SEPARATOR.join(_signatory_words(s) for s in signatories),
        signed_by_director=any(judged) if judged else None,
        signature_date=next((s["date"] for s in signatories if s["date"]), None),
        statement_date=metadata["statement_date"],
        page_count=metadata["page_count"],
        language=metadata["language"],
    )
    return cells


def _signatory_words(signatory: JsonObject) -> str:
    name = signatory["name"] or "unnamed"
    return f"{name} ({signatory['role']})" if signatory["role"] else name


def long_rows(result: StoredResult) -> Iterator[Row]:
    """One row per evidence sentence; a criterion without evidence, or a failure, gets one."""
    item = _item_cells(result)
    report = result.report
    if report is None:
        yield {**dict.fromkeys(LONG_COLUMNS), **item, **_error_cells(result)}
        return
    claims = result.item.get("claims") or {}
    for rule_set in report["rule_sets"]:
        for criterion in rule_set["criteria"]:
            base = {
                **dict.fromkeys(LONG_COLUMNS), **item,
                "rule_set": rule_set["id"], "criterion": criterion["id"],
                "mandatory": criterion["mandatory"], "verdict": criterion["verdict"],
                "confidence": criterion["confidence"],
                "registry_claimed": claims.get(criterion["id"]) if rule_set["id"] == UK else None,
            }  # fmt: skip
            evidence = criterion["evidence"]
            if not evidence:
                yield base
            for index, found in enumerate(evidence):
                yield {**base, **_evidence_cells(index, found)}


def _evidence_cells(index: int, evidence: JsonObject) -> Row:
    return {
        "evidence_index": index,
        "sentence": evidence["text"],
        "page": evidence["page"],
        "section": evidence["section"],
        "evidence_status": evidence["status"],
        "matched": LIST_SEPARATOR.join(evidence["matched"]),
        "strength": evidence["strength"],
    }
