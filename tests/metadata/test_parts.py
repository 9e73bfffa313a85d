"""The parts metadata is made of: dates and periods, identifiers, the language guess."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msa_check.metadata import language
from msa_check.metadata.dates import find_reporting_period, parse_date
from msa_check.metadata.identifiers import find_identifiers
from msa_check.metadata.language import guess_language
from msa_check.models import DatePrecision, StatedDate


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("12 June 2025", "2025-06-12"),
        ("on the 31st day of March, 2025", "2025-03-31"),
        ("March 31, 2025", "2025-03-31"),
        ("May 23th, 2024", "2024-05-23"),
        ("Sep 20, 2023", "2023-09-20"),
        ("31/03/2025", "2025-03-31"),  # day first, as UK and Australian statements write it
        ("05/06/2024", "2024-06-05"),  # ambiguous: day first
        ("5/24/2024", "2024-05-24"),  # month first: 24 cannot be a month
        ("13/1/2023", "2023-01-13"),
        ("2025-03-31", "2025-03-31"),
        ("14-NOV-2024", "2024-11-14"),
        ("approved in June 2024", "2024-06"),
        ("31 June 2024, then 1 July 2024", "2024-07-01"),  # an impossible date is skipped
    ],
)
def test_dates_as_statements_write_them(text: str, iso: str) -> None:
    stated = parse_date(text)
    assert stated is not None and stated.iso == iso


def test_a_month_is_a_range_of_days() -> None:
    stated = StatedDate("February 2024", date(2024, 2, 1), DatePrecision.MONTH)
    assert (stated.value, stated.latest, stated.iso) == (
        date(2024, 2, 1),
        date(2024, 2, 29),
        "2024-02",
    )
    december = StatedDate("December 2024", date(2024, 12, 1), DatePrecision.MONTH)
    assert december.latest == date(2024, 12, 31)
    assert parse_date("no date here, only 2025") is None


@pytest.mark.parametrize(
    ("text", "start", "end", "exact"),
    [
        ("for the financial year ending 31 March 2025", "2024-04-01", "2025-03-31", True),
        ("1 January 2024 to 31 December 2024", "2024-01-01", "2024-12-31", True),
        ("the period from 1 July 2023 - 30 June 2024", "2023-07-01", "2024-06-30", True),
        ("the year ended 30th June, 2024", "2023-07-01", "2024-06-30", True),
        ("the fiscal year ended December 31, 2023", "2023-01-01", "2023-12-31", True),
        ("the 52 weeks ended 1 March 2025", "2024-03-03", "2025-03-01", True),
        ("the financial year ending 29 February 2024", "2023-03-01", "2024-02-29", True),
        ("the reporting period ending 30 June 2024", "2023-07-01", "2024-06-30", False),
        ("the year ending March 2025", "2024-04-01", "2025-03-31", False),
        ("our FY2023/24 statement", "2023-04-01", "2024-03-31", False),
        ("the 2023-24 financial year", "2023-04-01", "2024-03-31", False),
        ("this covers FY24", "2024-01-01", "2024-12-31", False),
        ("calendar year 2024", "2024-01-01", "2024-12-31", True),
        # Wordings the old second finder (Report.period) read, now folded into this one.
        (
            "This statement covers the period 1 January 2024 to 31 December 2024",
            "2024-01-01",
            "2024-12-31",
            True,
        ),
        ("for the financial year ending 2017", "2017-01-01", "2017-12-31", False),
        ("the financial year ending in 2018", "2018-01-01", "2018-12-31", False),
        ("the financial year 1 April 2015", "2015-04-01", "2016-03-31", False),
        ("the reporting period January 1, 2023", "2023-01-01", "2023-12-31", False),
        ("the reporting period 2024/25", "2024-04-01", "2025-03-31", False),
        ("the financial year of 2024", "2024-01-01", "2024-12-31", False),
    ],
)
def test_reporting_periods(text: str, start: str, end: str, exact: bool) -> None:
    period = find_reporting_period([text])
    assert period is not None
    assert (period.start, period.end, period.exact) == (
        date.fromisoformat(start),
        date.fromisoformat(end),
        exact,
    )


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "This statement covers the period 1 January 2024 to 31 December 2024.",
            "period 1 January 2024 to 31 December 2024",
        ),
        (
            "This is our statement for the financial year 1 April 2024 to 31 March 2025.",
            "financial year 1 April 2024 to 31 March 2025",
        ),
        ("It covers the financial year ending in 2018.", "financial year ending in 2018"),
    ],
)
def test_a_period_keeps_its_words(text: str, words: str) -> None:
    period = find_reporting_period([text])
    assert period is not None and period.text == words


def test_no_period_and_the_first_stated_period_wins() -> None:
    assert find_reporting_period(["We were founded on 1 May 1990.", "Statement 2024"]) is None
    # two dates a week apart are not a reporting period
    assert find_reporting_period(["Audits ran from 1 March 2024 to 8 March 2024."]) is None
    period = find_reporting_period(
        ["This statement covers the year ending 31 March 2025.", "Plans for FY2025/26."]
    )
    assert period is not None and period.text == "year ending 31 March 2025"


def test_identifiers() -> None:
    texts = [
        "Acme Ltd, company number 1234567, registered office in Leeds.",
        "Registered in England and Wales No. 01234567. Call 0113 496 0000.",
        "Jellyfish Ltd is a company registered in England and Wales (SC123456).",
        "Corvid Pty Ltd ABN 12 345 678 901, ACN 123 456 789.",
        "Borealis Inc., business number 123456789 RC0001.",
        "We employ 1234567 people and spent 98765432 on goods.",  # no naming words: nothing
    ]
    found = [(i.scheme, i.value) for i in find_identifiers(texts)]
    assert found == [
        ("uk_company_number", "01234567"),
        ("uk_company_number", "SC123456"),
        ("au_abn", "12345678901"),
        ("au_acn", "123456789"),
        ("ca_business_number", "123456789RC0001"),
    ]


ENGLISH = (
    "This statement sets out the steps that we have taken during the year to ensure that "
    "slavery and human trafficking is not taking place in our supply chains or in any part "
    "of our business. It has been approved by the board and it will be reviewed each year, "
    "with the help of our suppliers and their workers."
)
FRENCH = (
    "Cette déclaration présente les mesures que nous avons prises au cours de l'exercice pour "
    "que le travail forcé et le travail des enfants ne soient pas utilisés dans nos chaînes "
    "d'approvisionnement. Elle a été approuvée par le conseil d'administration et elle est "
    "publiée sur notre site avec les rapports de nos fournisseurs et des audits."
)
GERMAN = (
    "Diese Erklärung beschreibt die Maßnahmen, die wir im Geschäftsjahr ergriffen haben, "
    "damit es in unseren Lieferketten und in unserem eigenen Unternehmen keine Sklaverei und "
    "keinen Menschenhandel gibt. Sie wurde von der Geschäftsführung genehmigt und wird auf "
    "unserer Website veröffentlicht, und wir werden sie auch jedes Jahr prüfen."
)


def test_the_language_guess() -> None:
    assert guess_language(ENGLISH) == "en"
    assert guess_language(FRENCH) == "fr"
    assert guess_language(GERMAN) == "de"
    assert guess_language("Modern Slavery Statement 2024") is None  # too few words
    assert guess_language(" ".join(["12345"] * 100)) is None


# ASCII letters and marks, and characters outside ASCII that are letters to the word regex
# ("é", "ß", the superscript "²", the dotted capital I) or are not (quotes, dashes, spaces).
_LANGUAGE_ALPHABET = "aZ Iq'\n,.-_9" + "\u2019\u201c\u2013\u00a0\u2022" + "\u00e9\u00df\u00b2\u0130"
_LANGUAGE_ALPHABET += "\u03a3"  # the Greek capital sigma lowers as the last letter of a word


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_LANGUAGE_ALPHABET, max_size=60))
def test_the_language_sample_is_the_regex_words_in_lower_case(text: str) -> None:
    # The byte-table reading is taken only where it finds the regex's words exactly.
    words = [word.lower() for word in language._WORD.findall(text)]
    if language._NON_ASCII_LETTER.search(text) is None:
        assert language._ascii_words_lowered(text) == words
    assert language._first_words_lowered(text) == words[: language.SAMPLE_WORDS]


def test_a_long_text_is_sampled_from_its_start() -> None:
    many = " ".join(f"Word{chr(97 + i % 26)}" for i in range(3000))  # digits split no word
    expected = [word.lower() for word in language._WORD.findall(many)][: language.SAMPLE_WORDS]
    assert language._first_words_lowered(many) == expected
    sparse = "x" + " " * 20_000 + " the" * 50  # fewer words in the prefix than the sample
    assert language._first_words_lowered(sparse) == ["x"] + ["the"] * 50
