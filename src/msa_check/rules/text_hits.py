"""The rule parts checked on a sentence's text rather than by a spaCy matcher: regexes and
the words of the heading a sentence sits under.

Apart from the matcher, which compiles them and hands each its list, because they read only
the sentences of the Document and none of spaCy's tokens.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from msa_check.models import Sentence
from msa_check.rules.hits import TIMEOUT_ROLE, Hit, Hits
from msa_check.rules.literal_search import Requirement, SentenceLiterals
from msa_check.rules.near import Target
from msa_check.rules.token_regex import REGEX_TIMEOUT_SECONDS

HEADING_STRENGTH = 0.5  # a sentence under a telling heading is weaker evidence than a match

# A regex of a rule with the literals a match needs (all of the sets, one string of each).
CompiledRegex = tuple[Target, regex.Pattern[str], tuple[Requirement, ...]]


def regex_hits(regexes: Sequence[CompiledRegex], sentences: Sequence[Sentence], hits: Hits) -> None:
    # Regex by regex, each in the sentences that hold its literals: a sentence's hits
    # of one target still come in the order of the rules.
    literals = SentenceLiterals([sentence.text for sentence in sentences])
    for target, pattern, requirements in regexes:
        for index in literals.meeting(requirements):
            text = sentences[index].text
            try:
                found = pattern.search(text, timeout=REGEX_TIMEOUT_SECONDS)
            except TimeoutError:
                timed_out = Hit(
                    f"regex {pattern.pattern[:80]!r} took over {REGEX_TIMEOUT_SECONDS:g} s "
                    f"on sentence {index + 1} and was skipped there",
                    0.0,
                )
                hits[(target[0], TIMEOUT_ROLE)][index].append(timed_out)
                continue
            if found:
                hits[target][index].append(Hit(f'regex "{_shown(found.group(0))}"'))


def _shown(matched: str, limit: int = 80) -> str:
    """What a regex matched, as evidence names it: whole, or cut after a word with "…"."""
    if len(matched) <= limit:
        return matched
    cut = matched[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > 0 else cut) + "…"


def heading_hits(
    headings: Sequence[tuple[Target, tuple[str, ...]]], sentences: Sequence[Sentence], hits: Hits
) -> None:
    # A document has a few headings over many sentences: each is read once.
    targets_of: dict[str, list[Target]] = {}
    for sentence in sentences:
        if not sentence.section:
            continue
        targets = targets_of.get(sentence.section)
        if targets is None:
            title = sentence.section.lower()
            targets = targets_of[sentence.section] = [
                target for target, words in headings if next((w for w in words if w in title), None)
            ]
        for target in targets:
            hits[target][sentence.index].append(
                Hit(f'heading "{sentence.section}"', HEADING_STRENGTH)
            )
