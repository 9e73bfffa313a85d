"""Rows out of the store, in two shapes: wide (one per item) and long (one per evidence).

The column names are stable and documented in docs/batch.md; a test pins them and their
order. Values are plain Python (str, int, float, bool, None); each column's kind
(`column_kind`) tells the writers in export_formats and export_parquet how to type it
(dates as dates in a spreadsheet, booleans as booleans in Parquet).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from msa_check.batch.items import JsonObject
from msa_check.batch.registry import CROSS_CHECK_RULE_SET as UK
from msa_check.batch.registry import cross_check
from msa_check.batch.store import ResultStore, StoredResult
from msa_check.batch.suppliers import (
    INPUT_PREFIX,
    NO_STATEMENT_STATUSES,
    no_statement_reason,
    supplier_row,
)
from msa_check.errors import SETTING, Setting, UsageError

Row = dict[str, Any]


def import_format_extra(export_format: str, module: str, *submodules: str) -> Any:
    """`module`, which the `export_format` writer needs (with its `submodules` loaded), from
    the extra of the same name; a UsageError giving the install line, or CSV, without it."""
    try:
        for name in submodules:
            importlib.import_module(name)
        return importlib.import_module(module)
    except ImportError as exc:
        raise UsageError(
            f"{export_format} export needs {module}: pip install 'msa-check[{export_format}]'"
            f" (or use {SETTING})",
            setting=Setting.CSV_FORMAT,
        ) from exc


class Shape(str, Enum):
    wide = "wide"
    long = "long"


class ColumnKind(str, Enum):
    """How a column's values are typed: in JSON and CSV as they are, in XLSX and Parquet
    as dates, numbers and booleans."""

    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    DATE = "date"  # ISO 8601 at the precision stated: "2025-06-12", "2025-06" or "2025"
    DATETIME = "datetime"  # ISO 8601 with its UTC offset


ITEM_COLUMNS = ("key", "number", "input_name", "input_id", "location", "status")
# The wide row reads left to right as a buyer asks: who is it, what is the verdict, which
# mandatory criterion decided it, what the statement says of itself, then every criterion,
# then the input's own columns.
IDENTITY_COLUMNS = (
    "key", "number", "input_name", "input_id", "location", "final_url", "organisation",
    "identifiers", "statement_year",
)  # fmt: skip
OUTCOME_COLUMNS = (
    "rating", "overall_status", "status_criteria", "mandatory_met", "status",
    "error_class", "error", "exit_code",
)  # fmt: skip
# After the mandatory verdicts and the scores.
METADATA_COLUMNS = (
    "period", "period_start", "period_end", "period_exact", "approved_by", "approved_by_board",
    "approval_date", "signatories", "signed_by_director", "signature_date", "statement_date",
    "flags", "alerts", "language", "document_kind", "page_count", "word_count", "http_status",
    "sha256", "fetched_at", "registry_claimed_not_found", "registry_found_not_claimed",
)  # fmt: skip
# wide: "<rule set>.<criterion>.<field>"; confidence is the evidence-strength heuristic,
# probability the calibrated one (blank where not calibrated, or stored before it existed).
CRITERION_FIELDS = ("verdict", "confidence", "probability")
# The input's own columns are "input.Spend GBP" (INPUT_PREFIX): no column of ours starts so,
# and a rule set's columns start with its id, which no bundled set makes "input".
LONG_COLUMNS = (
    *ITEM_COLUMNS,
    "rule_set", "criterion", "mandatory", "verdict", "confidence", "probability",
    "registry_claimed",
    "evidence_index", "sentence", "page", "section", "evidence_status", "matched", "strength",
    "error_class", "error",
)  # fmt: skip
TIME_COLUMNS = ("fetched_at",)  # differ between runs of the same input
LIST_SEPARATOR = "; "

_KINDS = {
    **dict.fromkeys(
        ("number", "http_status", "exit_code", "page_count", "word_count", "evidence_index",
         "page"), ColumnKind.INTEGER,
    ),
    **dict.fromkeys(("confidence", "probability", "strength"), ColumnKind.NUMBER),
    **dict.fromkeys(
        ("mandatory_met", "period_exact", "approved_by_board", "signed_by_director",
         "mandatory", "registry_claimed"), ColumnKind.BOOLEAN,
    ),
    **dict.fromkeys(
        ("period_start", "period_end", "approval_date", "signature_date", "statement_date"),
        ColumnKind.DATE,
    ),
    "fetched_at": ColumnKind.DATETIME,
}  # fmt: skip


def column_kind(name: str) -> ColumnKind:
    """The kind of the export column `name`; an input column is text, as the input wrote it."""
    if name.startswith(INPUT_PREFIX):
        return ColumnKind.TEXT
    if name.endswith((".confidence", ".probability", ".score")):
        return ColumnKind.NUMBER
    return _KINDS.get(name, ColumnKind.TEXT)


@dataclass(frozen=True)
class ExportLayout:
    """What a store's export columns depend on: its rule sets (with their mandatory
    criteria) and the input columns its runs read."""

    rule_sets: tuple[JsonObject, ...]  # the store's meta: id, title, version, criteria
    mandatory: dict[str, tuple[str, ...]]  # rule set id -> its mandatory criterion ids
    input_columns: tuple[str, ...] = ()

    @property
    def legal_set_id(self) -> str | None:
        """The rule set the rating is about: the first with mandatory criteria."""
        return next((r["id"] for r in self.rule_sets if self.mandatory.get(r["id"])), None)


def layout_of(results: ResultStore) -> ExportLayout:
    rule_sets = tuple(results.rule_sets())
    mandatory = {r["id"]: tuple(r["mandatory"]) for r in rule_sets if "mandatory" in r}
    if len(mandatory) < len(rule_sets):
        # A store written before its meta listed them: the first report says.
        report = results.first_report() or {}
        for rule_set in report.get("rule_sets", ()):
            ids = tuple(c["id"] for c in rule_set["criteria"] if c.get("mandatory"))
            mandatory.setdefault(rule_set["id"], ids)
    return ExportLayout(rule_sets, mandatory, tuple(results.input_columns()))


def columns(shape: Shape, layout: ExportLayout) -> list[str]:
    inputs = input_column_names(layout.input_columns)
    if shape is Shape.long:
        return [*LONG_COLUMNS, *inputs]
    return [
        *IDENTITY_COLUMNS,
        *OUTCOME_COLUMNS,
        *mandatory_columns(layout),
        *score_columns(layout.rule_sets),
        *METADATA_COLUMNS,
        *criterion_columns(layout),
        *inputs,
    ]


def input_column_names(names: Sequence[str]) -> list[str]:
    return [INPUT_PREFIX + name for name in names]


def mandatory_columns(layout: ExportLayout) -> list[str]:
    """The verdict of each mandatory criterion, "<rule set>.<criterion>.verdict"."""
    return [
        f"{r['id']}.{criterion}.verdict"
        for r in layout.rule_sets
        for criterion in r["criteria"]
        if criterion in layout.mandatory.get(r["id"], ())
    ]


def criterion_columns(layout: ExportLayout) -> list[str]:
    """Every criterion's fields in rule-file order, less the mandatory verdicts shown before."""
    shown = set(mandatory_columns(layout))
    every = (
        f"{r['id']}.{criterion}.{name}"
        for r in layout.rule_sets
        for criterion in r["criteria"]
        for name in CRITERION_FIELDS
    )
    return [name for name in every if name not in shown]


def score_columns(rule_sets: Sequence[JsonObject]) -> list[str]:
    """One disclosure score per rule set, "<rule set>.score" (a percentage)."""
    return [f"{r['id']}.score" for r in rule_sets]


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
    row["rating"] = supplier_row(result, legal_set_id).rating.value
    row.update(_error_cells(result))
    row["exit_code"] = result.exit_code
    row["statement_year"] = (result.item.get("extra") or {}).get("StatementYear")
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
