"""Counts in words: "1 item", "2 items", "the 1 line after it", "3 sentences".

One place, so a progress line, a summary title, a list's error and a verdict's note agree
with their number. (The report's document line groups thousands, "1,234 words", in its own
words.)
"""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """`number` and `noun`, the noun plural unless the number is 1: "1 item", "0 items"."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
