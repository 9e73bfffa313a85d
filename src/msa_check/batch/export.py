"""The export's columns, in two shapes: wide (one row per item) and long (one per evidence).

The column names are stable and documented in docs/batch.md; a test pins them and their
order; export_rows.py fills them from the store. Values are plain Python (str, int, float,
bool, None); each column's kind (`column_kind`) tells the writers in export_formats and
export_parquet how to type it (dates as dates in a spreadsheet, booleans as booleans in
Parquet).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from msa_check.batch.items import JsonObject
from msa_check.batch.store import ResultStore
from msa_check.batch.suppliers import INPUT_PREFIX
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
    "identifiers", "statement_year", "statement_year_source",
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
