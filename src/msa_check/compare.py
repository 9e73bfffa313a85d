"""Two statements side by side: what improved, what regressed, and what was copied over.

Pure: two Reports and the sentences of the two documents in, a frozen Comparison out.
Criteria are matched by rule set id and criterion id. Verdicts are ordered met > partial
> missing; a criterion `not_checked` in either statement, or in only one of them, is not
compared, and nor is any criterion when either document is no statement at all (status
not_a_statement or no_statement_found: its verdicts only show what it lacks). Evidence
that appeared or disappeared is found by comparing sentence text after normalising case
and whitespace; an appeared and a disappeared sentence that are nearly the same (the
difflib ratio below) are one sentence updated, not one new and one gone. Carry-over is
the share of the new statement's sentences (of at least MIN_WORDS words, so headings do
not count) found unchanged in the old one; sentences that differ only a little (difflib
ratio >= NEAR_RATIO: a figure updated, a word changed) are counted apart as
near-duplicates.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum

from msa_check.models import (
    CriterionResult,
    Evidence,
    OverallStatus,
    Report,
    RuleSetResult,
    Verdict,
)

MIN_WORDS = 5  # shorter sentences (headings, "Signed:") say nothing about copying
NEAR_RATIO = 0.9  # difflib.SequenceMatcher ratio from which two sentences are near-duplicates
MAX_NEAR_COMPARISONS = 2_000_000  # pairs of sentences compared for near-duplicates, at most
_RANK = {Verdict.MET: 2, Verdict.PARTIAL: 1, Verdict.MISSING: 0}
# A report with one of these statuses read no statement, so its verdicts are not compared.
NOT_STATEMENTS = frozenset({OverallStatus.NOT_A_STATEMENT, OverallStatus.NO_STATEMENT_FOUND})


class Change(str, Enum):
    """How a criterion's verdict moved from the old statement to the new."""

    IMPROVED = "improved"
    REGRESSED = "regressed"
    UNCHANGED = "unchanged"
    NOT_COMPARED = "not_compared"  # not checked in one of them, or in only one rule set


@dataclass(frozen=True)
class CriterionChange:
    rule_set: str
    criterion: str
    title: str
    mandatory: bool
    old: Verdict | None  # None when the old statement's rule sets lack the criterion
    new: Verdict | None
    change: Change
    appeared: tuple[Evidence, ...] = ()  # evidence in the new statement only
    disappeared: tuple[Evidence, ...] = ()  # evidence in the old statement only
    # (old, new): evidence nearly the same in both (a year or a figure updated), kept out of
    # `appeared` and `disappeared`
    updated: tuple[tuple[Evidence, Evidence], ...] = ()


@dataclass(frozen=True)
class CarryOver:
    """How much of the new statement's text was already in the old one."""

    sentences: int  # sentences of the new statement with at least MIN_WORDS words
    unchanged: int  # of those, found in the old statement after normalising
    near_duplicates: int  # of the rest, nearly the same as an old sentence
    near_checked: bool = True  # False when the statements were too long to look for them
    examples: tuple[str, ...] = ()  # a few of the unchanged sentences, as in the new text

    @property
    def share(self) -> float:
        return self.unchanged / self.sentences if self.sentences else 0.0

    @property
    def near_share(self) -> float:
        return self.near_duplicates / self.sentences if self.sentences else 0.0


@dataclass(frozen=True)
class Comparison:
    old: Report
    new: Report
    criteria: tuple[CriterionChange, ...]
    carry_over: CarryOver

    def with_change(self, change: Change) -> tuple[CriterionChange, ...]:
        return tuple(c for c in self.criteria if c.change is change)

    @property
    def both_statements(self) -> bool:
        """False when either side is no statement, so that no verdict was compared."""
        return not ({self.old.status, self.new.status} & NOT_STATEMENTS)


def compare_reports(
    old: Report,
    new: Report,
    old_sentences: Sequence[str],
    new_sentences: Sequence[str],
    *,
    examples: int = 3,
) -> Comparison:
    """Compare two statements criterion by criterion and measure the text carried over."""
    changes = tuple(_criterion_changes(old.results, new.results))
    if {old.status, new.status} & NOT_STATEMENTS:
        changes = tuple(replace(c, change=Change.NOT_COMPARED) for c in changes)
    return Comparison(
        old=old,
        new=new,
        criteria=changes,
        carry_over=carry_over(old_sentences, new_sentences, examples=examples),
    )


def normalise(text: str) -> str:
    """Sentence text for comparison: lower case, runs of whitespace as one space."""
    return " ".join(text.split()).casefold()


def verdict_change(old: Verdict | None, new: Verdict | None) -> Change:
    if old is None or new is None or old not in _RANK or new not in _RANK:
        return Change.NOT_COMPARED
    if _RANK[new] > _RANK[old]:
        return Change.IMPROVED
    if _RANK[new] < _RANK[old]:
        return Change.REGRESSED
    return Change.UNCHANGED


