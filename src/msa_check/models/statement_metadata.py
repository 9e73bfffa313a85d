"""Facts a statement gives about itself: its dates, period, identifiers, approval and signatures.

What the metadata stage reads from the text; apart from the verdicts because no rule set
decides them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from msa_check.models.verdicts import Evidence


class DatePrecision(str, Enum):
    """How much of a date a statement gives: "12 June 2025", "June 2025" or "2025"."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class StatedDate:
    """A date as a statement writes it, and what it means.

    `value` is the first day the words can mean ("June 2025" -> 2025-06-01); `latest` the
    last. `iso` is ISO 8601 at the stated precision: "2025-06-12", "2025-06" or "2025".
    """

    text: str
    value: date
    precision: DatePrecision = DatePrecision.DAY

    @property
    def iso(self) -> str:
        if self.precision is DatePrecision.YEAR:
            return f"{self.value.year:04d}"
        if self.precision is DatePrecision.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    @property
    def latest(self) -> date:
        if self.precision is DatePrecision.YEAR:
            return date(self.value.year, 12, 31)
        if self.precision is DatePrecision.MONTH:
            following = date(self.value.year + self.value.month // 12, self.value.month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return self.value


@dataclass(frozen=True)
class ReportingPeriod:
    """The period a statement covers: as written, and as dates.

    `exact` is True when both ends are stated to the day, or the end is and the period is a
    stated 12-month year (its start is then the day after the end, a year before). Otherwise
    `start` and `end` are a best guess from words such as "FY2023/24" (see docs/report-json.md).
    """

    text: str
    start: date | None
    end: date | None
    exact: bool


@dataclass(frozen=True)
class Identifier:
    """A registration number of the organisation, e.g. a UK company number or an ABN."""

    scheme: str  # "uk_company_number", "au_abn", "au_acn" or "ca_business_number"
    value: str  # normalised: digits (and letters) without spaces, e.g. "01234567"
    text: str  # as written, e.g. "company number 1234567"


@dataclass(frozen=True)
class Approval:
    """Who approved the statement, and when, as the statement says."""

    body: str  # as written, e.g. "Board of Directors", "Executive Committee", "CFO"
    by_board: bool  # the board (or equivalent governing body), not a committee or an officer
    date: StatedDate | None
    evidence: Evidence


@dataclass(frozen=True)
class Signatory:
    """A person who signed the statement, from a signature block or a "signed by" sentence."""

    name: str | None
    role: str | None  # as written, e.g. "Chief Executive Officer and Director"
    is_director: bool | None  # None when no role is given
    date: StatedDate | None
    evidence: Evidence


@dataclass(frozen=True)
class StatementMetadata:
    """Facts about a statement: who made it, for which period, who approved and signed it."""

    organisation: str | None = None
    identifiers: tuple[Identifier, ...] = ()
    period: ReportingPeriod | None = None
    approval: Approval | None = None
    signatories: tuple[Signatory, ...] = ()
    statement_date: StatedDate | None = None  # the date the statement gives itself, if any
    word_count: int = 0
    page_count: int | None = None
    language: str | None = None  # ISO 639-1 code of the likeliest language; None if too short
