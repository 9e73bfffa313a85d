"""The XY-cut's C-level span merging and inherited row bands give what plain loops give."""

from __future__ import annotations

import random

import pytest

from msa_check.extract.pdf_layout import Word
from msa_check.extract.pdf_reading_order import (
    _merged_in_a_loop,
    _strips,
    _strips_in_a_loop,
    merged_spans,
    reading_order,
)


def _random_spans(rng: random.Random, count: int) -> list[tuple[float, float]]:
    starts = [rng.choice([rng.uniform(0, 100), float(rng.randint(0, 100))]) for _ in range(count)]
    return [(start, start + rng.choice([0.0, rng.uniform(0, 12)])) for start in starts]


@pytest.mark.parametrize("seed", range(40))
def test_forward_spans_merge_and_join_into_strips_as_the_loops_do(seed: int) -> None:
    rng = random.Random(seed)
    spans = _random_spans(rng, rng.randint(1, 60))
    merged, forward = merged_spans(spans)
    assert forward
    assert merged == _merged_in_a_loop(sorted(spans))
    gutter, min_width = rng.uniform(0, 6), rng.uniform(0, 15)
    assert _strips(merged, gutter, min_width) == _strips_in_a_loop(merged, gutter, min_width)


def test_a_backward_span_takes_the_loop() -> None:
    spans = [(0.0, 5.0), (7.0, 6.0), (6.5, 9.0)]
    assert merged_spans(spans) == (_merged_in_a_loop(sorted(spans)), False)


def _plain_reading_order(words: list[Word], gutter: float, min_width: float) -> list[list[Word]]:
    """The XY-cut as first written: every region measured afresh, in plain loops."""
    if len(words) <= 1:
        return [list(words)] if words else []
    spans = _merged_in_a_loop(sorted((w.x0, w.x1) for w in words))
    strips = _strips_in_a_loop(spans, gutter, min_width)
    if len(strips) > 1:
        columns = [[w for w in words if start <= w.x0 <= end] for start, end in strips]
        return [r for col in columns for r in _plain_reading_order(col, gutter, min_width)]
    bands = _merged_in_a_loop(sorted((w.top, w.bottom) for w in words))
    if len(bands) < 2:
        return [list(words)]
    _, cut = max((bands[i + 1][0] - bands[i][1], bands[i][1]) for i in range(len(bands) - 1))
    upper = [w for w in words if w.bottom <= cut]
    lower = [w for w in words if w.bottom > cut]
    return [
        *_plain_reading_order(upper, gutter, min_width),
        *_plain_reading_order(lower, gutter, min_width),
    ]


@pytest.mark.parametrize("seed", range(40))
def test_reading_order_is_the_plain_xy_cut(seed: int) -> None:
    rng = random.Random(seed)
    words = []
    for index in range(rng.randint(0, 80)):
        # Words on a grid of lines and two or three columns, some lines gapped wider.
        column = rng.randint(0, 2) * rng.choice([90.0, 150.0])
        line = rng.randint(0, 25) * rng.choice([12.0, 14.0, 14.0, 30.0])
        x0 = column + rng.uniform(0, 70)
        words.append(Word(f"w{index}", x0, x0 + rng.uniform(0, 20), line, line + 10.0, 10.0, False))
    assert reading_order(words, 6.0, 30.0) == _plain_reading_order(words, 6.0, 30.0)


@pytest.mark.parametrize("seed", range(30))
def test_reading_order_of_full_lines_and_columns_is_the_plain_xy_cut(seed: int) -> None:
    """Lines of words across the page (where the column test is skipped), some split
    into two columns, some with a wide gap, as a designed statement's pages are."""
    rng = random.Random(seed)
    words = []
    for line in range(rng.randint(1, 30)):
        top = line * rng.choice([12.0, 12.0, 13.0, 24.0])
        x0, right = rng.choice([0.0, 0.0, 160.0]), rng.choice([150.0, 300.0, 300.0])
        while x0 < right:
            x1 = x0 + rng.uniform(5, 30)
            words.append(Word(f"w{len(words)}", x0, x1, top, top + 10.0, 10.0, False))
            x0 = x1 + rng.choice([2.5, 3.0, 3.0, 8.0, 40.0])
    gutter, min_width = 6.0, 30.0
    assert reading_order(words, gutter, min_width) == _plain_reading_order(words, gutter, min_width)
