"""Dates and reporting periods as statements write them, turned into ISO 8601 dates.

Statements write dates every which way: "31 March 2025", "31st day of March, 2025",
"March 31, 2025", "31/03/2025", "2025-03-31", "14-NOV-2024", "June 2025". `DATE_PATTERN`
finds them and `parse_date` reads one. A numeric date whose day and month could be
swapped ("05/06/2024") is read day first, as UK and Australian statements write it; one
that can only be month first ("5/24/2024") is read month first.

`find_reporting_period` reads the period a statement covers: a range of two dates, a year
"ending 31 March 2025" (a 12-month year: it started on 1 April 2024), or words such as
"FY2023/24", "financial year ending 2017" or "financial year 1 April 2015" whose exact
days are not all stated (`exact` False, dates a documented guess).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from msa_check.metadata.cues import UNLIKE_LOWER
from msa_check.models import DatePrecision, ReportingPeriod, StatedDate

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
DATE_PATTERN = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}}){_ORDINAL}(?:\s+day\s+of)?[\s-]+(?P<m1>{_MONTH})[\s,-]+(?P<y1>{_YEAR})"
    rf"|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}}){_ORDINAL},?\s+(?P<y2>{_YEAR})"
    rf"|(?P<y3>{_YEAR})-(?P<n3>\d{{1,2}})-(?P<d3>\d{{1,2}})"
    rf"|(?P<a4>\d{{1,2}})[/.](?P<b4>\d{{1,2}})[/.](?P<y4>{_YEAR}|\d{{2}})"
    rf"|(?P<m5>{_MONTH}),?\s+(?P<y5>{_YEAR}))\b",
    re.IGNORECASE,
)
_RANGE = re.compile(
    # The words before the dates ("financial year", "the period from") are kept in the text.
    r"(?:\b(?:(?:financial|fiscal|reporting|calendar)\s+)?(?:year|period)\s+(?:from\s+)?)?"
    rf"(?P<first>{DATE_PATTERN.pattern})\s*(?:to|until|through|-|\u2013|\u2014)\s*"
    rf"(?P<second>{DATE_PATTERN.pattern.replace('?P<', '?P<z')})",
    re.IGNORECASE,
)
_YEAR_END = re.compile(
    r"\b(?:(?P<weeks>5[23])[\s-]+weeks?|(?:financial|fiscal|reporting|calendar)?\s*"
    r"(?P<kind>year|period))\s+(?:ending|ended|to|that\s+ended|which\s+ended|end(?:ing)?)"
    r"(?:\s+on)?\s+",
    re.IGNORECASE,
)
_SPLIT_YEAR = re.compile(
    r"\b(?:FY|F\.Y\.|(?:financial|fiscal|reporting)\s+(?:year|period)(?:\s+of)?)\s?'?"
    r"(?P<first>(?:19|20)?\d{2})\s*[/-]\s*(?P<second>(?:19|20)?\d{2})\b"
    r"|\b(?P<first2>(?:19|20)\d{2})\s*[/-]\s*(?P<second2>\d{2}|(?:19|20)\d{2})\s+"
    r"(?:financial|fiscal|reporting)\s+year\b",
    re.IGNORECASE,
)
_ONE_YEAR = re.compile(
    r"\b(?:FY\s?'?(?P<fy>(?:19|20)?\d{2})"
    r"|(?P<cal>calendar)?\s*(?:financial\s+|fiscal\s+|reporting\s+)?year\s+(?:of\s+)?"
    r"(?P<y1>(?:19|20)\d{2})"
    r"|(?P<y2>(?:19|20)\d{2})\s+(?:financial|fiscal|reporting|calendar)\s+year)\b",
    re.IGNORECASE,
)
# "financial year ending 2017": the year ends in a month the statement does not name.
_BARE_YEAR_END = re.compile(r"(?:in\s+)?(?P<year>(?:19|20)\d{2})\b(?!\s*[/-]\s*\d)")
# "financial year 1 April 2015", "reporting period January 1, 2023": the first day only.
_YEAR_START = re.compile(
    r"\b(?:financial|fiscal|reporting)\s+(?:year|period)\s+"
    r"(?:(?:of|from|beginning|starting|commencing)(?:\s+on)?\s+)?",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
RANGE_DAYS = (180, 560)  # a range of dates this long (6 to 18 months) is a reporting period
# A split year such as "FY2023/24" states no days; the guess is the UK financial year
# (1 April to 31 March) that the Act's guidance and most UK statements use.
SPLIT_YEAR_START_MONTH = 4


def parse_date(text: str) -> StatedDate | None:
    """The first date in `text`, or None."""
    return next(iter(find_dates(text)), None)


def find_dates(text: str) -> list[StatedDate]:
    """Every date in `text`, in order."""
    return [d for found in DATE_PATTERN.finditer(text) if (d := stated_date(found)) is not None]


def stated_date(found: re.Match[str], prefix: str = "") -> StatedDate | None:
    """The date a DATE_PATTERN match stands for; None for an impossible one (31 June)."""
    group = found.groupdict()

    def get(name: str) -> str | None:
        return group.get(prefix + name)

    text = " ".join(found.group(0).split())
    precision = DatePrecision.DAY
    if get("y1"):
        parts = (_year(get("y1")), MONTHS[_month_name(get("m1"))], int(get("d1") or 0))
    elif get("y2"):
        parts = (_year(get("y2")), MONTHS[_month_name(get("m2"))], int(get("d2") or 0))
    elif get("y3"):
        parts = (_year(get("y3")), int(get("n3") or 0), int(get("d3") or 0))
    elif get("y4"):
        first, second = int(get("a4") or 0), int(get("b4") or 0)
        day, month = (second, first) if second > 12 >= first else (first, second)
        parts = (_year(get("y4")), month, day)
    else:
        parts = (_year(get("y5")), MONTHS[_month_name(get("m5"))], 1)
        precision = DatePrecision.MONTH
    try:
        return StatedDate(text, date(*parts), precision)
    except ValueError:
        return None


def _year(text: str | None) -> int:
    year = int(text or 0)
    return year + 2000 if year < 100 else year


def _month_name(text: str | None) -> str:
    return (text or "").rstrip(".").lower()


def find_reporting_period(texts: Iterable[str]) -> ReportingPeriod | None:
    """The first reporting period stated in `texts` (sentences, in document order)."""
    for text in texts:
        if _DIGIT.search(text) is None:
            continue  # every way of stating a period has a number: most sentences have none
        period = _period_in(text)
        if period is not None:
            return period
    return None


def _period_in(text: str) -> ReportingPeriod | None:
    # Each reader runs only on a text it may read a period from (found cheaply, below).
    period = _date_range(text) if may_hold_a_range(text) else None
    if period is None and has_period_words(text):
        for read in (_year_ending, _split_year, _one_year, _year_starting):
            period = read(text)
            if period is not None:
                return period
    return period


def may_hold_a_range(text: str) -> bool:
    """False for a text without two dates, as _date_range needs: each date has a year or
    a "d/m" or "d.m" (_YEAR_OR_DAY_MONTH), and two dates with at least a character between
    them hold two matches of that pattern that findall finds (a match is at most four
    characters long, so the first it finds ends before the second date starts).
    tests/metadata/test_cues.py checks it against generated ranges."""
    return len(_YEAR_OR_DAY_MONTH.findall(text)) >= 2


def has_period_words(text: str) -> bool:
    """Whether `text` has one of the words (in any case) that every match of the other
    readers holds (_PERIOD_WORDS; tests/metadata/test_cues.py checks each reader)."""
    if any(character in text for character in UNLIKE_LOWER):
        return True  # lower case is no stand-in for a case-insensitive search (cues.py)
    lower = text.lower()
    return any(word in lower for word in _PERIOD_WORDS)


_PERIOD_WORDS = ("year", "period", "week", "fy", "f.y.")
_YEAR_OR_DAY_MONTH = re.compile(r"(?:19|20)\d\d|\d[/.]\d")


def _date_range(text: str) -> ReportingPeriod | None:
    for found in _RANGE.finditer(text):
        start, end = stated_date(found), stated_date(found, prefix="z")
        if start is None or end is None:
            continue
        start_day, end_day = start.value, end.latest
        if RANGE_DAYS[0] <= (end_day - start_day).days <= RANGE_DAYS[1]:
            exact = start.precision is end.precision is DatePrecision.DAY
            return ReportingPeriod(_words(found.group(0)), start_day, end_day, exact)
    return None


def _year_ending(text: str) -> ReportingPeriod | None:
    for found in _YEAR_END.finditer(text):
        end_match = DATE_PATTERN.match(text, found.end())
        end = stated_date(end_match) if end_match else None
        if end is None:
            year_only = _BARE_YEAR_END.match(text, found.end())
            if year_only is None:
                continue
            # The guess is the calendar year, as for "FY2024" (see _one_year).
            year = int(year_only.group("year"))
            phrase = _words(text[found.start() : year_only.end()])
            return ReportingPeriod(phrase, date(year, 1, 1), date(year, 12, 31), exact=False)
        phrase = _words(text[found.start() : end_match.end() if end_match else found.end()])
        if end.precision is not DatePrecision.DAY:
            return ReportingPeriod(phrase, _year_before(end.latest), end.latest, exact=False)
        if found.group("weeks"):
            start = end.value - timedelta(weeks=int(found.group("weeks"))) + timedelta(days=1)
            return ReportingPeriod(phrase, start, end.value, exact=True)
        # "Year ending" states a 12-month year; "period ending" may not, so its start is a guess.
        exact = found.group("kind").lower() == "year"
        return ReportingPeriod(phrase, _year_before(end.value), end.value, exact=exact)
    return None


def _year_before(end: date) -> date:
    """The first day of the 12-month year that ends on `end`."""
    following = end + timedelta(days=1)
    try:
        return following.replace(year=following.year - 1)
    except ValueError:  # 29 February
        return date(following.year - 1, 3, 1)


def _split_year(text: str) -> ReportingPeriod | None:
    found = _SPLIT_YEAR.search(text)
    if found is None:
        return None
    first = _year(found.group("first") or found.group("first2"))
    second = _year(found.group("second") or found.group("second2"))
    if second != first + 1:
        return None
    start = date(first, SPLIT_YEAR_START_MONTH, 1)
    return ReportingPeriod(_words(found.group(0)), start, _year_before_end(start), exact=False)


def _year_before_end(start: date) -> date:
    return start.replace(year=start.year + 1) - timedelta(days=1)


def _one_year(text: str) -> ReportingPeriod | None:
    found = _ONE_YEAR.search(text)
    if found is None:
        return None
    year = _year(found.group("fy") or found.group("y1") or found.group("y2"))
    # A calendar year is exact; "FY2024" or "financial year 2024" could end in any month
    # of 2024, and the guess is the calendar year.
    exact = bool(found.group("cal")) or "calendar" in found.group(0).lower()
    return ReportingPeriod(
        _words(found.group(0)), date(year, 1, 1), date(year, 12, 31), exact=exact
    )


def _year_starting(text: str) -> ReportingPeriod | None:
    """A year stated by its first day; the end is a guess: 12 months on."""
    for found in _YEAR_START.finditer(text):
        start_match = DATE_PATTERN.match(text, found.end())
        start = stated_date(start_match) if start_match else None
        if start_match is None or start is None or start.precision is not DatePrecision.DAY:
            continue
        phrase = _words(text[found.start() : start_match.end()])
        return ReportingPeriod(phrase, start.value, _year_before_end(start.value), exact=False)
    return None


def _words(text: str) -> str:
    return " ".join(text.split())
