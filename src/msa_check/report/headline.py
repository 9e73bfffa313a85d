"""The overall-status headline and each rule set's closing lines: what a report says, in
one sentence, about the statement as a whole and about each rule set.

Every format (console, Markdown, HTML, the web app, the supplier table) takes these
sentences from here, so a statement that does not meet the law, is out of date or is not
a statement at all is said to be so in the same words everywhere. The shared words they
use (verdict names) are in wording.py.
"""

from __future__ import annotations

from datetime import date

from msa_check.metadata.flags import STALE, STALE_AFTER_MONTHS
from msa_check.models import OverallStatus, Report, RuleSetResult, Verdict
from msa_check.report.wording import VERDICT_WORDS


def status_line(report: Report) -> str:
    """The report's one headline, from its OverallStatus, naming the criteria behind it."""
    named = ", ".join(report.status_criteria)
    status = report.status
    if status is OverallStatus.NO_STATEMENT_FOUND:
        return no_statement_line(report)
    if status is OverallStatus.NOT_A_STATEMENT and report.recognition is not None:
        recognition = report.recognition
        if recognition.is_registry_page:
            return registry_page_line(recognition.statement_link)
        return (
            "Not a modern slavery statement: this document does not read as one (score"
            f" {recognition.score}, a statement needs {recognition.needed});"
            f" {NOT_A_STATEMENT_CRITERIA}."
        )
    if status is OverallStatus.DOES_NOT_MEET:
        return f"Does NOT meet the mandatory requirements: {named} not met."
    if status is OverallStatus.STALE:
        unchecked = f"; not checked: {named}" if named else ""
        return (
            f"Stale: the statement's period ended {stale_words(report)}, so it does not"
            f" meet the law now (the mandatory requirements checked are met{unchecked})."
        )
    if status is OverallStatus.MEETS_UNCHECKED:
        return f"Meets the mandatory requirements checked, but these were not checked: {named}."
    if status is OverallStatus.NO_MANDATORY:
        return "The rule sets chosen have no mandatory requirements: see each set's score."
    return "Meets every mandatory requirement."


# What the criteria of a document that is not a statement are: the headline says it, and
# the web page's "Check it anyway" form (serve) should say the same, not "no verdicts".
NOT_A_STATEMENT_CRITERIA = "the criteria below were checked anyway, and only show what it lacks"
NOT_A_STATEMENT_CLOSING = (
    "Not a modern slavery statement: these verdicts only show what the document lacks."
)


def day_words(day: date) -> str:
    """ "31 March 2025": a date as a sentence says it."""
    return f"{day.day} {day:%B %Y}"


def stale_words(report: Report) -> str:
    """How long ago a stale statement's period ended, by the rule the `stale` flag follows:
    "more than 18 months ago (on 31 March 2025)"."""
    period = report.metadata.period if report.metadata else None
    on = f" (on {day_words(period.end)})" if period and period.end else ""
    return f"more than {STALE_AFTER_MONTHS} months ago{on}"


def is_stale(report: Report) -> bool:
    """Whether the report carries the `stale` flag (its period ended too long ago)."""
    return any(flag.id == STALE for flag in report.flags)


def no_statement_line(report: Report) -> str:
    """The headline when the homepage leads to no statement, saying what the report shows
    of the links: listed below when any was weighed, else that none was worded as one."""
    discovery = report.discovery
    homepage = discovery.homepage if discovery else report.source.location
    if discovery is not None and discovery.examined:
        shown = "the links examined are listed below"
    else:
        shown = "none of its links is worded as a link to one"
    return (
        f"No statement found: {homepage} leads to no modern slavery statement ({shown}),"
        " so the mandatory requirements are not met."
    )


def registry_page_line(statement_link: str | None, *, link_below: bool = False) -> str:
    """The headline for a statement registry's page: what it is, and where the statement
    it lists is, when its text says (`link_below`: "at the address below", for a console
    that prints the address on a line of its own, so it is not folded into the sentence)."""
    at = "the address below" if link_below else statement_link
    where = (
        f" The statement itself is at {at}: check that instead."
        if statement_link
        else " Check the statement it lists instead."
    )
    return (
        "Not a modern slavery statement: this is a statement registry's page about one (a"
        " summary of a statement and a link to it), not the statement itself, so it is"
        f" not judged against the law; {NOT_A_STATEMENT_CRITERIA}.{where}"
    )


def registry_page_link(report: Report) -> str | None:
    """The statement's address when the report is of a registry's page that gives one."""
    recognition = report.recognition
    if report.status is not OverallStatus.NOT_A_STATEMENT or recognition is None:
        return None
    return recognition.statement_link if recognition.is_registry_page else None


_UNMET_STATUSES = (
    OverallStatus.DOES_NOT_MEET,
    OverallStatus.NO_STATEMENT_FOUND,
    OverallStatus.NOT_A_STATEMENT,
)


def status_class(report: Report) -> str:
    """met (green) only for MEETS; unmet (red) when the law is not met (including no
    statement, or a document that is not one); else warn."""
    if report.status is OverallStatus.MEETS:
        return "met"
    return "unmet" if report.status in _UNMET_STATUSES else "warn"


def closing_line(result: RuleSetResult, report: Report) -> str:
    """Whether every mandatory criterion of a rule set (one of `report`'s) is met, naming
    those that are not.

    A rule set without mandatory criteria says nothing about mandatory requirements: it
    once ended "All mandatory requirements are met" right after another set's NOT met.
    Nor does a stale statement's set end "met" under a headline that says it does not meet
    the law now: its requirements are met, but the statement is out of date."""
    if report.status is OverallStatus.NOT_A_STATEMENT:
        # Not "Mandatory requirements NOT met", as if it were a weak statement.
        return NOT_A_STATEMENT_CLOSING
    if not any(c.mandatory for c in result.criteria):
        return "This rule set has no mandatory requirements; the score below is the measure."
    unchecked = [c.id for c in result.criteria if c.mandatory and c.verdict is Verdict.NOT_CHECKED]
    named = ", ".join(unchecked)
    unmet = result.mandatory_unmet
    if not unmet:
        also = f" (not checked: {named})" if unchecked else ""
        if is_stale(report):
            return (
                f"The checked mandatory requirements are met{also}, but the statement is"
                " out of date."
            )
        if unchecked:
            return f"All checked mandatory requirements are met{also}."
        return "All mandatory requirements are met."
    listed = ", ".join(f"{c.id} ({VERDICT_WORDS[c.verdict]})" for c in unmet)
    # Not in a second bracket: after "approval (missing)" it read as part of approval's.
    return f"Mandatory requirements NOT met: {listed}" + (
        f"; not checked: {named}" if named else ""
    )


def score_line(result: RuleSetResult) -> str:
    """The set's disclosure score in words, with what it counts."""
    score = result.score
    checked = score.met + score.partial + score.missing
    weighted = any(c.weight != 1.0 for c in result.criteria)
    return (
        f"Disclosure score: {score.percent:g}% ({score.met} met, {score.partial} partial, "
        f"{score.missing} missing of {checked} checked; partial counts half"
        f"{'; weighted as the rule file says' if weighted else ''})"
    )
