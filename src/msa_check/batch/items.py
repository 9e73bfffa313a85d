"""The values a batch passes around: an item of the input list and what became of it.

An item is one statement to check, as a row of the input gave it; an outcome is either
the report (as report_to_dict's JSON-ready dict) or the reason it could not be made.
Both cross process boundaries, so they are plain picklable dataclasses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

JsonObject = dict[str, Any]


@dataclass(frozen=True)
class BatchItem:
    """One statement to check.

    `key` is stable across runs of the same input (the item's number in the input and
    its location), so a resumed run can tell what is done. `locations` are tried in
    order until one can be fetched: a registry row's StatementURL, then its PDFURL.
    `claims` are a registry row's self-reported StatementIncludes... flags, by
    uk-msa-s54 criterion id (None where the row leaves the flag blank).
    """

    key: str
    number: int  # 1-based position in the input: data row, line or file
    locations: tuple[str, ...]
    name: str | None = None
    input_id: str | None = None
    claims: dict[str, bool | None] | None = None
    extra: dict[str, str] = field(default_factory=dict)  # e.g. the registry's StatementYear
    # The organisation's homepage, from a website/homepage column beside a statement URL:
    # the statement's homepage link is checked there (a statement on a document host).
    homepage: str | None = None
    # Every cell of the input row by the header's own column names (`Spend GBP`: "1200"),
    # so the exports carry the buyer's columns beside the verdicts. Empty for a text list
    # or a folder, which have no columns.
    input_row: dict[str, str] = field(default_factory=dict)
    line: int | None = None  # the line of the input file the row starts on; None: a folder

    @property
    def location(self) -> str:
        return self.locations[0] if self.locations else ""


# A row that names no URL or path (a list where none does is refused before the run): its
# number and line, so a reader finds it; the summary counts these together (NO_LOCATION).
NO_LOCATION = re.compile(r"item \d+ of the list(, on line \d+,)? gives no URL or path")
NO_LOCATION_REASON = "an item of the list gives no URL or path"


def no_location_message(item: BatchItem) -> str:
    """Why `item` has nothing to fetch: "item 2 of the list, on line 3, gives no URL or path"."""
    line = f", on line {item.line}," if item.line is not None else ""
    return f"item {item.number} of the list{line} gives no URL or path"


@dataclass(frozen=True)
class ItemFailure:
    """Why an item has no report: the error's class, its one-line message, its exit code."""

    error_class: str
    message: str
    exit_code: int


@dataclass(frozen=True)
class ItemOutcome:
    """What became of an item: exactly one of `report` and `failure` is set."""

    item: BatchItem
    report: JsonObject | None = None
    failure: ItemFailure | None = None

    @classmethod
    def of(cls, item: BatchItem, analysed: JsonObject | ItemFailure) -> ItemOutcome:
        """What analysing `item` gave: its report, or the reason it has none."""
        if isinstance(analysed, ItemFailure):
            return cls(item, failure=analysed)
        return cls(item, report=analysed)

    @property
    def ok(self) -> bool:
        return self.report is not None
