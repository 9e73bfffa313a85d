"""One row per supplier of a batch: the rating a buyer files, and what it rests on.

Pure: it reads stored results (their report JSON), never the network or the disk. The
rating follows one documented rule (`RATING_RULE`, also in docs/batch.md), so two people
reading the same store file the same rating:

1. no statement was found from the homepage, or the document is not a modern slavery
   statement at all (status `no_statement_found` or `not_a_statement`): **no statement
   found**;
2. it failed for any other reason (unreachable, unreadable file, ...): **could not be read**;
3. a mandatory criterion of the legal rule set was checked and is not met: **does not meet
   the law**;
4. the statement meets what was checked but its period ended over 18 months ago (status
   `stale`): **out of date**, as its report's headline says ("does not meet the law now");
5. a mandatory criterion was not checked (the homepage link, when the homepage was not
   visited): **meets what was checked**, never "meets the law", as its report's headline is
   never green then; the criteria are listed in `not_checked`;
6. otherwise, if fewer than half of the legal set's content areas (its criteria that are
   not mandatory and are judged on the text) are covered, a partial counting half:
   **meets the law, weak content**;
7. otherwise: **meets the law**.

The legal rule set is the first of the store's sets that has mandatory criteria (the UK's
`uk-msa-s54` by default).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

from msa_check.batch.items import JsonObject
from msa_check.batch.store import StoredResult
from msa_check.models import SCORE_CREDIT, Verdict, counts_registry_signal
from msa_check.report.headline import registry_page_line

INPUT_PREFIX = "input."  # the input's own columns, as in the batch export
NOT_FOUND_ERRORS = frozenset({"StatementNotFoundError"})
NO_STATEMENT_STATUSES = frozenset({"not_a_statement", "no_statement_found"})
WEAK_CONTENT_BELOW = 0.5  # the share of content areas covered under which content is weak
YEAR_FROM_REGISTRY = "registry"  # the registry's StatementYear column
YEAR_FROM_PERIOD = "period end"  # the year the statement's own period ends


class Rating(str, Enum):
    MEETS = "meets the law"
    MEETS_WEAK = "meets the law, weak content"
    MEETS_CHECKED = "meets what was checked"  # a mandatory criterion was not checked
    OUT_OF_DATE = "out of date"
    DOES_NOT_MEET = "does not meet the law"
    NO_STATEMENT = "no statement found"
    UNREADABLE = "could not be read"


RATING_ORDER = tuple(Rating)
RATING_RULE = (
    "No statement found when none was found from the homepage or the document is not a "
    "modern slavery statement; could not be read when the check failed; "
    "does not meet the law when a checked mandatory criterion of the legal rule set is not "
    "met; out of date when it meets what was checked but its period ended over 18 months "
    "ago (stale); meets what was checked when it meets every checked mandatory criterion but "
    "one was not checked (listed as not checked); meets the law, weak content when under half "
    "of its content areas are covered (partial counts half); otherwise meets the law."
)


@dataclass(frozen=True)
class SupplierRow:
    key: str
    number: int
    name: str
    supplier_id: str | None
    location: str
    statement_url: str | None
    statement_year: str | None
    rating: Rating
    statement_year_source: str | None = None  # YEAR_FROM_REGISTRY or YEAR_FROM_PERIOD
    statement_read: bool = False  # see statement_read(): counted in verdicts per criterion
    mandatory: dict[str, str] = field(default_factory=dict)  # criterion id -> verdict
    not_checked: tuple[str, ...] = ()
    content: dict[str, str] = field(default_factory=dict)  # content area id -> verdict
    content_share: float | None = None  # 0-1, the legal set's content areas covered
    missing_areas: tuple[str, ...] = ()  # content areas not met
    flags: tuple[str, ...] = ()
    alerts: tuple[str, ...] = ()
    alert_messages: dict[str, str] = field(default_factory=dict)  # alert id -> its message
    scores: dict[str, float] = field(default_factory=dict)  # rule set id -> disclosure score
    organisation: str | None = None
    period: str | None = None
    error: str | None = None
    questions: tuple[str, ...] = ()  # follow-up questions for what is missing or partial
    input_row: dict[str, str] = field(default_factory=dict)  # the input's own cells


def legal_rule_set(rule_sets: Sequence[JsonObject]) -> JsonObject | None:
    """The first rule set of the store with mandatory criteria: the law the rating is about."""
    for rule_set in rule_sets:
        if any(c.get("mandatory") for c in rule_set.get("criteria", ())):
            return rule_set
    return None


def supplier_rows(
    results: Iterable[StoredResult], legal_set_id: str | None
) -> Iterator[SupplierRow]:
    for result in results:
        yield supplier_row(result, legal_set_id)


def statement_read(report: JsonObject | None) -> bool:
    """Whether a stored result is a statement that was read: a report was made and its
    document is a modern slavery statement (not one that is not a statement, nor a
    homepage that leads to none). The verdicts per criterion of the dashboard and of the
    batch summary are counted over these items, and only these."""
    return report is not None and report.get("status") not in NO_STATEMENT_STATUSES


def statement_year(result: StoredResult) -> tuple[str | None, str | None]:
    """The statement's year and where it came from: the registry's StatementYear
    (YEAR_FROM_REGISTRY), else the year its own reporting period ends, as the report's
    metadata found it (YEAR_FROM_PERIOD); (None, None) when neither is known."""
    registry = _text_or_none((result.item.get("extra") or {}).get("StatementYear"))
    if registry is not None:
        return registry, YEAR_FROM_REGISTRY
    metadata = (result.report or {}).get("metadata") or {}
    end = (metadata.get("period") or {}).get("end")
    return (str(end)[:4], YEAR_FROM_PERIOD) if end else (None, None)


def supplier_row(result: StoredResult, legal_set_id: str | None) -> SupplierRow:
    year, year_source = statement_year(result)
    identity = SupplierRow(
        key=result.key,
        number=result.number,
        name=result.input_name or result.location,
        supplier_id=result.input_id,
        location=result.location,
        statement_url=None,
        statement_year=year,
        statement_year_source=year_source,
        rating=Rating.UNREADABLE,
        input_row=result.input_row,
    )
    report = result.report
    if report is None:
        not_found = result.error_class in NOT_FOUND_ERRORS
        rating = Rating.NO_STATEMENT if not_found else Rating.UNREADABLE
        return replace(identity, rating=rating, error=result.error_message)
    if report.get("status") in NO_STATEMENT_STATUSES:
        # A document that is not a statement, or a homepage that leads to none: the
        # supplier has no statement there, whatever its criteria say.
        return replace(identity, rating=Rating.NO_STATEMENT, error=no_statement_reason(report))
    legal = next((r for r in report["rule_sets"] if r["id"] == legal_set_id), None)
    mandatory: dict[str, str] = {}
    not_checked: list[str] = []
    content: list[tuple[str, str]] = []
    for criterion in (legal or {}).get("criteria", ()):
        verdict = criterion["verdict"]
        if criterion["mandatory"]:
            mandatory[criterion["id"]] = verdict
            if verdict == "not_checked":
                not_checked.append(criterion["id"])
        elif verdict != "not_checked":
            content.append((criterion["id"], verdict))
    # The disclosure score's credit: partial counts half.
    share = sum(SCORE_CREDIT[Verdict(v)] for _, v in content) / len(content) if content else None
    unmet = [c for c, v in mandatory.items() if v not in ("met", "not_checked")]
    if unmet:
        rating = Rating.DOES_NOT_MEET
    elif report.get("status") == "stale":
        rating = Rating.OUT_OF_DATE
    elif not_checked:
        rating = Rating.MEETS_CHECKED
    elif share is not None and share < WEAK_CONTENT_BELOW:
        rating = Rating.MEETS_WEAK
    else:
        rating = Rating.MEETS
    source = report.get("source") or {}
    alerts = report.get("alerts") or ()
    return replace(
        identity,
        statement_read=statement_read(report),
        statement_url=source.get("final_url") or source.get("location"),
        rating=rating,
        mandatory=mandatory,
        not_checked=tuple(not_checked),
        content=dict(content),
        content_share=None if share is None else round(share, 3),
        missing_areas=tuple(c for c, v in content if v != "met"),
        flags=tuple(f["id"] for f in report.get("flags") or ()),
        alerts=tuple(dict.fromkeys(a["id"] for a in alerts)),
        alert_messages={a["id"]: a.get("message") or "" for a in alerts},
        scores={
            r["id"]: r["score"]["percent"]
            for r in report["rule_sets"]
            if r.get("score") is not None
        },
        organisation=report.get("organisation"),
        questions=tuple(q["question"] for q in report.get("questions") or ()),
        period=report.get("period"),
    )


def _text_or_none(value: object) -> str | None:
    return None if value in (None, "") else str(value)


def table_columns(
    legal: JsonObject | None, rule_set_ids: Sequence[str], input_columns: Sequence[str] = ()
) -> list[str]:
    """The columns of the supplier table in CSV, XLSX and JSON: identity, rating, mandatory
    verdicts, content, flags, scores, then the input's own columns ("input.Spend GBP")."""
    mandatory = [c["id"] for c in (legal or {}).get("criteria", ()) if c.get("mandatory")]
    return [
        "number", "name", "supplier_id", "organisation", "statement_year",
        "statement_year_source", "period", "statement_url", "rating", *mandatory,
        "not_checked", "content_share", "missing_areas", "flags", "alerts",
        *(f"{r}.score" for r in rule_set_ids), "error",
        *(INPUT_PREFIX + name for name in input_columns),
    ]  # fmt: skip


