"""Whether an evidence sentence reports action taken, plans it, or denies it.

A statement that only promises ("we will introduce training next year") or denies
("no training has yet been provided") has not done the thing, so such sentences never
make a criterion `met`. The cues are deliberately narrow: "we do not tolerate forced
labour" is a policy, not a denial, and "we have trained 200 staff and will train more"
reports action taken.

The patterns are matched case-sensitively on the sentence's lower-case text (with the
few characters IGNORECASE would take for an ASCII letter mapped to it, as the literal
pre-filter does): `re` under IGNORECASE compares each letter with its case variants at
every word boundary, which made these three searches cost three times as much.
tests/rules/test_status.py shows that `re` reads every character alike both ways.
"""

from __future__ import annotations

import functools
import re

from msa_check.models import EvidenceStatus
from msa_check.rules.literal_search import has_required_literals, literal_haystack
from msa_check.rules.literals import required_literals

# Past participles of the acts statements report, shared by the denial patterns.
_ACTS = (
    r"(?:taken|carried|conducted|undertaken|provided|delivered|implemented|introduced|"
    r"established|developed|adopted|assessed|audited|trained|identified|received|"
    r"approved|signed|reviewed|completed|published|put|made|set|begun|started)"
)
# Lower-case patterns, matched on lower-case text: see the module's docstring.
_DENIED = re.compile(
    rf"""
    \b(?:do|does|did)\s+not\s+(?:currently|yet|at\ present)\b
    | \b(?:don't|doesn't|didn't)\s+(?:currently|yet)\b
    | \b(?:did\s+not|didn't)\s+(?:take|carry|conduct|undertake|provide|deliver|implement|
        introduce|assess|audit|train|approve|sign|receive)\b
    | \b(?:have|has|had)\s+(?:not|yet\s+to)\s+(?:yet\s+)?(?:been\s+)?{_ACTS}\b
    | \b(?:have|has|had)\s+(?:taken|received|provided|conducted)\s+no\b
    | \bno\s+(?:\w+\s+){{0,3}}(?:has|have|was|were)\s+(?:yet\s+)?(?:been\s+)?{_ACTS}\b
    | \bno\s+(?:\w+\s+){{0,3}}(?:has|have|had)\s+(?:yet\s+)?{_ACTS}\b
    | \bnot\s+yet\s+(?:been\s+)?(?:{_ACTS}|in\ place)\b
    """,
    re.VERBOSE,
)

_PLANNED = re.compile(
    r"""
    \b(?:will|shall)\s+(?!not\b)(?:be\s+)?\w+
    | \b(?:intend|intends|plan|plans|aim|aims|propose|proposes|expect|expects|hope|hopes)\s+to\b
    | \b(?:would|'d)\s+like\s+to\b
    | \b(?:are|is|am)\s+(?:planning|intending|aiming|going|hoping)\s+to\b
    | \b(?:are|is|am)\s+considering\b
    | \b(?:is|are)\s+(?:planned|scheduled|due|expected)\s+(?:for|to|in)\b
    | \b(?:our|the)\s+(?:goal|aim|ambition|target|objective)\s+is\s+to\b
    | \b(?:next|coming|following)\s+(?:financial\s+|reporting\s+)?(?:year|period|12\s+months)\b
    | \bin\s+the\s+(?:future|coming\s+(?:year|months))\b
    | \bover\s+the\s+next\b
    | \b(?:priorities|objectives|goals|plans)\s+for\s+(?:the\s+)?(?:next|coming|20\d\d)\b
    """,
    re.VERBOSE,
)

# Action already taken outweighs a promise in the same sentence.
_TAKEN = re.compile(
    r"""
    \b(?:have|has|had)\s+(?:\w+\s+){0,2}?(?!not\b)\w+(?:ed|en|t)\b
    | \b(?:was|were)\s+(?:\w+\s+)?\w+(?:ed|en|t)\b
    | \bin\s+(?:the\s+)?(?:financial\s+year\s+|fy\s*)?20\d\d(?:/\d\d)?\s*,?\s+we\s+\w+ed\b
    """,
    re.VERBOSE,
)


# Strings a match of each pattern cannot do without (one of each set, in the lower-case
# text), derived from the pattern ("not" holds "no", so "no" stands for both). The
# patterns search every character for each alternative (about 3 and 7 us a sentence),
# which a few substring tests spare most sentences. tests/rules/test_status.py holds each
# pattern to them and checks that they are selective.
DENIED_NEEDS = required_literals(_DENIED.pattern, _DENIED.flags)
PLANNED_NEEDS = required_literals(_PLANNED.pattern, _PLANNED.flags)


# A sentence is often evidence of several criteria, and quoted again where set aside.
@functools.lru_cache(maxsize=4096)
def evidence_status(sentence: str) -> EvidenceStatus:
    """Classify a sentence as taken, planned or denied action."""
    text = literal_haystack(sentence)
    if has_required_literals(text, DENIED_NEEDS) and _DENIED.search(text):
        return EvidenceStatus.DENIED
    if (
        has_required_literals(text, PLANNED_NEEDS)
        and _PLANNED.search(text)
        and not _TAKEN.search(text)
    ):
        return EvidenceStatus.PLANNED
    return EvidenceStatus.TAKEN
