"""Cue words (metadata/cues.py): a sentence without one is skipped by a metadata search, so
every match of the search's regex must contain one, in the lower-case text or, for a text
where lower case is no stand-in for a case-insensitive search, in the text itself."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from msa_check.metadata import approval, dates, finder, identifiers, signatures
from msa_check.metadata.cues import UNLIKE_LOWER, CueSearch
from msa_check.models import Sentence
from tests.fuzz.settings import FUZZ

Cued = Callable[[CueSearch], set[int]]


def with_words(words: Sequence[str]) -> Cued:
    return lambda cues: cues.sentences_with(words)


# Each regex that a search skips sentences by, and the sentences its cue words leave.
SEARCHES: list[tuple[re.Pattern[str], Cued]] = [
    (signatures.SIGNED, signatures.cued_sentences),
    (signatures.NAME_LABEL, signatures.cued_sentences),
    (signatures.BARE_CUE, with_words(signatures.BARE_CUE_WORDS)),
    (approval.APPROVAL_VERB, with_words(approval.CUE_WORDS)),
    *((pattern, with_words(identifiers.CUE_WORDS)) for _, pattern in identifiers._PATTERNS),
]
CUE_WORDS = (
    *signatures.CUE_WORDS, *signatures.LABEL_WORDS, ":", *approval.CUE_WORDS,
    *identifiers.CUE_WORDS, *dates._PERIOD_WORDS,
)  # fmt: skip
SEARCH_IDS = [pattern.pattern[:30] for pattern, _ in SEARCHES]
EXAMPLES = {
    signatures.SIGNED: "Signed: Jane Doe",
    signatures.NAME_LABEL: "Full name : Jane Doe",
    signatures.BARE_CUE: "SIGNED ON BEHALF OF THE BOARD",
    approval.APPROVAL_VERB: "This statement was approved by the board.",
    **dict(
        zip(
            (pattern for _, pattern in identifiers._PATTERNS),
            ("Registered in England and Wales No. 01234567", "ABN 12 345 678 901",
             "ACN 123 456 789", "Business Number: 123456789"),
            strict=True,
        )
    ),
}  # fmt: skip
# Letters a case-insensitive regex takes for "s" and "i", and lower case does not.
_LOOKALIKES = {"s": "\u017f", "S": "\u017f", "i": "\u0131", "I": "\u0130"}


def sentences_of(pieces: Sequence[str], between: str = " ") -> tuple[str, list[Sentence]]:
    """A document's text of `pieces` joined by `between`, each piece a sentence."""
    sentences, at = [], 0
    for index, piece in enumerate(pieces):
        sentences.append(Sentence(index, piece, at, at + len(piece)))
        at += len(piece) + len(between)
    return between.join(pieces), sentences


def test_lower_case_stands_in_for_a_case_insensitive_search_but_for_three_letters() -> None:
    cue_characters = sorted({c for word in CUE_WORDS for c in word})
    either = re.compile("[" + re.escape("".join(cue_characters)) + "]", re.IGNORECASE)
    for code in range(sys.maxunicode + 1):
        character = chr(code)
        if character in UNLIKE_LOWER:
            continue
        assert len(character.lower()) == 1, hex(code)  # so offsets hold in the lower text
        if either.fullmatch(character):
            taken_for = [c for c in cue_characters if re.fullmatch(re.escape(c), character, re.I)]
            assert all(character.lower() == c for c in taken_for), (hex(code), taken_for)


@pytest.mark.parametrize(("regex", "cued"), SEARCHES, ids=SEARCH_IDS)
@FUZZ
@given(data=st.data())
def test_every_match_has_a_cue_word(
    regex: re.Pattern[str], cued: Cued, data: st.DataObject
) -> None:
    matching = data.draw(st.from_regex(regex).filter(lambda text: regex.search(text) is not None))
    # Sometimes with the letters lower case does not lower as the regex reads them.
    swapped = data.draw(st.booleans())
    if swapped:
        matching = "".join(_LOOKALIKES.get(c, c) for c in matching)
        if regex.search(matching) is None:
            return
    before = data.draw(st.text(max_size=20))
    text, sentences = sentences_of([before, matching, "Nothing here."], "\n\n")
    assert 1 in cued(CueSearch(text, sentences))


@pytest.mark.parametrize(("regex", "cued"), SEARCHES, ids=SEARCH_IDS)
def test_a_known_match_in_a_document_is_found_and_others_are_not(
    regex: re.Pattern[str], cued: Cued
) -> None:
    example = EXAMPLES[regex]
    assert regex.search(example)
    for unlike in ("", " \u0130stanbul"):  # the lower-case text, then the regex in its stead
        text, sentences = sentences_of(["We make widgets.", example + unlike, "We sell them."])
        assert cued(CueSearch(text, sentences)) == {1}


def test_a_word_across_two_sentences_is_in_neither() -> None:
    text, sentences = sentences_of(["We sig", "ned it."], "")
    assert CueSearch(text, sentences).sentences_with(["signed"]) == set()
    assert CueSearch(text + "\u017f", sentences).sentences_with(["signed"]) == set()


# The regex of each reader of a reporting period: a text none of them matches states none.
# (_RANGE, generated from its own regex, takes seconds an example: see the test after.)
PERIOD_READERS = [dates._YEAR_END, dates._SPLIT_YEAR, dates._ONE_YEAR, dates._YEAR_START]


@pytest.mark.parametrize("regex", PERIOD_READERS, ids=[r.pattern[:30] for r in PERIOD_READERS])
@FUZZ
@given(data=st.data())
def test_a_text_a_reader_matches_has_period_words(
    regex: re.Pattern[str], data: st.DataObject
) -> None:
    matching = data.draw(st.from_regex(regex).filter(lambda text: regex.search(text) is not None))
    if data.draw(st.booleans()):
        matching = "".join(_LOOKALIKES.get(c, c) for c in matching)
    assert dates.has_period_words(matching) or regex.search(matching) is None


@FUZZ
@given(
    first=st.from_regex(dates.DATE_PATTERN, fullmatch=True),
    between=st.from_regex(r"\s*(?:to|until|through|-|\u2013|\u2014)\s*", fullmatch=True),
    second=st.from_regex(dates.DATE_PATTERN, fullmatch=True),
    around=st.tuples(st.text(max_size=8), st.text(max_size=8)),
)
def test_a_range_of_dates_may_be_a_range(
    first: str, between: str, second: str, around: tuple[str, str]
) -> None:
    text = around[0] + first + between + second + around[1]
    assert dates.may_hold_a_range(text) or dates._RANGE.search(text) is None


def test_what_may_state_a_period() -> None:
    assert dates.may_hold_a_range("1 April 2024 to 31 March 2025")
    assert dates.may_hold_a_range("1/4/24-31/3/25")
    assert not dates.may_hold_a_range("We were founded in 1990 and employ 2,000 people.")
    assert dates.has_period_words("FY24")
    assert dates.has_period_words("the Financial Year")
    assert not dates.has_period_words("1 April 2024 to 31 March 2025")


@FUZZ
@given(data=st.data())
def test_every_organisation_has_a_cue(data: st.DataObject) -> None:
    regex = finder._ORGANISATION
    text = data.draw(st.from_regex(regex).filter(lambda text: regex.search(text) is not None))
    assert any(cue in text for cue in finder.ORGANISATION_CUES)
