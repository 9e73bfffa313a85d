"""The wording patterns of "is this a statement at all?" (recognition.py) and the one-pass
scan that finds them.

Each pattern is one thing a reader notices: the document naming itself a modern slavery
statement, citing the law, talking of slavery, or reading as minutes, a research paper,
an annual report or a page that points to a statement kept elsewhere. recognition.py
turns what they find into signals and points; this module only finds.

Pure: a text in, the matches of each pattern out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# The Canadian act's title words too: a report "on Forced and Child Labour", a "Supply
# Chains Act Report".
_TOPIC_WORDS = (
    r"modern slavery|slavery|(?:human )?trafficking|forced (?:and child )?labou?r"
    r"|child labou?r|transparency|supply chains? act"
)
# A document names itself "our modern slavery statement"; "modern slavery statements" or
# "reports" are other documents, talked about (a campaign, a study, a registry page).
# Disclosures stay plural: a Californian page is often "our disclosures" under the act.
_DOCUMENT_WORDS = r"statement|report|disclosures?|declarations?"
NAMED = re.compile(
    rf"\b(?:{_DOCUMENT_WORDS})\b(?:\W+\w+){{0,5}}?\W+(?:{_TOPIC_WORDS})\b"
    rf"|\b(?:{_TOPIC_WORDS})\b(?:\W+\w+){{0,5}}?\W+(?:{_DOCUMENT_WORDS})\b",
    re.IGNORECASE,
)
# What comes just before a naming that is about statements in general, not this one: "a
# modern slavery statement", "your first modern slavery statement", "publish their ...".
GENERIC_BEFORE = re.compile(
    r"\b(?:a|an|any|each|every|your|their|publish|publishes|published|publishing)"
    r" (?:\w+ ){0,2}$",
    re.IGNORECASE,
)
SELF_REFERENCE = re.compile(
    r"\bthis (?:\w+ ){0,6}?(?:statement|declaration)\b"
    rf"|\bthis (?:\w+ )?(?:{_TOPIC_WORDS})(?: (?:and|&) (?:human )?trafficking)? report\b"
    r"|\b(?:statement|report|declaration) (?:is|has been)"
    r" (?:made|published|prepared|produced|issued)\b",
    re.IGNORECASE,
)
LAW = re.compile(
    r"\bmodern slavery act\b|\bsection 54\b|\bs\.? ?54\b|\bs-? ?211\b"
    r"|\btransparency in supply chains? act\b|\bfighting against forced labou?r\b"
    r"|\bsupply chains? act\b",
    re.IGNORECASE,
)
# The UK act's "steps taken ... to ensure that slavery and human trafficking is not taking
# place", the Australian "reporting entity", the Canadian "prevent and reduce the risk that
# forced labour or child labour is used" and its required attestation ("I attest that").
REPORTING_WORDING = re.compile(
    r"\bsteps\b(?:\W+\w+){0,12}?\W+taken\b(?:\W+\w+){0,12}?\W+(?:slavery|trafficking"
    r"|forced labou?r|child labou?r)\b"
    r"|\bnot taking place\b|\breporting (?:entity|entities)\b"
    r"|\bprevent and reduce the risks?\b|\bi attest that\b",
    re.IGNORECASE,
)
TOPIC = re.compile(
    r"\bslavery\b|\btrafficking\b|\bforced (?:and child )?labou?r\b|\bchild labou?r\b"
    r"|\bservitude\b|\bdebt bondage\b",
    re.IGNORECASE,
)
OTHER_KIND = re.compile(
    r"\bthis (?:\w+ )?(?:policy|code|notice|procedure|recipe|article|agreement"
    r"|contract|charter|guidance|handbook)\b(?! statement)|\bthese (?:terms|conditions)\b",
    re.IGNORECASE,
)
STATEMENT_WORD = re.compile(r"\bstatement\b", re.IGNORECASE)
REPORTED_SPEECH = re.compile(
    r"\b(?:said|says|spokes(?:person|man|woman)|according to|told (?:the|reporters))\b",
    re.IGNORECASE,
)
SECOND_PERSON = re.compile(r"\b(?:you|your|yours)\b", re.IGNORECASE)
# The set phrases of minutes and of the papers put to a meeting, one named group per kind
# (recognition.py counts the kinds found, not the matches).
MEETING = re.compile(
    r"\b(?:(?P<minutes>minutes of (?:the|a|an) (?:\w+ ){0,3}?meeting)"
    r"|(?P<apologies>apologies (?:for absence|were received|received))"
    r"|(?P<agenda>agenda item)|(?P<resolved>resolved that)"
    r"|(?P<closed>meeting (?:closed|ended))|(?P<interests>declarations? of interests?)"
    r"|(?P<other_business>any other business)|(?P<arising>matters arising)"
    r"|(?P<quorum>quorate)|(?P<next_meeting>date of (?:the )?next meeting)"
    r"|(?P<asked>(?:board|committee|council) is asked to)"
    r"|(?P<purpose>purpose: for (?:approval|decision|information|noting))"
    r"|(?P<paper>paper reference))\b",
    re.IGNORECASE,
)
RESEARCH = re.compile(
    r"\b(?:(?P<abstract>abstract)|(?P<keywords>key ?words?:)|(?P<this_paper>this (?:paper|study))"
    r"|(?P<et_al>et al)|(?P<journal>journal of)|(?P<doi>doi))\b",
    re.IGNORECASE,
)
# The other subjects of an annual report or an ESG page, one named group per subject.
SUBJECTS = re.compile(
    r"\b(?:(?P<climate>emissions|net zero|carbon|scope [123]|climate|renewable)"
    r"|(?P<finance>dividends?|profit before tax|earnings per share|balance sheet"
    r"|income statement|shareholders?)"
    r"|(?P<pay>remuneration|gender pay|bonus(?:es)?)|(?P<safety>lost[- ]time|injur(?:y|ies))"
    r"|(?P<tax>tax strategy)|(?P<governance>governance code|audit committee"
    r"|corporate governance)"
    r"|(?P<contents>contents)|(?P<annual_report>annual report)"
    r"|(?P<environment>water|waste|recycl(?:ed|ing|able)))\b",
    re.IGNORECASE,
)
# A statement kept elsewhere: "read our latest modern slavery statement", "our statement
# ... is published on our website" (a statement's own "this statement is published ..."
# matches too, which is why recognition.py counts it only without a self-reference).
POINTS_ELSEWHERE = re.compile(
    r"\b(?:read|download|view|see|find) (?:our|the) (?:\w+ ){0,3}?"
    r"(?:modern slavery|slavery|anti-slavery)\b[^.]{0,40}?\bstatement\b"
    r"|\bstatement\b[^.]{0,80}?\b(?:published|available)"
    r" (?:separately|on (?:our|the|its) website)\b",
    re.IGNORECASE,
)

# The words a match of each pattern can begin with, in lower case. Every alternative of
# every pattern starts with \b and a word character, so a match starts where a word
# starts, and its first word is one of these: `scan_matches` finds those words in one pass
# and tries each pattern only there, which finds exactly what one `finditer` per pattern
# over the whole text finds (tests/test_recognition.py compares the two) at a fraction of
# the cost. A pattern edited here must keep its list complete.
OPENING_WORDS: dict[re.Pattern[str], frozenset[str]] = {
    NAMED: frozenset(
        {"statement", "report", "disclosure", "disclosures", "declaration", "declarations"}
        | {"modern", "slavery", "human"}
        | {"trafficking", "forced", "child", "transparency", "supply"}
    ),
    SELF_REFERENCE: frozenset({"this", "statement", "report", "declaration"}),
    LAW: frozenset(
        {"modern", "section", "s", "s54", "s211", "transparency", "fighting"} | {"supply"}
    ),
    REPORTING_WORDING: frozenset({"steps", "not", "reporting", "prevent", "i"}),
    TOPIC: frozenset({"slavery", "trafficking", "forced", "child", "servitude", "debt"}),
    OTHER_KIND: frozenset({"this", "these"}),
    STATEMENT_WORD: frozenset({"statement"}),
    REPORTED_SPEECH: frozenset(
        {"said", "says", "spokesperson", "spokesman", "spokeswoman"} | {"according", "told"}
    ),
    SECOND_PERSON: frozenset({"you", "your", "yours"}),
    MEETING: frozenset(
        {"minutes", "apologies", "agenda", "resolved", "meeting", "declaration"}
        | {"declarations", "any", "matters", "quorate", "date", "board", "committee"}
        | {"council", "purpose", "paper"}
    ),
    RESEARCH: frozenset({"abstract", "key", "keyword", "keywords", "this", "et", "journal"})
    | {"doi"},
    SUBJECTS: frozenset(
        {"emissions", "net", "carbon", "scope", "climate", "renewable", "dividend"}
        | {"dividends", "profit", "earnings", "balance", "income", "shareholder"}
        | {"shareholders", "remuneration", "gender", "bonus", "bonuses", "lost", "injury"}
        | {"injuries", "tax", "governance", "audit", "corporate", "contents", "annual"}
        | {"water", "waste", "recycled", "recycling", "recyclable"}
    ),
    POINTS_ELSEWHERE: frozenset({"read", "download", "view", "see", "find", "statement"}),
}
# What must follow some of the opening words, for every pattern each opens ("supply" only
# opens "supply chain act", "board" only "board is asked to"): the scan then stops only at
# "supply" in "supply chains act", not at each of the thousands of "supply"s of a
# statement, and a lookahead is much cheaper than a pattern tried from Python. Words not
# listed open some pattern whatever follows them.
FOLLOWED_BY: dict[str, str] = {
    "human": " trafficking", "modern": " slavery", "supply": " chains? act",
    "s": r"\.? ?54|-? ?211", "these": " (?:terms|conditions)", "not": " taking place",
    "reporting": " entit", "any": " other business", "board": " is asked",
    "committee": " is asked", "council": " is asked", "date": " of", "key": " words?:",
    "audit": " committee", "corporate": " governance", "governance": " code",
    "annual": " report", "net": " zero", "scope": " [123]", "profit": " before tax",
    "earnings": " per share", "balance": " sheet", "income": " statement",
    "gender": " pay", "lost": "[- ]time", "tax": " strategy", "matters": " arising",
    "purpose": ": for", "paper": " reference", "meeting": " (?:closed|ended)",
    "apologies": " (?:for|were|received)", "minutes": " of", "agenda": " item",
    "resolved": " that", "read": " (?:our|the) ",
    "download": " (?:our|the) ", "view": " (?:our|the) ", "see": " (?:our|the) ",
    "find": " (?:our|the) ", "et": " al", "journal": " of", "according": " to",
    "told": " (?:the|reporters)", "fighting": " against", "section": " 54",
    "child": " labou?r", "forced": " (?:and child )?labou?r", "debt": " bondage",
    "prevent": " and reduce", "i": " attest",
}  # fmt: skip
_PATTERNS_OPENED_BY: dict[str, tuple[re.Pattern[str], ...]] = {
    word: tuple(pattern for pattern, words in OPENING_WORDS.items() if word in words)
    for word in frozenset().union(*OPENING_WORDS.values())
}


def _alternation(words: dict[str, str]) -> str:
    """A regular expression matching exactly the keys of `words`, each followed by its
    value (a lookahead; "": anything), their shared beginnings factored out
    ("s(?:lavery|tatement)"): the regex engine tries a group's alternatives one by one at
    each place, so a flat list of a hundred words would cost a hundred tries a word."""
    rests_by_first: dict[str, dict[str, str]] = {}
    ending: str | None = None
    for word, after in words.items():
        if word:
            rests_by_first.setdefault(word[0], {})[word[1:]] = after
        else:
            ending = after
    branches = [
        re.escape(first) + _alternation(rests) for first, rests in sorted(rests_by_first.items())
    ]
    if ending is not None:  # last: the engine tries the longer words first
        branches.append(f"(?={ending})" if ending else "")
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


_OPENING_WORDS = _alternation({word: FOLLOWED_BY.get(word, "") for word in _PATTERNS_OPENED_BY})
# \b at both ends: the whole word must be one of them (the engine backtracks from a
# longer word, "statements", to the shorter, and \b then rejects it).
_OPENING_WORD = re.compile(r"\b" + _OPENING_WORDS + r"\b")
# The same words after the one character that is not part of a word before them, which
# is what \b means before a word's first letter (every opening word starts with one), and
# at the very start of the text: shaped for speed, the regex engine then skips the letters
# between words in a tight loop, where a pattern opening with \b is tried at each of them.
_OPENING_WORD_AFTER_NON_WORD = re.compile(r"\W(" + _OPENING_WORDS + r")\b")
_OPENING_WORD_AT_START = re.compile(_OPENING_WORDS + r"\b")
# The same with re.ASCII, whose character tests are cheaper (the scan 0.9x the time), for
# a text with no character outside ASCII that is part of a word (879 of the 981 corpus
# texts have only quotes, dashes and the like there): \w and \b then mean the same.
_ASCII_AFTER_NON_WORD = re.compile(_OPENING_WORD_AFTER_NON_WORD.pattern, re.ASCII)
_ASCII_AT_START = re.compile(_OPENING_WORD_AT_START.pattern, re.ASCII)
_NON_ASCII_WORD_CHARACTER = re.compile(r"[^\x00-\x7f](?<=\w)")
# The letters outside ASCII that case-insensitive matching takes for ASCII ones (dotted
# and dotless i, the long s, the Kelvin sign): lower-casing does not map them onto the
# opening words, so a text with any of them is scanned one pattern at a time.
_FOLDED_ONTO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")

Matches = dict[re.Pattern[str], list[re.Match[str]]]
QUOTES = 2  # places quoted per signal
QUOTE_CONTEXT = 40  # characters shown on each side of a match


def scan_matches(text: str) -> Matches:
    """Each wording pattern's matches in `text`: the same as one `finditer` per pattern,
    from one pass over the text."""
    lowered = text.lower()  # the one pass is case-sensitive: four times faster
    if len(lowered) != len(text) or (not text.isascii() and _FOLDED_ONTO_ASCII.search(text)):
        return scan_each_pattern_matches(text)
    matches: Matches = {p: [] for p in OPENING_WORDS}
    free_from = dict.fromkeys(OPENING_WORDS, 0)  # matches of one pattern do not overlap
    openings = list(opening_words(lowered))
    kinds = [_NAMING_KIND.get(word) for _, word in openings]
    for index, (start, word) in enumerate(openings):
        for pattern in _PATTERNS_OPENED_BY[word]:
            if start < free_from[pattern]:
                continue
            if pattern is NAMED and not _partner_ahead(kinds, index):
                continue  # half of NAMED's tries, each dearer than this test
            if match := pattern.match(text, start):
                matches[pattern].append(match)
                free_from[pattern] = match.end()
    return matches


def _partner_ahead(kinds: list[str | None], index: int) -> bool:
    """Whether NAMED may match at the opening word `index` (`kinds`: each opening word's
    part in a naming). NAMED pairs a document word and a topic word (either first) at most
    five words apart, both opening words: the partner is among the next six opening
    words, or seven after a topic, whose phrase may hold one ("modern slavery", "forced
    and child labour"). tests/test_recognition.py holds the scan to one search per
    pattern over generated namings."""
    kind = kinds[index]
    partner, reach = (_TOPIC, 6) if kind == _DOCUMENT else (_DOCUMENT, 7)
    return partner in kinds[index + 1 : index + 1 + reach]


_DOCUMENT, _TOPIC = "document", "topic"
DOCUMENT_OPENINGS = frozenset(w for w in OPENING_WORDS[NAMED] if re.fullmatch(_DOCUMENT_WORDS, w))
_NAMING_KIND = {
    word: _DOCUMENT if word in DOCUMENT_OPENINGS else _TOPIC for word in OPENING_WORDS[NAMED]
}


def opening_words(lowered: str) -> Iterator[tuple[int, str]]:
    """Where each opening word is in `lowered`, in order: what `_OPENING_WORD.finditer`
    finds (tests/test_recognition.py holds the two to it). Its matches are whole words,
    so they never overlap, and the one at the start of the text is the only one that
    follows no character."""
    at_start, after_non_word = _OPENING_WORD_AT_START, _OPENING_WORD_AFTER_NON_WORD
    if lowered.isascii() or _NON_ASCII_WORD_CHARACTER.search(lowered) is None:
        at_start, after_non_word = _ASCII_AT_START, _ASCII_AFTER_NON_WORD
    if first := at_start.match(lowered):
        yield 0, first.group()
    for found in after_non_word.finditer(lowered):
        yield found.start(1), found.group(1)


def scan_each_pattern_matches(text: str) -> Matches:
    """What `scan_matches` finds, found the plain way, one `finditer` per pattern: for
    texts the one pass cannot read, and as the reference tests and benchmarks compare."""
    return {pattern: list(pattern.finditer(text)) for pattern in OPENING_WORDS}


def scan_wording(text: str) -> dict[re.Pattern[str], tuple[int, tuple[str, ...]]]:
    """How often each wording pattern matches `text`, and where (see `quoted`), from the
    one-pass scan (recognition_wording.scan_matches)."""
    return {pattern: quoted(text, found) for pattern, found in scan_matches(text).items()}


def scan_each_pattern(text: str) -> dict[re.Pattern[str], tuple[int, tuple[str, ...]]]:
    """What `scan_wording` finds, found the plain way, one `finditer` per pattern: the
    reference that tests and benchmarks compare the one pass with."""
    return {p: quoted(text, found) for p, found in scan_each_pattern_matches(text).items()}


def quoted(text: str, matches: Iterable[re.Match[str]]) -> tuple[int, tuple[str, ...]]:
    """How many `matches` there are, and the first QUOTES places with a little
    context, cut at word boundaries so a quote never starts or ends mid-word."""
    count = 0
    quotes: list[str] = []
    for match in matches:
        count += 1
        if len(quotes) >= QUOTES:
            continue
        start = max(0, match.start() - QUOTE_CONTEXT)
        end = min(len(text), match.end() + QUOTE_CONTEXT)
        while 0 < start < match.start() and not text[start - 1].isspace():
            start += 1
        while match.end() < end < len(text) and not text[end].isspace():
            end -= 1
        snippet = " ".join(text[start:end].split())
        quotes.append(("…" if start else "") + snippet + ("…" if end < len(text) else ""))
    return count, tuple(quotes)
