"""The report on one statement and what is judged of it as a whole: flags, recognition, status.

Apart because it is the one value that brings every stage's values together, and what
every renderer renders.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from msa_check.models.document import DocumentSummary
from msa_check.models.source import Discovery, FetchedSource
from msa_check.models.statement_metadata import StatementMetadata
from msa_check.models.verdicts import Alert, Evidence, RuleSetResult, Verdict


@dataclass(frozen=True)
class Flag:
    """A finding about the statement as a whole that a buyer should look at, in words.

    Decided by msa-check (metadata/flags.py), not by a rule file: see `Alert`.
    """

    id: str  # stable: "stale", "no_period", "approval_not_board", ...
    message: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class StatementSignal:
    """One thing the "is this a statement at all?" check looked for, and what it found."""

    id: str  # stable: "named", "self_reference", "law", "topic", "coverage", ...
    looked_for: str  # in words, e.g. "names itself a modern slavery statement near the top"
    found: str  # in words, e.g. "2 times" or "no"
    points: int  # what it added to (or, if negative, took from) the score
    quotes: tuple[str, ...] = ()  # up to a few places it was found, as written


@dataclass(frozen=True)
class Recognition:
    """Whether a document is a modern slavery statement at all, and why (recognition.py).

    `score` is the sum of the signals' points; a document is a statement when the score
    reaches `needed` and it mentions slavery, trafficking, forced or child labour at all.
    """

    is_statement: bool
    score: int
    needed: int
    signals: tuple[StatementSignal, ...] = ()
    # Not a statement by its signals, but the user asked for it to be treated as one
    # (`--treat-as-statement`): the report is made as for a statement, and says so.
    overridden: bool = False
    # A statement registry's page about a statement (the `registry` signal): the web
    # address it gives for the statement itself, which is what to check. None otherwise,
    # or when its text gives none.
    statement_link: str | None = None

    @property
    def is_registry_page(self) -> bool:
        """Whether it reads as a statement registry's page about a statement (the
        `registry` signal counted)."""
        return counts_registry_signal((s.id, s.points) for s in self.signals)

    @property
    def reasons(self) -> tuple[str, ...]:
        """The signals that counted, in words: "names itself ... (+2): found 1 time"."""
        return tuple(f"{s.looked_for}: {s.found} ({s.points:+d})" for s in self.signals if s.points)


def counts_registry_signal(signals: Iterable[tuple[object, object]]) -> bool:
    """Whether, of the signals' (id, points), the `registry` signal counted: the page
    reads as a statement registry's page about a statement. On pairs, so a stored report's
    JSON (batch/suppliers.py) is read by the same rule as `Recognition.is_registry_page`."""
    return any(signal_id == "registry" and points for signal_id, points in signals)


class OverallStatus(str, Enum):
    """The one headline of a report (issue 14 item 5): never green when a mandatory
    criterion was not checked or the statement is stale."""

    NOT_A_STATEMENT = "not_a_statement"  # the document does not read as a statement at all
    NO_STATEMENT_FOUND = "no_statement_found"  # the homepage leads to no statement
    MEETS = "meets"  # every mandatory criterion of every rule set checked and met
    MEETS_UNCHECKED = "meets_checked"  # those checked are met; some could not be checked
    DOES_NOT_MEET = "does_not_meet"  # a checked mandatory criterion is partial or missing
    STALE = "stale"  # meets what was checked, but the period ended too long ago
    NO_MANDATORY = "no_mandatory"  # the rule sets chosen have no mandatory criteria


@dataclass(frozen=True)
class Report:
    """Everything msa-check found about one statement: what renderers render."""

    source: FetchedSource
    document: DocumentSummary
    results: tuple[RuleSetResult, ...]
    tool_version: str
    alerts: tuple[Alert, ...] = field(default=())
    discovery: Discovery | None = None  # set when the statement was found from a homepage
    metadata: StatementMetadata | None = None
    flags: tuple[Flag, ...] = ()
    recognition: Recognition | None = None  # is it a statement at all? None: not asked

    @property
    def statement_found(self) -> bool:
        """False when discovery read the homepage and found no statement (`source` is then
        the homepage, and no criterion was judged on a statement's text)."""
        return self.discovery is None or self.discovery.statement_found

    @property
    def is_statement(self) -> bool:
        recognition = self.recognition
        return recognition is None or recognition.is_statement or recognition.overridden

    @property
    def mandatory_met(self) -> bool:
        return not any(r.mandatory_unmet for r in self.results)

    @property
    def mandatory_unchecked(self) -> tuple[str, ...]:
        """The ids of mandatory criteria no rule set could check, in report order."""
        ids = (
            c.id
            for r in self.results
            for c in r.criteria
            if c.mandatory and c.verdict is Verdict.NOT_CHECKED
        )
        return tuple(dict.fromkeys(ids))

    @property
    def status(self) -> OverallStatus:
        if not self.statement_found:
            return OverallStatus.NO_STATEMENT_FOUND
        if not self.is_statement:
            return OverallStatus.NOT_A_STATEMENT
        if not any(c.mandatory for r in self.results for c in r.criteria):
            return OverallStatus.NO_MANDATORY
        if not self.mandatory_met:
            return OverallStatus.DOES_NOT_MEET
        if any(flag.id == "stale" for flag in self.flags):
            return OverallStatus.STALE
        if self.mandatory_unchecked:
            return OverallStatus.MEETS_UNCHECKED
        return OverallStatus.MEETS

    @property
    def status_criteria(self) -> tuple[str, ...]:
        """The criteria the status names: those not met, or those not checked."""
        if self.status is OverallStatus.NOT_A_STATEMENT:
            return ()  # the recognition's signals say why, not the criteria
        if self.status in (OverallStatus.DOES_NOT_MEET, OverallStatus.NO_STATEMENT_FOUND):
            ids = (c.id for r in self.results for c in r.mandatory_unmet)
            return tuple(dict.fromkeys(ids))
        return self.mandatory_unchecked

    # The organisation and period come from the metadata alone, so that every renderer and
    # export shows the one answer (there were once two finders for each).
    @property
    def organisation(self) -> str | None:
        return self.metadata.organisation if self.metadata else None

    @property
    def period(self) -> str | None:
        """The financial year or reporting period, as the statement words it."""
        period = self.metadata.period if self.metadata else None
        return period.text if period else None