def _criterion_changes(
    old: Sequence[RuleSetResult], new: Sequence[RuleSetResult]
) -> Iterable[CriterionChange]:
    old_criteria = {(r.rule_set.id, c.id): c for r in old for c in r.criteria}
    seen = set()
    for result in new:
        for criterion in result.criteria:
            key = (result.rule_set.id, criterion.id)
            seen.add(key)
            yield _criterion_change(result.rule_set.id, old_criteria.get(key), criterion)
    for result in old:
        for criterion in result.criteria:
            if (result.rule_set.id, criterion.id) not in seen:
                yield _criterion_change(result.rule_set.id, criterion, None)


def _criterion_change(
    rule_set: str, old: CriterionResult | None, new: CriterionResult | None
) -> CriterionChange:
    either = new or old
    assert either is not None  # one of the two always exists
    old_evidence = old.evidence if old else ()
    new_evidence = new.evidence if new else ()
    appeared = _not_in(new_evidence, old_evidence)
    disappeared = _not_in(old_evidence, new_evidence)
    updated = _updated_pairs(disappeared, appeared)
    return CriterionChange(
        rule_set=rule_set,
        criterion=either.id,
        title=either.title,
        mandatory=either.mandatory,
        old=old.verdict if old else None,
        new=new.verdict if new else None,
        change=verdict_change(old.verdict if old else None, new.verdict if new else None),
        appeared=tuple(e for e in appeared if all(e is not n for _, n in updated)),
        disappeared=tuple(e for e in disappeared if all(e is not o for o, _ in updated)),
        updated=updated,
    )


def _updated_pairs(
    gone: Sequence[Evidence], new: Sequence[Evidence]
) -> tuple[tuple[Evidence, Evidence], ...]:
    """Each gone sentence paired with the first unpaired new one nearly the same as it."""
    if len(gone) * len(new) > MAX_NEAR_COMPARISONS:
        return ()
    pairs: list[tuple[Evidence, Evidence]] = []
    free = list(new)
    for old_item in gone:
        match = next((n for n in free if _nearly_same(old_item.text, n.text)), None)
        if match is not None:
            pairs.append((old_item, match))
            free.remove(match)
    return tuple(pairs)


def _nearly_same(a: str, b: str) -> bool:
    a, b = normalise(a), normalise(b)
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(b)
    return _near(matcher, b, a)


def _not_in(evidence: Sequence[Evidence], other: Sequence[Evidence]) -> tuple[Evidence, ...]:
    """Evidence whose sentence is not among `other`'s, once each, in order."""
    known = {normalise(e.text) for e in other}
    found: dict[str, Evidence] = {}
    for item in evidence:
        found.setdefault(normalise(item.text), item)
    return tuple(e for text, e in found.items() if text not in known)


def carry_over(
    old_sentences: Sequence[str], new_sentences: Sequence[str], *, examples: int = 3
) -> CarryOver:
    """The share of the new sentences found unchanged in the old, and the near-duplicates."""
    old = {normalise(s) for s in old_sentences if len(s.split()) >= MIN_WORDS}
    counted = [s for s in new_sentences if len(s.split()) >= MIN_WORDS]
    unchanged = [s for s in counted if normalise(s) in old]
    rest = [normalise(s) for s in counted if normalise(s) not in old]
    near_checked = len(rest) * len(old) <= MAX_NEAR_COMPARISONS
    near = _near_duplicates(rest, sorted(old)) if near_checked else 0
    return CarryOver(
        sentences=len(counted),
        unchanged=len(unchanged),
        near_duplicates=near,
        near_checked=near_checked,
        examples=tuple(unchanged[:examples]),
    )


def _near_duplicates(new: Sequence[str], old: Sequence[str]) -> int:
    """How many of `new` have an `old` sentence with a difflib ratio of at least NEAR_RATIO."""
    matcher = difflib.SequenceMatcher(autojunk=False)
    count = 0
    for sentence in new:
        matcher.set_seq2(sentence)  # set once: difflib caches what it learns of seq2
        count += any(_near(matcher, sentence, candidate) for candidate in old)
    return count


def _near(matcher: difflib.SequenceMatcher[str], sentence: str, candidate: str) -> bool:
    """Whether `candidate` and `sentence` (the matcher's seq2) have a difflib ratio of at
    least NEAR_RATIO."""
    # ratio <= 2*min/(len1+len2): skip pairs whose lengths alone rule them out
    if 2 * min(len(sentence), len(candidate)) < NEAR_RATIO * (len(sentence) + len(candidate)):
        return False
    matcher.set_seq1(candidate)
    return (
        matcher.real_quick_ratio() >= NEAR_RATIO
        and matcher.quick_ratio() >= NEAR_RATIO
        and matcher.ratio() >= NEAR_RATIO
    )
