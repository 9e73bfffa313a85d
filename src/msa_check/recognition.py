"""Is this a modern slavery statement at all? (issue 14 item 6)

A cake recipe, a privacy notice or a supplier code of conduct should not get a full report
with every criterion "missing" as if it were a weak statement: it should be told apart.
The check adds up points from signals a reader would use, each shown with what was found:

- the document **names itself** a modern slavery (or slavery and human trafficking,
  transparency in supply chains, forced labour) statement or report: in its opening
  words (the title) +2, only further down +1;
- it **refers to itself** as a statement ("this statement", "the statement is made
  pursuant to ...") +1;
- it cites a **modern slavery law** (the Modern Slavery Act, section 54, S-211, the
  California Transparency in Supply Chains Act) +1;
- it uses the **reporting wording** of those laws ("steps taken ... to ensure that slavery
  and human trafficking is not taking place", "financial year", "reporting entity") +1;
- it **talks about slavery** (slavery, trafficking, forced or child labour, servitude,
  debt bondage) at least 3 times +1; a document that never mentions them is not a
  statement, whatever else it says;
- the chosen rule sets' criteria it **covers** (met or partial, among those checked) reach
  30% +1;
- the sentence classifier finds it reads as a statement's **content** (confident sentences
  of at least 2 kinds among its risks, its actions, their effectiveness) +1;
  consulted only when the other signals leave the score one short of `NEEDED`, the only
  case where it can change the outcome (recognition_model.py);

and takes points away for signs of another kind of document:

- it calls itself **another kind of document** ("this policy", "this code", "this
  notice", "these terms", "this recipe") at least twice and more often than a statement
  -2;
- it reads as **news** (reported speech: "said", "a spokesperson", "according to", at
  least 3 times) -2;
- it **addresses the reader** ("you", "your": at least 2 words in 100), as notices,
  policies for staff, FAQs and recipes do -2.

A document is a statement when its score reaches 3 (`NEEDED`). The points and the
threshold live here, in `SIGNAL_POINTS` and `THRESHOLDS`, and nowhere else; how well they
tell statements from other documents is measured by `benchmarks/recognition.py` (figures
in benchmarks/ACCURACY.md). Discovery uses the wording signals alone (`recognise_wording`)
to skip candidate pages that only mention slavery; `check` adds the criteria coverage.

Pure: text and rule-set results in, a Recognition out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from msa_check.models import Recognition, RuleSetResult, StatementSignal, Verdict
from msa_check.recognition_model import MODEL_POINTS, ScoreSentences, model_signal, not_consulted

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
    quotes: int = 2  # places quoted per signal


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
}

_TOPIC_WORDS = r"modern slavery|slavery|(?:human )?trafficking|forced labou?r|transparency"
_DOCUMENT_WORDS = r"statements?|reports?|disclosures?|declarations?"
_NAMED = re.compile(
    rf"\b(?:{_DOCUMENT_WORDS})\b(?:\W+\w+){{0,5}}?\W+(?:{_TOPIC_WORDS})\b"
    rf"|\b(?:{_TOPIC_WORDS})\b(?:\W+\w+){{0,5}}?\W+(?:{_DOCUMENT_WORDS})\b",
    re.IGNORECASE,
)
_SELF_REFERENCE = re.compile(
    r"\bthis (?:\w+ ){0,6}?(?:statement|declaration)\b"
    rf"|\bthis (?:\w+ )?(?:{_TOPIC_WORDS})(?: (?:and|&) (?:human )?trafficking)? report\b"
    r"|\b(?:statement|report|declaration) (?:is|has been)"
    r" (?:made|published|prepared|produced|issued)\b",
    re.IGNORECASE,
)
_LAW = re.compile(
    r"\bmodern slavery act\b|\bsection 54\b|\bs\.? ?54\b|\bs-? ?211\b"
    r"|\btransparency in supply chains? act\b|\bfighting against forced labou?r\b"
    r"|\bsupply chains? act\b",
    re.IGNORECASE,
)
_REPORTING_WORDING = re.compile(
    r"\bsteps\b(?:\W+\w+){0,12}?\W+taken\b(?:\W+\w+){0,12}?\W+(?:slavery|trafficking)\b"
    r"|\bnot taking place\b|\breporting (?:entity|entities)\b",
    re.IGNORECASE,
)
_TOPIC = re.compile(
    r"\bslavery\b|\btrafficking\b|\bforced (?:and child )?labou?r\b|\bchild labou?r\b"
    r"|\bservitude\b|\bdebt bondage\b",
    re.IGNORECASE,
)
_OTHER_KIND = re.compile(
    r"\bthis (?:\w+ )?(?:policy|code|notice|procedure|recipe|article|agreement"
    r"|contract|charter|guidance|handbook)\b(?! statement)|\bthese (?:terms|conditions)\b",
    re.IGNORECASE,
)
_STATEMENT_WORD = re.compile(r"\bstatement\b", re.IGNORECASE)
_REPORTED_SPEECH = re.compile(
    r"\b(?:said|says|spokes(?:person|man|woman)|according to|told (?:the|reporters))\b",
    re.IGNORECASE,
)
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours)\b", re.IGNORECASE)
_QUOTE_CONTEXT = 40  # characters shown on each side of a match

# The words a match of each pattern can begin with, in lower case. Every alternative of
# every pattern starts with \b and a word character, so a match starts where a word
# starts, and its first word is one of these: `scan_wording` finds those words in one pass and
# tries each pattern only there, which finds exactly what one `finditer` per pattern over
# the whole text finds (tests/test_recognition.py compares the two) at a fraction of the
# cost. A pattern edited here must keep its list complete.
_OPENING_WORDS: dict[re.Pattern[str], frozenset[str]] = {
    _NAMED: frozenset(
        {"statement", "statements", "report", "reports", "disclosure", "disclosures"}
        | {"declaration", "declarations", "modern", "slavery", "human", "trafficking"}
        | {"forced", "transparency"}
    ),
    _SELF_REFERENCE: frozenset({"this", "statement", "report", "declaration"}),
    _LAW: frozenset(
        {"modern", "section", "s", "s54", "s211", "transparency", "fighting"} | {"supply"}
    ),
    _REPORTING_WORDING: frozenset({"steps", "not", "reporting"}),
    _TOPIC: frozenset({"slavery", "trafficking", "forced", "child", "servitude", "debt"}),
    _OTHER_KIND: frozenset({"this", "these"}),
    _STATEMENT_WORD: frozenset({"statement"}),
    _REPORTED_SPEECH: frozenset(
        {"said", "says", "spokesperson", "spokesman", "spokeswoman"} | {"according", "told"}
    ),
    _SECOND_PERSON: frozenset({"you", "your", "yours"}),
}
_PATTERNS_OPENED_BY: dict[str, tuple[re.Pattern[str], ...]] = {
    word: tuple(pattern for pattern, words in _OPENING_WORDS.items() if word in words)
    for word in frozenset().union(*_OPENING_WORDS.values())
}
_OPENING_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(_PATTERNS_OPENED_BY, key=len, reverse=True)) + r")\b"
)
# The letters outside ASCII that case-insensitive matching takes for ASCII ones (dotted
# and dotless i, the long s, the Kelvin sign): lower-casing does not map them onto the
# opening words, so a text with any of them is scanned one pattern at a time.
_FOLDED_ONTO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def recognise_wording(text: str, title: str | None = None) -> Recognition:
    """The check from the words alone (no criteria coverage): what discovery can afford."""
    return _recognition(_wording_signals(text, title))


def recognise_statement(
    text: str,
    results: Sequence[RuleSetResult],
    title: str | None = None,
    sentences: Sequence[str] = (),
    score_sentences: ScoreSentences | None = None,
) -> Recognition:
    """The check from the words, from how much of the chosen rule sets' criteria it covers,
    and, when those leave the score one short, from the sentence classifier's reading of
    `sentences` (`score_sentences`; None: the model is not consulted)."""
    signals = [*_wording_signals(text, title), _coverage_signal(results)]
    score = sum(signal.points for signal in signals)
    mentions_topic = any(s.id == "topic" and s.found != "never" for s in signals)
    if score_sentences is not None and mentions_topic and score == NEEDED - MODEL_POINTS:
        signals.append(model_signal(sentences, score_sentences))
    elif score_sentences is not None:
        signals.append(not_consulted(score, NEEDED))
    return _recognition(signals)


def _recognition(signals: Sequence[StatementSignal]) -> Recognition:
    score = sum(signal.points for signal in signals)
    mentions_topic = any(s.id == "topic" and s.found != "never" for s in signals)
    return Recognition(
        is_statement=mentions_topic and score >= NEEDED,
        score=score,
        needed=NEEDED,
        signals=tuple(signals),
    )


def _wording_signals(text: str, title: str | None) -> list[StatementSignal]:
    limits = THRESHOLDS
    # One space between words: PDF text breaks "this\nstatement" over lines, web text has
    # no-break spaces, and the patterns are written with plain spaces.
    text = " ".join(text.split())
    opening = f"{title or ''}\n{text[: limits.opening_chars]}"
    _, named_opening = _quoted(opening, _NAMED.finditer(opening))
    found = scan_wording(text)
    named, named_quotes = found[_NAMED]
    self_refs, self_quotes = found[_SELF_REFERENCE]
    laws, law_quotes = found[_LAW]
    wording, wording_quotes = found[_REPORTING_WORDING]
    topic, _ = found[_TOPIC]
    other, other_quotes = found[_OTHER_KIND]
    statements, _ = found[_STATEMENT_WORD]
    speech, speech_quotes = found[_REPORTED_SPEECH]
    second_person, _ = found[_SECOND_PERSON]
    words = text.count(" ") + 1 if text else 0  # the text has one space between words
    second = 100 * second_person / max(1, words)
    signals = [
        _signal(
            "named_opening" if named_opening else "named",
            "names itself a modern slavery statement or report"
            + (" in its opening words" if named_opening else ""),
            _times(named),
            named > 0,
            named_opening or named_quotes,
        ),
        _signal(
            "self_reference",
            'refers to itself as a statement ("this statement", "the statement is made")',
            _times(self_refs),
            self_refs > 0,
            self_quotes,
        ),
        _signal(
            "law",
            "cites a modern slavery law (Modern Slavery Act, section 54, S-211, SB 657)",
            _times(laws),
            laws > 0,
            law_quotes,
        ),
        _signal(
            "reporting_wording",
            'uses the reporting wording of those laws ("steps taken" against slavery,'
            ' "is not taking place", "reporting entity")',
            _times(wording),
            wording > 0,
            wording_quotes,
        ),
        _signal(
            "topic",
            f"mentions slavery, trafficking, forced or child labour ({limits.topic_mentions}"
            " times earns the point; never: not a statement)",
            _times(topic) if topic else "never",
            topic >= limits.topic_mentions,
        ),
        _signal(
            "other_kind",
            'calls itself another kind of document ("this policy", "this code",'
            ' "this notice", "these terms")',
            f'{_times(other)} ("statement": {_times(statements)})',
            other >= limits.other_kind and other > statements,
            other_quotes,
        ),
        _signal(
            "news",
            f'reads as news: reported speech ("said", "a spokesperson"), at least'
            f" {limits.reported_speech} times",
            _times(speech),
            speech >= limits.reported_speech,
            speech_quotes,
        ),
        _signal(
            "addressed_to_reader",
            f'addresses the reader ("you", "your"), at least {limits.second_person_per_100:g}'
            " words in 100",
            f"{second:.1f} in 100",
            second >= limits.second_person_per_100,
        ),
    ]
    return signals


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


def scan_wording(text: str) -> dict[re.Pattern[str], tuple[int, tuple[str, ...]]]:
    """How often each wording pattern matches `text`, and where (see `_quoted`): the same
    counts and places as one `finditer` per pattern, from one pass over the text."""
    lowered = text.lower()  # the one pass is case-sensitive: four times faster
    if len(lowered) != len(text) or (not text.isascii() and _FOLDED_ONTO_ASCII.search(text)):
        return scan_each_pattern(text)
    matches: dict[re.Pattern[str], list[re.Match[str]]] = {p: [] for p in _OPENING_WORDS}
    free_from = dict.fromkeys(_OPENING_WORDS, 0)  # matches of one pattern do not overlap
    for word in _OPENING_WORD.finditer(lowered):
        start = word.start()
        for pattern in _PATTERNS_OPENED_BY[word.group()]:
            if start >= free_from[pattern] and (match := pattern.match(text, start)):
                matches[pattern].append(match)
                free_from[pattern] = match.end()
    return {pattern: _quoted(text, found) for pattern, found in matches.items()}


def scan_each_pattern(text: str) -> dict[re.Pattern[str], tuple[int, tuple[str, ...]]]:
    """What `scan_wording` finds, found the plain way, one `finditer` per pattern: for texts the
    one pass cannot read, and as the reference that tests and benchmarks compare it with."""
    return {pattern: _quoted(text, pattern.finditer(text)) for pattern in _OPENING_WORDS}


def _quoted(text: str, matches: Iterable[re.Match[str]]) -> tuple[int, tuple[str, ...]]:
    """How many `matches` there are, and the first THRESHOLDS.quotes places with a little
    context, cut at word boundaries so a quote never starts or ends mid-word."""
    count = 0
    quotes: list[str] = []
    for match in matches:
        count += 1
        if len(quotes) >= THRESHOLDS.quotes:
            continue
        start = max(0, match.start() - _QUOTE_CONTEXT)
        end = min(len(text), match.end() + _QUOTE_CONTEXT)
        while 0 < start < match.start() and not text[start - 1].isspace():
            start += 1
        while match.end() < end < len(text) and not text[end].isspace():
            end -= 1
        snippet = " ".join(text[start:end].split())
        quotes.append(("…" if start else "") + snippet + ("…" if end < len(text) else ""))
    return count, tuple(quotes)


def _times(count: int) -> str:
    return "no" if count == 0 else ("1 time" if count == 1 else f"{count} times")
