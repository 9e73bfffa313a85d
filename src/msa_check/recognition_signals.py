"""The signals of "is this a modern slavery statement?", each found in the text and given
its points: what recognition.py adds up (its docstring describes every signal).

The points of each signal (`SIGNAL_POINTS`) and the counts behind them (`THRESHOLDS`) are
declared here and nowhere else, beside the code that finds each signal; the score a
statement needs (`NEEDED`) is recognition.py's. The patterns, and the one pass that finds
them all, are in recognition_wording.py.

Pure: text in, StatementSignals out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from msa_check import recognition_patterns as patterns
from msa_check.models import RuleSetResult, StatementSignal, Verdict
from msa_check.recognition_model import MODEL_POINTS
from msa_check.recognition_registry import KindsFound, registry_kinds
from msa_check.recognition_wording import QUOTES, quoted, scan_matches


@dataclass(frozen=True)
class Thresholds:
    """The counts behind the signals (see the module docstring)."""

    opening_chars: int = 250  # "its opening words": the title and first lines
    topic_mentions: int = 3  # mentions of slavery and the like that earn the topic point
    coverage: float = 0.3  # share of checked criteria met or partial that earns a point
    other_kind: int = 3  # "this policy" etc. at least this often (and more than "statement")
    reported_speech: int = 3  # "said", "a spokesperson" ... at least this often: news
    second_person_per_100: float = 2.0  # "you", "your" per 100 words: addressed to a reader
    genre_kinds: int = 2  # kinds of set phrase of minutes or of a research paper
    other_subjects: int = 5  # subjects of an annual report or an ESG page
    registry_kinds: int = 3  # kinds of a statement registry's fixed wording
    registry_layout_kinds: int = 2  # of them, kinds of its page's layout


THRESHOLDS = Thresholds()


# Points of each signal, by its id (negative: a sign of another kind of document).
SIGNAL_POINTS: dict[str, int] = {
    "named_opening": 2,
    "named": 1,
    "self_reference": 1,
    "law": 1,
    "reporting_wording": 1,
    "topic": 1,
    "coverage": 1,
    "model": MODEL_POINTS,  # recognition_model.py
    "other_kind": -2,
    "news": -2,
    "addressed_to_reader": -2,
    "meeting": -3,
    "research": -3,
    "other_subjects": -2,
    "points_elsewhere": -2,
    "registry": -5,
}


def wording_signals(extracted: str, title: str | None) -> list[StatementSignal]:
    limits = THRESHOLDS
    # One space between words: PDF text breaks "this\nstatement" over lines, web text has
    # no-break spaces, and the patterns are written with plain spaces.
    text = " ".join(extracted.split())
    found = scan_matches(text)
    count = {pattern: len(matches) for pattern, matches in found.items()}
    words = text.count(" ") + 1 if text else 0  # the text has one space between words
    second = 100 * count[patterns.SECOND_PERSON] / max(1, words)
    statements = count[patterns.STATEMENT_WORD]
    other_kind = count[patterns.OTHER_KIND]
    self_refs = count[patterns.SELF_REFERENCE]
    pointers = found[patterns.POINTS_ELSEWHERE] if not self_refs else []
    return [
        _naming_signal(text, title, found[patterns.NAMED]),
        _found_signal(
            "self_reference",
            'refers to itself as a statement ("this statement", "the statement is made")',
            text, found[patterns.SELF_REFERENCE], 1,
        ),
        _found_signal(
            "law", "cites a modern slavery law (Modern Slavery Act, section 54, S-211, SB 657)",
            text, found[patterns.LAW], 1,
        ),
        _found_signal(
            "reporting_wording",
            'uses the reporting wording of those laws ("steps taken" against slavery,'
            ' "is not taking place", "reporting entity", "prevent and reduce the risk",'
            ' "I attest that")',
            text, found[patterns.REPORTING_WORDING], 1,
        ),
        _signal(
            "topic",
            f"mentions slavery, trafficking, forced or child labour ({limits.topic_mentions}"
            " times earns the point; never: not a statement)",
            _times(count[patterns.TOPIC]) if count[patterns.TOPIC] else "never",
            count[patterns.TOPIC] >= limits.topic_mentions,
        ),
        _signal(
            "other_kind",
            'calls itself another kind of document ("this policy", "this code",'
            ' "this notice", "these terms")',
            f'{_times(other_kind)} ("statement": {_times(statements)})',
            other_kind >= limits.other_kind and other_kind > statements,
            quoted(text, found[patterns.OTHER_KIND])[1],
        ),
        _found_signal(
            "news",
            f'reads as news: reported speech ("said", "a spokesperson"), at least'
            f" {limits.reported_speech} times",
            text, found[patterns.REPORTED_SPEECH], limits.reported_speech,
        ),
        _signal(
            "addressed_to_reader",
            f'addresses the reader ("you", "your"), at least {limits.second_person_per_100:g}'
            " words in 100",
            f"{second:.1f} in 100",
            second >= limits.second_person_per_100,
        ),
        _kinds_signal(
            "meeting",
            'reads as minutes or a paper for a meeting: its set phrases ("minutes of the'
            ' meeting", "apologies for absence", "agenda item", "resolved that", "the board'
            f' is asked to" ...), at least {limits.genre_kinds} kinds',
            _first_of_kind(text, found[patterns.MEETING]), limits.genre_kinds,
        ),
        _kinds_signal(
            "research",
            'reads as a research paper: "abstract", "keywords:", "this paper", "et al",'
            f' "journal of", at least {limits.genre_kinds} kinds',
            _first_of_kind(text, found[patterns.RESEARCH]), limits.genre_kinds,
        ),
        _kinds_signal(
            "other_subjects",
            "covers many subjects besides slavery, as an annual report or an ESG page does"
            " (climate, finance, pay, safety, tax, governance, contents, annual report,"
            f" water and waste), at least {limits.other_subjects} of them",
            _first_of_kind(text, found[patterns.SUBJECTS]), limits.other_subjects,
        ),
        _found_signal(
            "points_elsewhere",
            'points to a statement kept elsewhere ("read our modern slavery statement",'
            ' "published separately on our website") and never refers to itself as one',
            text, pointers, 1,
        ),
        _kinds_signal(
            "registry",
            "reads as a statement registry's page about a statement, not the statement:"
            f" the registry's own wording, at least {limits.registry_kinds} kinds, at least"
            f" {limits.registry_layout_kinds} of them its layout (\"Submit new statement\","
            ' "Authenticated by:", "Added on:", "Snapshot fetched", "Browse statements" or'
            ' "Browse companies", "Our numbers explained", the registry\'s page title, the'
            ' government registry\'s summary fields: "Link to the statement", "Statement'
            ' covers", "Date the statement was approved by the board", "Details of the'
            ' director ... who signed off the statement", "Areas covered by the'
            ' statement"); the others only confirm ("This statement also covers the'
            ' following", "Legislation", "Financial year", "Statement summary", the'
            ' registry\'s name: "Modern Slavery Registry", "Business & Human Rights'
            ' Resource Centre")',
            registry_kinds(text, found[patterns.REGISTRY], extracted, title),
            limits.registry_kinds,
            (patterns.REGISTRY_LAYOUT, limits.registry_layout_kinds),
        ),
    ]  # fmt: skip


def _naming_signal(text: str, title: str | None, named: Sequence[re.Match[str]]) -> StatementSignal:
    """Does it name itself a modern slavery statement: in its opening words (the title and
    first lines), or only further down? Namings of statements in general ("a modern slavery
    statement", "your statement") do not count."""
    opening = f"{title or ''}\n{text[: THRESHOLDS.opening_chars]}"
    in_opening = [m for m in patterns.NAMED.finditer(opening) if _names_itself(opening, m)]
    own = [match for match in named if _names_itself(text, match)]
    generic = len(named) - len(own)
    return _signal(
        "named_opening" if in_opening else "named",
        "names itself a modern slavery statement or report"
        + (" in its opening words" if in_opening else "")
        + ' (not "a" or "your" statement, nor statements in general)',
        _times(len(own)) + (f" (and {generic} of statements in general)" if generic else ""),
        bool(own),
        quoted(opening, in_opening)[1] or quoted(text, own)[1],
    )


def _names_itself(text: str, match: re.Match[str]) -> bool:
    return not patterns.GENERIC_BEFORE.search(text, max(0, match.start() - 40), match.start())


def _found_signal(
    signal_id: str, looked_for: str, text: str, matches: Sequence[re.Match[str]], least: int
) -> StatementSignal:
    """A signal present when its pattern matched at least `least` times, quoting them."""
    count, quotes = quoted(text, matches)
    return _signal(signal_id, looked_for, _times(count), count >= least, quotes)


def _first_of_kind(text: str, matches: Sequence[re.Match[str]]) -> KindsFound:
    """The first match of each kind (a pattern's named group), in the order found."""
    found: KindsFound = {}
    for match in matches:
        found.setdefault(str(match.lastgroup), (text, match))
    return found


def _kinds_signal(
    signal_id: str,
    looked_for: str,
    found: KindsFound,
    least: int,
    deciding: tuple[frozenset[str], int] = (frozenset(), 0),
) -> StatementSignal:
    """A signal present when `found` holds at least `least` kinds, of which at least
    `deciding[1]` are among the kinds `deciding[0]`, quoting the first kinds found."""
    kinds = list(found)
    summary = f"{len(kinds)} kind(s)" + (
        ": " + ", ".join(k.replace("_", " ") for k in kinds) if kinds else ""
    )
    quotes = [quoted(where, [match])[1][0] for where, match in list(found.values())[:QUOTES]]
    layout = len(deciding[0].intersection(kinds))
    decided = layout >= deciding[1]
    if deciding[0]:
        summary += f"; {layout} of them the page's layout"
    return _signal(signal_id, looked_for, summary, len(kinds) >= least and decided, quotes)


def coverage_signal(results: Sequence[RuleSetResult]) -> StatementSignal:
    checked = [c for r in results for c in r.criteria if c.verdict is not Verdict.NOT_CHECKED]
    covered = [c for c in checked if c.verdict in (Verdict.MET, Verdict.PARTIAL)]
    share = len(covered) / len(checked) if checked else 0.0
    return _signal(
        "coverage",
        f"covers the chosen rule sets' criteria (met or partial; {THRESHOLDS.coverage:.0%}"
        " earns the point)",
        f"{len(covered)} of {len(checked)} ({share:.0%})",
        bool(checked) and share >= THRESHOLDS.coverage,
    )


def _signal(
    signal_id: str, looked_for: str, found: str, present: bool, quotes: Sequence[str] = ()
) -> StatementSignal:
    return StatementSignal(
        id=signal_id,
        looked_for=looked_for,
        found=found,
        points=SIGNAL_POINTS[signal_id] if present else 0,
        quotes=tuple(quotes) if present else (),
    )


def _times(count: int) -> str:
    return "no" if count == 0 else ("1 time" if count == 1 else f"{count} times")
