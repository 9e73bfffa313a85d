"""What a rule part matching a sentence records: a Hit, and the Hits of a document.

Apart from the matcher because every stage after it reads hits (analysis, the classifier's
rule-hit features) without needing the spaCy matchers that find them.
"""

from __future__ import annotations

from dataclasses import dataclass

from msa_check.rules.near import Target

TIMEOUT_ROLE = "timeout"


@dataclass(frozen=True)
class Hit:
    """One part of a rule matching one sentence."""

    description: str  # e.g. 'phrase "board of directors"'
    strength: float = 1.0


# A Target is what a hit is for: (criterion id, role), where role is "match", "exclude",
# "also", "alert:<id>", "qualifier:<id>" or "timeout" (a regex search that ran out of time).
# Per target, the hits of each sentence (by sentence index).
Hits = dict[Target, dict[int, list[Hit]]]


def sentence_rule_hits(hits: Hits, count: int) -> list[frozenset[str]]:
    """Per sentence of `count`, the criterion and role of each hit, as the classifier's
    rule-hit features name them (timeouts are no hit)."""
    from msa_check.classifier.linear import rule_hit_name

    named: list[set[str]] = [set() for _ in range(count)]
    for (criterion, role), by_sentence in hits.items():
        if role == TIMEOUT_ROLE:
            continue
        name = rule_hit_name(criterion, role)
        for index, found in by_sentence.items():
            if found:
                named[index].add(name)
    return [frozenset(names) for names in named]
