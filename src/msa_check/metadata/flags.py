"""Flags: findings about a statement as a whole that a buyer should look at.

Each flag is decided from the statement's metadata, the alerts its rule sets raised, and
the day of the check, which is a parameter so that the same statement checked on the same
day always gets the same flags. Pure: no I/O, no clock.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta

from msa_check.metadata.language import ENGLISH
from msa_check.models import Alert, Approval, Flag, ReportingPeriod, StatementMetadata

STALE_AFTER_MONTHS = 18  # a statement for a period that ended longer ago than this is stale
APPROVAL_LATEST_MONTHS = 12  # approval this long after the period ended is implausible

STALE = "stale"
NO_PERIOD = "no_period"
APPROVAL_NOT_BOARD = "approval_not_board"
SIGNATORY_NOT_DIRECTOR = "signatory_not_director"
APPROVAL_DATE_IMPLAUSIBLE = "approval_date_implausible"
NO_STEPS = "no_steps"
NOT_ENGLISH = "not_english"
FLAG_IDS = (
    STALE, NO_PERIOD, APPROVAL_NOT_BOARD, SIGNATORY_NOT_DIRECTOR, APPROVAL_DATE_IMPLAUSIBLE,
    NO_STEPS, NOT_ENGLISH,
)  # fmt: skip
# Flags a rule file's alert can raise (`flag: no_steps` on the alert); the rules decide
# which sentences mean "no steps taken", this module what the flag says.
FLAGS_FROM_ALERTS = (NO_STEPS,)


def statement_flags(
    metadata: StatementMetadata, alerts: Iterable[Alert], today: date
) -> tuple[Flag, ...]:
    """Every flag that applies, in the order of FLAG_IDS."""
    flags = [
        *_period_flags(metadata.period, today),
        *_approval_flags(metadata.approval, metadata.period, today),
        *_signatory_flags(metadata),
        *_no_steps_flags(alerts),
    ]
    if metadata.language is not None and metadata.language != ENGLISH:
        flags.append(
            Flag(
                NOT_ENGLISH,
                f"The statement seems not to be in English (likeliest language: "
                f"{metadata.language}); the rules match English wording, so verdicts are "
                "unreliable.",
            )
        )
    return tuple(sorted(flags, key=lambda f: FLAG_IDS.index(f.id)))


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, kept within the month (31 March + 1 month = 30 April)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _period_flags(period: ReportingPeriod | None, today: date) -> list[Flag]:
    if period is None:
        return [
            Flag(
                NO_PERIOD,
                "The statement does not say which financial year or period it covers "
                "(one statement is due for each financial year).",
            )
        ]
    if period.end is not None and add_months(period.end, STALE_AFTER_MONTHS) < today:
        return [
            Flag(
                STALE,
                f"The period covered ended on {period.end.isoformat()}, more than "
                f"{STALE_AFTER_MONTHS} months before {today.isoformat()}: a newer statement "
                "should exist.",
            )
        ]
    return []


def _approval_flags(
    approval: Approval | None, period: ReportingPeriod | None, today: date
) -> list[Flag]:
    if approval is None:
        return []
    flags = []
    if not approval.by_board:
        flags.append(
            Flag(
                APPROVAL_NOT_BOARD,
                f"Approved by {approval.body!r}, not by the board (or equivalent governing "
                "body) as the law requires.",
                (approval.evidence,),
            )
        )
    reason = _implausible_date(approval, period, today)
    if reason:
        flags.append(Flag(APPROVAL_DATE_IMPLAUSIBLE, reason, (approval.evidence,)))
    return flags


def _implausible_date(approval: Approval, period: ReportingPeriod | None, today: date) -> str:
    """Why the approval date cannot be right, or "" when it can."""
    if approval.date is None:
        return ""
    stated = approval.date.iso
    if approval.date.value > today:
        return f"Approval date {stated} is in the future (checked on {today.isoformat()})."
    if period is None or period.end is None:
        return ""
    if approval.date.latest < period.end:
        return (
            f"Approval date {stated} is before the end of the period covered "
            f"({period.end.isoformat()}): a statement reports on a finished year."
        )
    latest = add_months(period.end, APPROVAL_LATEST_MONTHS) + timedelta(days=1)
    if approval.date.value > latest:
        return (
            f"Approval date {stated} is more than {APPROVAL_LATEST_MONTHS} months after the "
            f"period covered ended ({period.end.isoformat()})."
        )
    return ""


def _signatory_flags(metadata: StatementMetadata) -> list[Flag]:
    judged = [s for s in metadata.signatories if s.is_director is not None]
    if not judged or any(s.is_director for s in judged):
        return []
    who = "; ".join(f"{s.name or 'unnamed'} ({s.role})" for s in judged)
    return [
        Flag(
            SIGNATORY_NOT_DIRECTOR,
            f"Signed by {who}: not a director (or equivalent), as the law requires.",
            tuple(s.evidence for s in judged),
        )
    ]


def _no_steps_flags(alerts: Iterable[Alert]) -> list[Flag]:
    for alert in alerts:
        if alert.flag == NO_STEPS:
            return [
                Flag(
                    NO_STEPS,
                    "The statement says the organisation took no steps against slavery and "
                    "trafficking (s54(4)(b)): legal, but not a statement of action.",
                    alert.evidence,
                )
            ]
    return []
