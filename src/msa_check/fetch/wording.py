"""How strongly some words say "modern slavery statement", and which year they name.

Laws differ in their words: the UK and Australian Modern Slavery Acts ask for a modern
slavery (or "slavery and human trafficking") statement, California for disclosures on
"transparency in supply chains", Canada's S-211 for a report on forced labour and child
labour. A link's wording is scored on its own text and on its URL's path.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

# Mentions that make a page *about* modern slavery, for telling statements from homepages:
# the topic recognition.py counts, one pattern for both.
from msa_check.recognition_patterns import TOPIC

# (pattern, weight): the topic of a statement. The best match counts, not the sum.
_TOPICS: tuple[tuple[re.Pattern[str], float], ...] = tuple(
    (re.compile(pattern), weight)
    for pattern, weight in (
        (r"\bmodern slavery\b", 0.7),
        (r"\bslavery (and|&) (human )?trafficking\b", 0.7),
        (r"\btransparency in (the )?supply chains?\b|\bsupply chains? transparency\b", 0.6),
        (r"\b(anti )?slavery\b", 0.6),
        (r"\bforced (and child )?labou?r\b|\bchild labou?r\b|\bs ?211\b", 0.55),
        (r"\b(human )?trafficking\b", 0.5),
        (r"\bmsa\b|\bmss\b", 0.35),  # modern slavery act / statement, in file names
    )
)
_DOCUMENT_WORDS = re.compile(r"\b(statements?|reports?|disclosures?|declarations?)\b")
_ACT_WORDS = re.compile(r"\b(slavery|supply chains?) act\b|\bs ?211\b|\bsb ?657\b")
_DOCUMENT_BONUS = 0.2
_ACT_BONUS = 0.1
_BOTH_BONUS = 0.05  # the text and the URL both name the topic
_URL_SHARE = 0.9  # a URL's words are a weaker sign than words a reader sees

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
_NOT_WORD = re.compile(r"[^a-z0-9&]+")
_FISCAL_YEAR = re.compile(r"\bfy\s?'?(\d{4}|\d{2})\b")
_YEAR_RANGE = re.compile(r"(?<!\d)(20\d\d)\s?[-/\u2013_]\s?(20\d\d|\d\d)(?!\d)")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_NEWEST = re.compile(r"\b(latest|current|newest|most recent)\b")
NEWEST_YEAR = 9999  # what "latest" counts as: newer than any year


def plain_words(text: str) -> str:
    """Lower-case words, one space apart: "ModernSlavery2024.pdf" -> "modern slavery 2024 pdf"."""
    return " ".join(_NOT_WORD.split(_CAMEL.sub(" ", text).lower())).strip()


def url_words(url: str) -> str:
    """The words of a URL's path and query, without its host."""
    parts = urlsplit(url)
    return plain_words(unquote(f"{parts.path} {parts.query}"))


def topic_weight(words: str) -> float:
    return max((weight for pattern, weight in _TOPICS if pattern.search(words)), default=0.0)


def score_wording(text: str, url: str = "") -> float:
    """0.0-1.0: how strongly `text` and `url` say "modern slavery statement"."""
    text_words, path_words = plain_words(text), url_words(url) if url else ""
    in_text, in_url = topic_weight(text_words), topic_weight(path_words) * _URL_SHARE
    topic = max(in_text, in_url)
    if topic == 0:
        return 0.0
    both = f"{text_words} {path_words}"
    score = topic
    score += _DOCUMENT_BONUS if _DOCUMENT_WORDS.search(both) else 0.0
    score += _ACT_BONUS if _ACT_WORDS.search(both) else 0.0
    score += _BOTH_BONUS if in_text and in_url else 0.0
    return round(min(1.0, score), 2)


def years_named(text: str) -> tuple[int, ...]:
    """The years `text` names, a period counting as its last year: "2023-24" and "FY24" -> 2024."""
    words = text.lower()
    years: list[int] = []
    for match in _FISCAL_YEAR.finditer(words):
        digits = match.group(1)
        years.append(int(digits) if len(digits) == 4 else 2000 + int(digits))
    for match in _YEAR_RANGE.finditer(words):
        start, end = int(match.group(1)), match.group(2)
        last = int(end) if len(end) == 4 else start - start % 100 + int(end)
        # "2024/06" in an upload path is a month, not the period 2024-2006.
        years.append(last if last == start + 1 else start)
    years += [int(match.group(1)) for match in _YEAR.finditer(words)]
    return tuple(sorted(set(years)))


def link_year(text: str, url: str) -> int | None:
    """The year a link's statement is for: named in its text, else its file name, else its path.

    Text first, because "/uploads/2024/06/msa-2023.pdf" is the 2023 statement, uploaded in
    2024; "latest" beats any year.
    """
    if _NEWEST.search(text.lower()):
        return NEWEST_YEAR
    path = unquote(urlsplit(url).path)
    for place in (text, path.rsplit("/", 1)[-1], path):
        years = years_named(place)
        if years:
            return max(years)
    return None


def slavery_mentions(text: str) -> int:
    """How often `text` names slavery, trafficking, forced or child labour, servitude."""
    return len(TOPIC.findall(text))
