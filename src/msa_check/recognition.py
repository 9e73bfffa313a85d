"""Is this a modern slavery statement at all? (issue 14 item 6)

A cake recipe, a privacy notice or a supplier code of conduct should not get a full report
with every criterion "missing" as if it were a weak statement: it should be told apart.
The check adds up points from signals a reader would use, each shown with what was found:

- the document **names itself** a modern slavery (or slavery and human trafficking,
  transparency in supply chains, forced or child labour, supply chains act) statement or
  report: in its opening
  words (the title) +2, only further down +1; a naming of statements in general ("a modern
  slavery statement", "your statement", "publish their statement", "statements") is not
  the document naming itself, and does not count;
- it **refers to itself** as a statement ("this statement", "the statement is made
  pursuant to ...") +1;
- it cites a **modern slavery law** (the Modern Slavery Act, section 54, S-211, the
  California Transparency in Supply Chains Act) +1;
- it uses the **reporting wording** of those laws ("steps taken ... to ensure that slavery
  and human trafficking is not taking place", "reporting entity", "prevent and reduce the
  risk", the Canadian attestation "I attest that") +1;
- it **talks about slavery** (slavery, trafficking, forced or child labour, servitude,
  debt bondage) at least 3 times +1; a document that never mentions them is not a
  statement, whatever else it says;
- the chosen rule sets' criteria it **covers** (met or partial, among those checked) reach
  30% +1;
- the sentence classifier finds it reads as a statement's **content** (confident sentences
  of at least 2 kinds among its risks, its actions, their effectiveness) +1;
  consulted only when the other signals leave the score one short of `NEEDED`, the only
  case where it can change the outcome, and the document does not read as minutes, a
  research paper or a registry page (recognition_model.py);

and takes points away for signs of another kind of document:

- it calls itself **another kind of document** ("this policy", "this code", "this
  notice", "these terms", "this recipe") at least twice and more often than a statement
  -2;
- it reads as **news** (reported speech: "said", "a spokesperson", "according to", at
  least 3 times) -2;
- it **addresses the reader** ("you", "your": at least 2 words in 100), as notices,
  policies for staff, FAQs and recipes do -2;
- it reads as **minutes or a paper for a meeting**: at least 2 kinds of their set phrases
  ("minutes of the meeting", "apologies for absence", "agenda item", "resolved that",
  "the meeting closed", "the board is asked to" ...) -3: a minutes item about the
  statement names it, the Act and forced labour (3 points), and no statement in the 981
  corpus texts has two kinds of these phrases;
- it reads as a **research paper** (at least 2 of "abstract", "keywords:", "this paper",
  "et al", "journal of", "doi") -3, for the same reason;
- it covers **many other subjects**, as an annual report or an ESG page does (at least 5
  of climate, finance, pay, safety, tax, governance, a table of contents, "annual report",
  water and waste) -2: there modern slavery is one section among many;
- it **points to a statement kept elsewhere** ("read our modern slavery statement",
  "our statement ... is published on our website") and never refers to itself as a
  statement -2: a landing page, an ESG or careers page that links to the statement;
- it reads as a **statement registry's page** about a statement: at least 3 kinds of the
  registry's own fixed wording, at least 2 of them its layout ("Submit new statement",
  "Authenticated by:", "Added on:", "Snapshot fetched", "Browse statements" or "Browse
  companies", "Our numbers explained", a web page's title that is the registry's, and
  the government registry's summary fields as field names, with their colon or on a
  line of their own: "Link to the statement", "Statement covers", "Date the statement was
  approved by the board", "Details of the director (or equivalent) who signed off the
  statement", "Areas covered by the statement"), the others confirming ("This statement
  also covers the following", "Legislation:" or "Legislation" and "Financial year" as
  field names, "Statement summary", the registry's name: "Modern Slavery (Statement)
  Registry", "Business & Human Rights Resource Centre") -5: such a
  page repeats what the statement says of itself (its title, the Act), so it earns up to
  4 of a statement's points from the wording alone and more from what a summary lists.
  A written statement can carry every confirming kind (a group statement "also covers the
  following subsidiaries", has a "Statement summary" and says it was submitted to the
  registry), so they alone never flag one; no statement among the 981 corpus texts has a
  layout kind. The Recognition then gives the link the page names for the statement
  itself (`statement_link`), to be checked instead: an address in its text, else one of
  a web page's links (recognition_registry.py).

A document is a statement when its score reaches 3 (`NEEDED`). The points and the
threshold live here, in `SIGNAL_POINTS` and `THRESHOLDS`, and nowhere else; how well they
tell statements from other documents is measured by `benchmarks/recognition.py` (figures
in benchmarks/ACCURACY.md). The patterns, and the one pass that finds them all, are in
recognition_wording.py. Discovery uses the wording signals alone (`recognise_wording`)
to skip candidate pages that only mention slavery; `check` adds the criteria coverage.

Pure: text and rule-set results in, a Recognition out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from msa_check import recognition_patterns as patterns
from msa_check.models import Link, Recognition, RuleSetResult, StatementSignal, Verdict
from msa_check.recognition_model import MODEL_POINTS, ScoreSentences, model_signal, not_consulted
from msa_check.recognition_registry import KindsFound, listed_statement_link, registry_kinds

# The scans are re-exported: the tests and benchmarks/recognition_speed.py compare them.
from msa_check.recognition_wording import (
    QUOTES,
    quoted,
    scan_each_pattern,
    scan_matches,
    scan_wording,
)

__all__ = [
    "NEEDED",
    "recognise_statement",
    "recognise_wording",
    "scan_each_pattern",
    "scan_wording",
]

NEEDED = 3  # the score from which a document is taken for a statement


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
# The signals that name another genre, after which the model is not consulted: what each
# makes the document.
GENRE_SIGNALS = {
    "meeting": "minutes or a meeting paper",
    "research": "a research paper",
    "registry": "a statement registry's page about a statement",
}

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


def recognise_wording(
    text: str, title: str | None = None, links: Sequence[Link] = ()
) -> Recognition:
    """The check from the words alone (no criteria coverage): what discovery can afford.
    `title` and `links` are a web page's (Document.title, Document.links)."""
    return _recognition(_wording_signals(text, title), text, links)


