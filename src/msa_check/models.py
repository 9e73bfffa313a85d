"""The values that flow through msa-check: frozen, typed, free of I/O.

A statement flows source -> fetch -> extract -> analyse -> report. Each stage takes
and returns the dataclasses below, so every stage can be tested without the others
and every renderer works from the same Report.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from enum import Enum


class ContentKind(str, Enum):
    """What the bytes of a statement are, decided by sniffing them."""

    PDF = "pdf"
    HTML = "html"
    TEXT = "text"


class SourceKind(str, Enum):
    """Where the bytes came from."""

    URL = "url"
    FILE = "file"
    STDIN = "stdin"


class BlockKind(str, Enum):
    """The role of a block of text in the layout of a statement."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"


class Verdict(str, Enum):
    """How well a statement meets one criterion."""

    MET = "met"
    PARTIAL = "partial"
    MISSING = "missing"
    NOT_CHECKED = "not_checked"


class EvidenceStatus(str, Enum):
    """Whether an evidence sentence reports an action, promises one, or denies one."""

    TAKEN = "taken"
    PLANNED = "planned"
    DENIED = "denied"


@dataclass(frozen=True)
class FetchedSource:
    """The raw bytes of a statement and where they came from.

    `location` is what the user gave (URL, path or "-"); `final_url` is the URL after
    redirects (None for files and stdin).
    """

    location: str
    kind: SourceKind
    content: bytes
    sha256: str
    fetched_at: str  # ISO 8601, UTC, e.g. "2026-11-25T10:00:00+00:00"
    final_url: str | None = None
    status: int | None = None
    content_type: str | None = None  # the Content-Type header, if any: a hint only
    redirects: tuple[str, ...] = ()


class LinkRegion(str, Enum):
    """Where on a page a link sits: s54(7) asks for a link in a prominent place."""

    HEADER = "header"
    NAVIGATION = "navigation"
    BODY = "body"
    FOOTER = "footer"


@dataclass(frozen=True)
class HomepageLink:
    """A link on an organisation's homepage to its statement or the statement's landing page."""

    text: str  # the link text (or its title / aria-label when it has no text)
    url: str  # absolute URL it points to
    region: LinkRegion
    score: float  # how strongly its wording says "modern slavery statement", 0.0-1.0


@dataclass(frozen=True)
class Discovery:
    """How the statement was found from a homepage, and what the homepage links to.

    `path` is the chain of URLs followed: homepage -> landing page -> document. An empty
    `homepage_links` means the homepage was read and links to no statement.
    """

    homepage: str
    statement_url: str | None
    path: tuple[str, ...] = ()
    homepage_links: tuple[HomepageLink, ...] = ()
    notes: tuple[str, ...] = ()  # e.g. "three years offered; chose 2025"
    # Every candidate link followed or weighed, and why it was or was not the statement.
    examined: tuple[ExaminedLink, ...] = ()
    # True when no candidate read as a statement and the page analysed was kept in reserve:
    # if the whole check finds it is not a statement either, no statement was found.
    in_reserve: bool = False

    @property
    def statement_found(self) -> bool:
        return self.statement_url is not None


@dataclass(frozen=True)
class ExaminedLink:
    """A link discovery looked at, and what it made of it (taken, or why it was rejected)."""

    url: str
    text: str
    score: float  # the link's wording score, 0.0-1.0
    outcome: str  # "taken as the statement", "rejected: not a statement (...)", ...


@dataclass(frozen=True)
class Block:
    """A run of text that never shares a sentence with its neighbours.

    Extraction yields headings, paragraphs and list items in reading order. `start`
    and `end` are character offsets into Document.text; `section` is the title of the
    heading the block sits under (None before the first heading).
    """

    text: str
    kind: BlockKind
    start: int
    end: int
    page: int | None = None  # 1-based page number for PDFs, None otherwise
    section: str | None = None


@dataclass(frozen=True)
class Page:
    """A page of a PDF as a character range of Document.text."""

    number: int  # 1-based
    start: int
    end: int


@dataclass(frozen=True)
class Section:
    """A heading and the character range of Document.text it governs."""

    title: str
    start: int
    end: int
    page: int | None = None  # the page the heading is on


@dataclass(frozen=True)
class Sentence:
    """One sentence of a statement, located in the Document."""

    index: int  # position among all sentences of the document, from 0
    text: str
    start: int  # character offsets into Document.text
    end: int
    page: int | None = None
    section: str | None = None


