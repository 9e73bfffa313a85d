"""Characters to words as pdfplumber splits them (extract/pdf_words.py)."""

from __future__ import annotations

import sys

import numpy as np

from msa_check.extract.pdf_layout import Word
from msa_check.extract.pdf_words import SPACE_CODES, PageChars, group_words


def test_the_blank_code_points_are_every_one_str_isspace_knows() -> None:
    blank = [code for code in range(sys.maxunicode + 1) if chr(code).isspace()]
    assert SPACE_CODES.tolist() == blank


def _chars(text: str, x0: list[float], bottom: list[float], run: list[int]) -> PageChars:
    lefts = np.array(x0, dtype=np.float64)
    return PageChars(
        codes=np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32),
        x0=lefts,
        x1=lefts + 5.0,
        bottom=np.array(bottom, dtype=np.float64),
        run=np.array(run, dtype=np.int64),
        styles=((10.0, False), (12.0, True)),
    )


def test_words_split_at_blanks_gaps_lines_and_runs_and_read_left_to_right() -> None:
    # "ba" drawn right to left; a space; "cd" with a gap of 4 points inside; "e" on a
    # line 10 points lower; "F" in a bold run of its own on the first line.
    chars = _chars(
        "ba cdeF",
        x0=[25.0, 20.0, 30.0, 35.0, 44.0, 20.0, 60.0],
        bottom=[100.0, 101.0, 100.0, 100.0, 100.0, 110.0, 100.0],
        run=[0, 0, 0, 0, 0, 0, 1],
    )
    assert group_words(chars) == [
        Word("ab", 20.0, 30.0, 91.0, 101.0, 10.0, False),
        Word("c", 35.0, 40.0, 90.0, 100.0, 10.0, False),
        Word("d", 44.0, 49.0, 90.0, 100.0, 10.0, False),
        Word("e", 20.0, 25.0, 100.0, 110.0, 10.0, False),
        Word("F", 60.0, 65.0, 88.0, 100.0, 12.0, True),
    ]


def test_a_page_of_blanks_has_no_words() -> None:
    assert group_words(_chars("  ", [0.0, 5.0], [10.0, 10.0], [0, 0])) == []
    assert group_words(_chars("", [], [], [])) == []
