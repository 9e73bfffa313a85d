"""Words of the pages a buyer reads (the HTML report, the dashboard, the web app) where the
shared wording (wording.py) names ids: here criteria, flags and alerts lead with their
titles, a quote's status is a phrase, and a rule's `code` is set as code.

The ids stay in the page for an analyst (a small grey id beside a title, or a title
attribute); only the words a reader meets first change. The sentences themselves are
headline.py's and wording.py's, given titles for ids, so every format still says the same
thing.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from pathlib import PurePath

from msa_check.models import Evidence, EvidenceStatus, Report, RuleSetResult, SourceKind
from msa_check.report.headline import closing_line, status_line
from msa_check.report.html_escape import html_attr as _attr
from msa_check.report.html_escape import html_text as _text
from msa_check.report.wording import EVIDENCE_STATUS_WORDS, FLAG_TITLES, report_subject

QUESTIONS_INTRO_WORDS = "What the statement does not show, as questions to put to the supplier:"
SET_ASIDE_LABEL = "set aside"
_CODE = re.compile(r"`([^`]+)`")
_ALERT_LEAD = re.compile(r"^([A-Z][A-Z0-9 ,'()-]{2,60}):\s")


def _titled(result: RuleSetResult) -> RuleSetResult:
    criteria = tuple(dataclasses.replace(c, id=c.title) for c in result.criteria)
    return dataclasses.replace(result, criteria=criteria)


def titled_status_line(report: Report) -> str:
    """The report's headline (headline.status_line), naming criteria by their titles."""
    return status_line(dataclasses.replace(report, results=tuple(map(_titled, report.results))))


def titled_closing_line(result: RuleSetResult, report: Report) -> str:
    """A rule set's closing line (headline.closing_line), naming criteria by their titles."""
    return closing_line(_titled(result), report)


def criterion_titles(report: Report) -> dict[str, str]:
    """Criterion id -> title, the first rule set's title where two sets share an id."""
    titles: dict[str, str] = {}
    for result in report.results:
        for criterion in result.criteria:
            titles.setdefault(criterion.id, criterion.title)
    return titles


def titled_ids(ids: tuple[str, ...] | list[str], titles: dict[str, str]) -> str:
    """HTML: each id as its title, the id in a title attribute, comma-separated."""
    return ", ".join(f'<span title="{_attr(i)}">{_text(titles.get(i, i))}</span>' for i in ids)


class IdTitles:
    """Titles for ids: as words, or as HTML with the id kept in a title attribute."""

    def __init__(self, titles: Mapping[str, str]) -> None:
        self.titles = titles

    def words(self, identifier: str) -> str:
        return self.titles.get(identifier) or identifier

    def html(self, identifier: str) -> str:
        return f'<span title="{_attr(identifier)}">{_text(self.words(identifier))}</span>'


def flag_title(flag_id: str) -> str:
    """ "Out of date" for `stale`; an unknown id in words ("new_flag" -> "New flag")."""
    return FLAG_TITLES.get(flag_id) or _id_words(flag_id)


def alert_title(alert_id: str, message: str = "") -> str:
    """A rule file's alert by name: the capitals its message leads with ("NO STEPS TAKEN:
    ..." -> "No steps taken"), else its id in words."""
    lead = _ALERT_LEAD.match(message)
    return lead.group(1).capitalize() if lead else _id_words(alert_id)


def alert_message_after_title(message: str) -> str:
    """The message without the capitals its title was read from, so the title is not said
    twice ("No steps taken (alert no_steps): NO STEPS TAKEN: the statement ...")."""
    lead = _ALERT_LEAD.match(message)
    if not lead:
        return message
    rest = message[lead.end() :]
    return rest[:1].upper() + rest[1:]


def finding_titles(flags: tuple[str, ...], alerts: tuple[tuple[str, str], ...]) -> list[str]:
    """The titles of a statement's flags then its alerts ((id, message) pairs), each once:
    an alert that raised a flag of the same name ("No steps taken") is said once."""
    titles = [flag_title(f) for f in flags] + [alert_title(i, m) for i, m in alerts]
    return list(dict.fromkeys(titles))


def _id_words(identifier: str) -> str:
    return identifier.replace("_", " ").replace("-", " ").capitalize()


def status_words(evidence: Evidence) -> str | None:
    """What a quote says of the action, when it is not one taken: "says this was not done"."""
    if evidence.status is EvidenceStatus.TAKEN:
        return None
    return EVIDENCE_STATUS_WORDS.get(evidence.status.value) or str(evidence.status.value)


def code_html(text: str) -> str:
    """`text` escaped, with its `backticked` parts as <code>."""
    return _CODE.sub(r"<code>\1</code>", _text(text))


def title_subject(report: Report) -> str:
    """What the report's <title> and heading name: the organisation, else a file's own name
    (never a path relative to where the check ran), else the address."""
    if report.organisation:
        return report.organisation
    subject = report_subject(report)
    if report.source.kind is SourceKind.FILE and subject == report.source.location:
        return PurePath(subject).name or subject
    return subject
