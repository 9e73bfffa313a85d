"""A Comparison in words, shared by the console, Markdown and JSON renderers."""

from __future__ import annotations

import difflib

from msa_check.compare import CarryOver, Change, Comparison, CriterionChange
from msa_check.models import Report, Verdict
from msa_check.report.metadata_words import period_words
from msa_check.report.wording import VERDICT_WORDS

QUOTES_PER_SIDE = 3  # appeared and disappeared sentences shown per criterion; JSON has all
CHANGE_WORDS = {
    Change.IMPROVED: "▲ improved",
    Change.REGRESSED: "▼ regressed",
    Change.UNCHANGED: "= unchanged",
    Change.NOT_COMPARED: "○ not compared",
}


def verdict_words(verdict: Verdict | None) -> str:
    return VERDICT_WORDS[verdict] if verdict is not None else "absent"


def statement_words(report: Report) -> str:
    """ "samples/a.txt: Northwind Components Ltd, 2023-04-01 to 2024-03-31"."""
    period = report.metadata.period if report.metadata else None
    subject = report.organisation or "organisation not found"
    dates = period_words(period)
    return f"{report.source.location}: {subject}, {dates}"


def carry_over_words(carry: CarryOver) -> str:
    """ "41% of the new statement's 70 sentences are unchanged from the old (29); ..."."""
    if not carry.sentences:
        return "The new statement has no sentence long enough to compare."
    words = (
        f"{carry.share:.0%} of the new statement's {carry.sentences} sentences of "
        f"5 words or more are unchanged from the old ({carry.unchanged})"
    )
    if not carry.near_checked:
        return words + "; near-duplicates not looked for (statements too long)."
    return words + (
        f"; {carry.near_duplicates} more ({carry.near_share:.0%}) are nearly the same "
        "(a figure or a few words changed)."
    )


def changes_words(comparison: Comparison) -> str:
    """ "2 improved, 1 regressed, 7 unchanged, 1 not compared"."""
    if not comparison.both_statements:
        return "not compared: one of the two documents is no statement (see its status)"
    return ", ".join(
        f"{len(comparison.with_change(change))} {CHANGE_WORDS[change][2:]}" for change in Change
    )


def change_line(change: CriterionChange) -> str:
    """ "training (uk-msa-s54): partial → met, ▲ improved"."""
    return (
        f"{change.criterion} ({change.rule_set}): {verdict_words(change.old)} → "
        f"{verdict_words(change.new)}, {CHANGE_WORDS[change.change]}"
    )


def flag_ids(report: Report) -> str:
    return ", ".join(f.id for f in report.flags) or "none"


def worth_detailing(change: CriterionChange) -> bool:
    """Criteria whose verdict moved, or whose evidence did (a sentence updated, a year or a
    figure, is often the most telling change of all)."""
    moved = change.change in (Change.IMPROVED, Change.REGRESSED)
    return moved or bool(change.appeared or change.disappeared or change.updated)


def changed_words(old: str, new: str, *, most: int = 3) -> str:
    """What an updated sentence changed, word for word: "2024 → 2025; 1,190 → 1,240"."""
    before, after = old.split(), new.split()
    spans = [
        f"{' '.join(before[i1:i2]) or '(nothing)'} → {' '.join(after[j1:j2]) or '(nothing)'}"
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after).get_opcodes()
        if tag != "equal"
    ]
    more = f"; and {len(spans) - most} more" if len(spans) > most else ""
    return "; ".join(spans[:most]) + more
