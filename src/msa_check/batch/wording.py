"""Counts in the batch's words: "1 item", "2 items", "the 1 line after it".

One place, so a progress line, a summary title and a list's error agree with their number.
"""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """`number` and `noun`, the noun plural unless the number is 1: "1 item", "0 items"."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