def table_row(row: SupplierRow, rule_set_ids: Sequence[str]) -> dict[str, object]:
    cells: dict[str, object] = {
        "number": row.number,
        "name": row.name,
        "supplier_id": row.supplier_id,
        "organisation": row.organisation,
        "statement_year": row.statement_year,
        "statement_year_source": row.statement_year_source,
        "period": row.period,
        "statement_url": row.statement_url,
        "rating": row.rating.value,
        **row.mandatory,
        "not_checked": "; ".join(row.not_checked),
        "content_share": row.content_share,
        "missing_areas": "; ".join(row.missing_areas),
        "flags": "; ".join(row.flags),
        "alerts": "; ".join(row.alerts),
        "error": row.error,
    }
    for rule_set_id in rule_set_ids:
        cells[f"{rule_set_id}.score"] = row.scores.get(rule_set_id)
    for name, value in row.input_row.items():
        cells[INPUT_PREFIX + name] = value
    return cells


def no_statement_reason(report: JsonObject) -> str:
    """Why a stored report has no statement, in words: the check's score, or the homepage
    and each link examined with what became of it (the export's `error` cell says it)."""
    if report.get("status") == "not_a_statement":
        recognition = report.get("recognition") or {}
        signals = recognition.get("signals") or ()
        if counts_registry_signal((s.get("id"), s.get("points")) for s in signals):
            # The report's own headline: a registry's page, and where the statement is.
            return registry_page_line(recognition.get("statement_link"))
        return (
            f"the document at {(report.get('source') or {}).get('location')} is not a modern"
            f" slavery statement (score {recognition.get('score')}, needs"
            f" {recognition.get('needed')})"
        )
    discovery = report.get("discovery") or {}
    examined = "; ".join(f"{e['url']}: {e['outcome']}" for e in discovery.get("examined") or ())
    return f"no statement found from {discovery.get('homepage')}" + (
        f"; links examined: {examined}" if examined else "; no link is worded as a statement's"
    )
