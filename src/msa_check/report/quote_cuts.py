"""Text cut to fit, always after a whole word and with an ellipsis: quotes in the console
(in lines of the width they are drawn at), in Markdown and in `compare` (in characters).

A quote cut by count ended mid-word ("makes our Chief Operating Officer accountabl…");
every renderer now cuts here, so all of them cut the same way.
"""

from __future__ import annotations

import textwrap

ELLIPSIS = "…"


def fit_lines(text: str, width: int, lines: int, end: str = "") -> list[str]:
    """`text` wrapped at words into at most `lines` lines of `width`, `end` after its last
    word; when it does not fit, the most whole words that leave room for an ellipsis and
    `end`. Only a first word longer than all the lines is itself cut."""
    width = max(width, 8)
    words = text.split()

    def wrapped(kept: int, cut: bool) -> list[str]:
        shown = " ".join(words[:kept])
        if cut:  # "in full…", not "in full,…"
            shown = shown.rstrip(",;:") + ELLIPSIS
        shown += end
        return textwrap.wrap(shown, width, break_on_hyphens=False)

    whole = wrapped(len(words), cut=False)
    if len(whole) <= lines:
        return whole
    fewest, most = 0, len(words) - 1  # the most words that fit, found by halving
    while fewest < most:
        middle = (fewest + most + 1) // 2
        if len(wrapped(middle, cut=True)) <= lines:
            fewest = middle
        else:
            most = middle - 1
    if fewest:
        return wrapped(fewest, cut=True)
    # Not even the first word fits (a long URL, say): cut it, and keep the closing mark.
    closing = end[:1]
    room = width * lines - len(ELLIPSIS + closing)
    return textwrap.wrap(words[0][:room] + ELLIPSIS + closing, width)[:lines]


def truncate(text: str, limit: int) -> str:
    """`text` on one line of at most `limit` characters, cut after a whole word with an
    ellipsis when it is longer (only a first word longer than `limit` is itself cut)."""
    return fit_lines(text, limit, 1)[0] if text.split() else ""
