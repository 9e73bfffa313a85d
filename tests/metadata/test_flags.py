"""Flags: each one raised exactly when it should be, as of a given day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from msa_check.metadata.flags import FLAG_IDS, add_months, statement_flags
from msa_check.models import (
    Alert,
    Approval,
    DatePrecision,
    Evidence,
    ReportingPeriod,
    Signatory,
    StatedDate,
    StatementMetadata,
)

TODAY = date(2025, 11, 1)


def evidence(text: str) -> Evidence:
    return Evidence(text, 0, 0, len(text), 4, None, ("metadata: test",))


def day(iso: str) -> StatedDate:
    return StatedDate(iso, date.fromisoformat(iso))


APPROVAL = Approval("Board of Directors", True, day("2025-06-12"), evidence("Approved."))
SIGNER = Signatory("Jane Doe", "Director", True, day("2025-06-12"), evidence("Jane Doe Director"))
GOOD = StatementMetadata(
    period=ReportingPeriod("year ending 31 March 2025", date(2024, 4, 1), date(2025, 3, 31), True),
    approval=APPROVAL,
    signatories=(SIGNER,),
    language="en",
)


def ids(
    metadata: StatementMetadata, alerts: tuple[Alert, ...] = (), today: date = TODAY
) -> list[str]:
    return [flag.id for flag in statement_flags(metadata, alerts, today)]


def test_a_good_statement_has_no_flags() -> None:
    assert ids(GOOD) == []


def test_stale_after_eighteen_months_from_the_end_of_the_period() -> None:
    assert ids(GOOD, today=date(2026, 9, 30)) == []
    assert ids(GOOD, today=date(2026, 10, 1)) == ["stale"]
    flag = statement_flags(GOOD, (), date(2027, 1, 1))[0]
    assert "2025-03-31" in flag.message and "2027-01-01" in flag.message


def test_no_period() -> None:
    assert ids(replace(GOOD, period=None)) == ["no_period"]


@pytest.mark.parametrize("body", ["Executive Committee", "management team", "CFO"])
def test_approval_not_by_the_board(body: str) -> None:
    approval = replace(APPROVAL, body=body, by_board=False)
    flags = statement_flags(replace(GOOD, approval=approval), (), TODAY)
    assert [f.id for f in flags] == ["approval_not_board"]
    assert body in flags[0].message and flags[0].evidence == (approval.evidence,)
    assert ids(replace(GOOD, approval=None)) == []  # no approval found: the rule set says so


def test_signatory_not_a_director() -> None:
    secretary = replace(SIGNER, role="Company Secretary", is_director=False)
    assert ids(replace(GOOD, signatories=(secretary,))) == ["signatory_not_director"]
    # one director among the signatories is enough; a signatory without a role is not judged
    unknown = replace(secretary, role=None, is_director=None)
    assert ids(replace(GOOD, signatories=(secretary, SIGNER))) == []
    assert ids(replace(GOOD, signatories=(unknown,))) == []


@pytest.mark.parametrize(
    ("approved", "flagged"),
    [
        ("2025-03-30", True),  # before the period ended
        ("2025-03-31", False),
        ("2026-03-31", False),  # 12 months after
        ("2026-04-02", True),  # more than 12 months after
        ("2025-11-02", True),  # after the day of the check
    ],
)
def test_implausible_approval_dates(approved: str, flagged: bool) -> None:
    approval = replace(APPROVAL, date=day(approved))
    today = date(2026, 5, 1) if approved.startswith("2026") else TODAY
    found = ids(replace(GOOD, approval=approval), today=today)
    assert ("approval_date_implausible" in found) is flagged


def test_a_month_is_not_before_the_end_of_a_period_that_ends_in_it() -> None:
    march = StatedDate("March 2025", date(2025, 3, 1), DatePrecision.MONTH)
    approval = replace(APPROVAL, date=march)
    assert ids(replace(GOOD, approval=approval)) == []


def test_no_steps_reuses_the_alert_whose_rule_names_the_flag() -> None:
    quote = evidence("We have taken no steps.")
    alert = Alert("any_id_the_rule_file_likes", "NO STEPS TAKEN", (quote,), flag="no_steps")
    flags = statement_flags(GOOD, (Alert("other", "x"), alert), TODAY)
    assert [(f.id, f.evidence) for f in flags] == [("no_steps", (quote,))]
    # The id alone does not raise it: the rule file's `flag` key does.
    assert ids(GOOD, (Alert("no_steps_taken", "x"),)) == []


def test_the_bundled_uk_no_steps_alert_raises_the_flag() -> None:
    from msa_check.rules.loading import load_rule_set

    alerts = [a for c in load_rule_set("uk-msa-s54").criteria for a in c.alerts]
    assert [(a.id, a.flag) for a in alerts if a.flag] == [("no_steps_taken", "no_steps")]


def test_not_english_and_the_order_of_flags() -> None:
    metadata = replace(GOOD, language="fr", period=None)
    assert ids(metadata) == ["no_period", "not_english"]
    assert ids(replace(GOOD, language=None)) == []
    assert set(FLAG_IDS) >= {"stale", "no_period", "approval_not_board", "no_steps"}


def test_add_months_stays_in_the_month() -> None:
    assert add_months(date(2025, 3, 31), 1) == date(2025, 4, 30)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2025, 3, 31), 18) == date(2026, 9, 30)