@dataclass(frozen=True)
class Document:
    """A statement as text: pages -> sections -> sentences, with character offsets.

    Extraction fills `text`, `blocks`, `pages` and `sections`; the NLP stage fills
    `sentences`. `text` is the blocks joined by blank lines, so every offset above
    indexes into it.
    """

    kind: ContentKind
    text: str
    blocks: tuple[Block, ...]
    pages: tuple[Page, ...] = ()
    sections: tuple[Section, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    title: str | None = None
    page_count: int | None = None  # PDFs only
    warnings: tuple[str, ...] = ()

    @functools.cached_property  # the metadata and the report's summary both ask
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class LegalReference:
    law: str
    section: str
    url: str | None = None


@dataclass(frozen=True)
class Evidence:
    """A sentence that shows a criterion is addressed, and why it was chosen."""

    text: str
    sentence_index: int
    start: int
    end: int
    page: int | None
    section: str | None
    matched: tuple[str, ...]  # which parts of the rule matched, e.g. 'phrase "board of directors"'
    status: EvidenceStatus = EvidenceStatus.TAKEN
    strength: float = 1.0  # 1.0 for a direct match, less for context such as a heading

    @classmethod
    def of_sentence(
        cls,
        sentence: Sentence,
        matched: tuple[str, ...],
        *,
        status: EvidenceStatus = EvidenceStatus.TAKEN,
        strength: float = 1.0,
    ) -> Evidence:
        """A sentence of the Document as evidence, located as the sentence is."""
        return cls(
            text=sentence.text,
            sentence_index=sentence.index,
            start=sentence.start,
            end=sentence.end,
            page=sentence.page,
            section=sentence.section,
            matched=matched,
            status=status,
            strength=strength,
        )


@dataclass(frozen=True)
class Alert:
    """Something a reader must not miss, such as a "no steps taken" statement.

    An alert is raised by a rule set: a criterion's rule in a YAML file matched (or, with
    `unless_met`, other criteria did not), and its id and message are the rule file's. A
    `Flag` is msa-check's own finding about the statement as a whole, from its metadata
    and the day of the check; an alert leads to a flag only when its rule names one (`flag`).
    """

    id: str
    message: str
    evidence: tuple[Evidence, ...] = ()
    flag: str | None = None  # the Flag id this alert raises, as its rule file says


@dataclass(frozen=True)
class QualifierResult:
    """A yes/no detail of a criterion, e.g. whether audits were independent and unannounced."""

    id: str
    title: str
    present: bool
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class CriterionResult:
    id: str
    title: str
    reference: LegalReference | None
    mandatory: bool
    verdict: Verdict
    # 0.0-1.0, a heuristic of how strongly the evidence supports the verdict: not a
    # probability (it was called `confidence` before calibrated probabilities came).
    evidence_strength: float
    evidence: tuple[Evidence, ...] = ()
    alerts: tuple[Alert, ...] = ()
    note: str | None = None  # why the verdict is what it is, in words
    qualifiers: tuple[QualifierResult, ...] = ()
    # Sentences the rule matched but an exclusion (or a failed `also`) ruled out; their
    # `matched` names both, so a reader can see why a likely sentence did not count.
    set_aside: tuple[Evidence, ...] = ()
    weight: float = 1.0  # its share of the set's disclosure score (the rule file's `weight`)
    follow_up: str | None = None  # the question for the supplier, from the rule file
    # The chance, calibrated on expert labels, that experts find this criterion addressed
    # in the statement (msa_check.calibration); None where no calibration map fits it.
    probability: float | None = None
    probability_basis: str | None = None  # what it was calibrated on

    @property
    def question(self) -> str | None:
        """The follow-up question when there is something to ask: missing or partial."""
        if self.verdict in (Verdict.MISSING, Verdict.PARTIAL):
            return self.follow_up
        return None


# What each verdict earns in the disclosure score: the share of criteria met, with a
# partial verdict (planned only, a heading, too few sentences) counting half.
SCORE_CREDIT: dict[Verdict, float] = {Verdict.MET: 1.0, Verdict.PARTIAL: 0.5, Verdict.MISSING: 0.0}


@dataclass(frozen=True)
class DisclosureScore:
    """How much of a rule set a statement discloses, beyond pass or fail.

    The weighted share of the set's checked criteria that are met (partial counts half),
    as a percentage; `not_checked` criteria are left out rather than counted as missing.
    In the spirit of Walk Free's "Beyond Compliance" disclosure rate.
    """

    percent: float
    earned: float  # the sum of weight x credit
    possible: float  # the sum of the weights of the checked criteria
    met: int
    partial: int
    missing: int
    not_checked: int

    @classmethod
    def of(cls, criteria: tuple[CriterionResult, ...]) -> DisclosureScore:
        checked = [c for c in criteria if c.verdict is not Verdict.NOT_CHECKED]
        possible = sum(c.weight for c in checked)
        earned = sum(c.weight * SCORE_CREDIT[c.verdict] for c in checked)
        count = {v: sum(1 for c in criteria if c.verdict is v) for v in Verdict}
        return cls(
            percent=round(100 * earned / possible, 1) if possible else 0.0,
            earned=round(earned, 3),
            possible=round(possible, 3),
            met=count[Verdict.MET],
            partial=count[Verdict.PARTIAL],
            missing=count[Verdict.MISSING],
            not_checked=count[Verdict.NOT_CHECKED],
        )


@dataclass(frozen=True)
class RuleSetInfo:
    id: str
    title: str
    version: str
    jurisdiction: str | None = None
    law: str | None = None


@dataclass(frozen=True)
class RuleSetResult:
    rule_set: RuleSetInfo
    criteria: tuple[CriterionResult, ...]

    @property
    def score(self) -> DisclosureScore:
        return DisclosureScore.of(self.criteria)

    @property
    def mandatory_unmet(self) -> tuple[CriterionResult, ...]:
        """Mandatory criteria that were checked and are not met."""
        return tuple(
            c
            for c in self.criteria
            if c.mandatory and c.verdict not in (Verdict.MET, Verdict.NOT_CHECKED)
        )


@dataclass(frozen=True)
class DocumentSummary:
    kind: ContentKind
    title: str | None
    page_count: int | None
    word_count: int
    sentence_count: int
    warnings: tuple[str, ...] = ()


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

    @property
    def reasons(self) -> tuple[str, ...]:
        """The signals that counted, in words: "names itself ... (+2): found 1 time"."""
        return tuple(f"{s.looked_for}: {s.found} ({s.points:+d})" for s in self.signals if s.points)


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