def recognise_statement(
    text: str,
    results: Sequence[RuleSetResult],
    title: str | None = None,
    sentences: Sequence[str] = (),
    score_sentences: ScoreSentences | None = None,
    links: Sequence[Link] = (),
) -> Recognition:
    """The check from the words, from how much of the chosen rule sets' criteria it covers,
    and, when those leave the score one short, from the sentence classifier's reading of
    `sentences` (`score_sentences`; None: the model is not consulted). Not when it reads
    as minutes, a research paper or a statement registry's page: those discuss or
    summarise a statement's risks and actions too, so sentences about them cannot
    outweigh what the document shows itself to be. `title` and `links` are a web page's
    (Document.title, Document.links): the title can show a registry's page, and a link
    on one can be the statement's."""
    signals = [*_wording_signals(text, title), _coverage_signal(results)]
    score = sum(signal.points for signal in signals)
    mentions_topic = any(s.id == "topic" and s.found != "never" for s in signals)
    genre = next((s.id for s in signals if s.id in GENRE_SIGNALS and s.points), None)
    if score_sentences is None:
        pass
    elif mentions_topic and score == NEEDED - MODEL_POINTS and genre is None:
        signals.append(model_signal(sentences, score_sentences))
    else:
        signals.append(not_consulted(score, NEEDED, GENRE_SIGNALS.get(genre or "")))
    return _recognition(signals, text, links)


def _recognition(
    signals: Sequence[StatementSignal], text: str, links: Sequence[Link]
) -> Recognition:
    score = sum(signal.points for signal in signals)
    mentions_topic = any(s.id == "topic" and s.found != "never" for s in signals)
    recognition = Recognition(
        is_statement=mentions_topic and score >= NEEDED,
        score=score,
        needed=NEEDED,
        signals=tuple(signals),
    )
    if not recognition.is_registry_page:
        return recognition
    return replace(recognition, statement_link=listed_statement_link(text, links))


def _wording_signals(extracted: str, title: str | None) -> list[StatementSignal]:
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


def _coverage_signal(results: Sequence[RuleSetResult]) -> StatementSignal:
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
