"""Each normalisation step, pinned down on its own."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from msa_check.extract import normalise
from msa_check.extract.normalise import (
    collapse_whitespace,
    join_line_end_hyphens,
    normalise_block_text,
    normalise_spaces,
    remove_soft_hyphens,
    replace_ligatures,
    starts_with_bullet,
    strip_bullet,
    tidy_line_breaks,
)


def test_ligatures_are_spelled_out() -> None:
    assert (
        replace_ligatures("ﬁnancial ofﬁce ﬂow ﬀ ﬃ ﬄ ﬅ ﬆ")
        == "financial office flow ff ffi ffl st st"
    )


def test_decomposed_accents_are_composed() -> None:
    assert replace_ligatures("Cafe\u0301") == "Café"


def test_odd_spaces_become_spaces_and_zero_width_ones_go() -> None:
    assert normalise_spaces("a\u00a0b\u2009c\u202fd\u200be\ufefff\tg") == "a b c def g"


def test_soft_hyphens() -> None:
    assert remove_soft_hyphens("employ\u00ad\nees") == "employees"
    assert remove_soft_hyphens("super\u00admarket") == "supermarket"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("employ-\nees", "employees"),
        ("anti-\nslavery", "anti-slavery"),
        ("Anti-\nslavery", "Anti-slavery"),
        ("discovery-to-\ndelivery", "discovery-to-delivery"),
        ("Coca-\nCola", "Coca-Cola"),
        ("AIM-\nPROGRESS", "AIM-PROGRESS"),
        ("2019-\n2020", "2019-\n2020"),
        ("anti-slavery policy", "anti-slavery policy"),
    ],
)
def test_line_end_hyphens(text: str, expected: str) -> None:
    assert join_line_end_hyphens(text) == expected


def test_whitespace_collapses_and_lines_join() -> None:
    assert collapse_whitespace("  a   b \n  c  ") == "a b c"
    assert collapse_whitespace("a \n\n b", keep_line_breaks=True) == "a\nb"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("• Audits", "Audits"),
        ("\uf0b7 Audits", "Audits"),
        ("▪Audits", "Audits"),
        ("\u2013 Audits", "Audits"),
        ("- Audits", "Audits"),
        ("-5% of spend", "-5% of spend"),
        ("Audits", "Audits"),
    ],
)
def test_strip_bullet(text: str, expected: str) -> None:
    assert strip_bullet(text) == expected
    assert starts_with_bullet(text) is (text != expected)


def test_block_text_runs_every_step() -> None:
    raw = "Our ﬁrst\u00a0 anti-\nslavery  employ-\nees train-\n ing; em\u00ad\nployees"
    assert normalise_block_text(raw) == "Our first anti-slavery employees training; employees"


def test_the_unusual_character_test_finds_exactly_what_the_substitutions_change() -> None:
    """One character class stands for four patterns: the same characters, every one."""
    patterns = (
        normalise._ODD_SPACES,
        normalise._ZERO_WIDTH,
        normalise._LINE_SEPARATORS,
        normalise._CONTROL,
    )
    for code in [*range(0x3100), *range(0xFE00, 0x10000)]:
        character = chr(code)
        expected = any(p.search(character) for p in patterns)
        assert bool(normalise._UNUSUAL_CHARACTER.search(character)) is expected, hex(code)


@given(st.text(alphabet="ab \n\t\u00a0", max_size=40))
def test_tidy_line_breaks_is_the_regex_it_replaced(text: str) -> None:
    assert tidy_line_breaks(text) == re.sub(r"(?<! ) *\n[ \n]*", "\n", text)


# Characters normalise_spaces changes, and the text around them, for the flag below.
_SPACED_TEXT = st.text(
    alphabet="ab -#•1.\n\r\u00a0\u2028\u200b\t\f\x07\ufb01e\u0301\u00ad", max_size=60
)


@given(_SPACED_TEXT)
def test_spaces_plain_only_skips_what_normalise_spaces_would_not_change(raw: str) -> None:
    # The flag a caller passes when the text holds no unusual character: the block must
    # come out as it does with the search made.
    plain = not normalise.has_unusual_character(raw)
    assert plain == (normalise.normalise_spaces(raw) == raw)
    if plain:
        assert normalise.normalise_block_text(raw, spaces_plain=True) == (
            normalise.normalise_block_text(raw)
        )


@given(_SPACED_TEXT)
def test_text_blocks_with_one_search_a_text_matches_one_a_block(raw: str) -> None:
    from unittest import mock

    from msa_check.extract import text as text_module

    def searched_each_block(block: str, *, spaces_plain: bool = False) -> str:
        return normalise.normalise_block_text(block)  # the flag ignored: a search a block

    blocks = text_module.text_blocks(raw)
    with mock.patch.object(text_module, "normalise_block_text", searched_each_block):
        assert text_module.text_blocks(raw) == blocks
