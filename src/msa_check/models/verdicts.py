"""What analysis finds per criterion: evidence, alerts, verdicts and the disclosure score.

Apart from the document because these are what rule sets make of one, and apart from the
report because a rule set's results are judged before the statement as a whole is.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from msa_check.models.document import Sentence


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
