"""The export rows of stored results: wide (one per item) and long (one per evidence).

The columns they fill, and their kinds, are declared in batch/export.py; a wide row is
every column of `columns(Shape.wide, layout)` but the input's own, which `rows` adds.
"""

from __future__ import annotations

from collections.abc import Iterator

from msa_check.batch.export import (
    CRITERION_FIELDS,
    IDENTITY_COLUMNS,
    LIST_SEPARATOR,
    LONG_COLUMNS,
    METADATA_COLUMNS,
    OUTCOME_COLUMNS,
    ExportLayout,
    Row,
    Shape,
)
from msa_check.batch.items import JsonObject
from msa_check.batch.registry import CROSS_CHECK_RULE_SET as UK
from msa_check.batch.registry import cross_check
from msa_check.batch.store import StoredResult
from msa_check.batch.suppliers import (
    INPUT_PREFIX,
    NO_STATEMENT_STATUSES,
    no_statement_reason,
    supplier_row,
)


def rows(results: Iterator[StoredResult], shape: Shape, layout: ExportLayout) -> Iterator[Row]:
    """The export rows of `results`, in their order."""
    for result in results:
        inputs = {INPUT_PREFIX + name: value for name, value in result.input_row.items()}
        if shape is Shape.wide:
            yield {**wide_row(result, layout.legal_set_id), **inputs}
        else:
            for row in long_rows(result):
                yield {**row, **inputs}


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


def wide_row(result: StoredResult, legal_set_id: str | None) -> Row:
    """The wide row of `result`, less its input columns; the rating is about `legal_set_id`."""
    row: Row = dict.fromkeys((*IDENTITY_COLUMNS, *OUTCOME_COLUMNS, *METADATA_COLUMNS))
    row.update(_item_cells(result))
    supplier = supplier_row(result, legal_set_id)
    row["rating"] = supplier.rating.value
    # The dashboard's year and its source, from the one rule (suppliers.statement_year): the
    # registry's StatementYear, else the year the statement's own period ends.
    row["statement_year"] = supplier.statement_year
    row["statement_year_source"] = supplier.statement_year_source
    row.update(_error_cells(result))
    row["exit_code"] = result.exit_code
    report = result.report
    if report is None:
        if row.get("error_class") == "StatementNotFoundError":
            row["overall_status"] = "no_statement_found"  # a status, not just an error
        return row
    row.update(metadata_cells(report))
    if report.get("status") in NO_STATEMENT_STATUSES:
        row["error"] = no_statement_reason(report)  # why, and the links examined
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
                row[prefix + name] = criterion.get(name)
    for rule_set in report["rule_sets"]:
        # Blank for a report stored before the score existed.
        row[f"{rule_set['id']}.score"] = (rule_set.get("score") or {}).get("percent")
    return row


STATEMENT_METADATA_COLUMNS = (
    "identifiers", "period_start", "period_end", "period_exact", "approved_by",
    "approved_by_board", "approval_date", "signatories", "signed_by_director", "signature_date",
    "statement_date", "page_count", "language", "flags", "overall_status", "status_criteria",
)  # fmt: skip


def metadata_cells(report: JsonObject) -> Row:
    """What a report says of the statement itself (STATEMENT_METADATA_COLUMNS); blank for a
    report stored before they existed."""
    cells: Row = dict.fromkeys(STATEMENT_METADATA_COLUMNS)
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
                "probability": criterion.get("probability"),
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
