"""The wording patterns of "is this a statement at all?" (recognition.py).

Each pattern is one thing a reader notices: the document naming itself a modern slavery
statement, citing the law, talking of slavery, or reading as minutes, a research paper,
an annual report, a page that points to a statement kept elsewhere or a statement
registry's page about a statement. recognition.py turns what they find into signals and
points; recognition_wording.py finds them in one pass, from the words each can begin with
(OPENING_WORDS, FOLLOWED_BY), kept here beside the patterns so that a pattern and its list
are edited together.
"""

from __future__ import annotations

import re

# The Canadian act's title words too: a report "on Forced and Child Labour", a "Supply
# Chains Act Report".
_TOPIC_WORDS = (
    r"modern slavery|slavery|(?:human )?trafficking|forced (?:and child )?labou?r"
    r"|child labou?r|transparency|supply chains? act"
)
# A document names itself "our modern slavery statement"; "modern slavery statements" or
# "reports" are other documents, talked about (a campaign, a study, a registry page).
# Disclosures stay plural: a Californian page is often "our disclosures" under the act.
DOCUMENT_WORDS = r"statement|report|disclosures?|declarations?"
NAMED = re.compile(
    rf"\b(?:{DOCUMENT_WORDS})\b(?:\W+\w+){{0,5}}?\W+(?:{_TOPIC_WORDS})\b"
    rf"|\b(?:{_TOPIC_WORDS})\b(?:\W+\w+){{0,5}}?\W+(?:{DOCUMENT_WORDS})\b",
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
    r"\b(?:(?P<abstract>abstract)|(?P<keywords>key ?words?(?=:))"
    r"|(?P<this_paper>this (?:paper|study))|(?P<et_al>et al)|(?P<journal>journal of)"
    r"|(?P<doi>doi))\b",
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

# The fixed wording of a statement registry's page about one statement, one named group
# per kind (recognition.py counts the kinds): the Modern Slavery Registry of the Business &
# Human Rights Resource Centre, whose listing pages are among the corpus texts ("Submit new
# statement", "Legislation:", "Authenticated by:", "Added on:", "Snapshot fetched", "Browse
# statements", "Our numbers explained", "This statement also covers the following
# companies"), and the government's registry ("Statement summary", and its summary's field
# names, `SUMMARY_FIELDS`). The registry's name is one kind whichever way it is written: a
# statement may say it was submitted to it, and one corpus statement names both the
# registry and its publisher.
# Only the page's own layout decides (`REGISTRY_LAYOUT`: its buttons, field labels and
# links, at least 2 kinds, which every corpus listing page has 6 of, and its title, read
# by `REGISTRY_TITLE`); the rest a written statement can say of itself ("This statement
# also covers the following subsidiaries", a "Statement summary" heading, "Legislation:
# Modern Slavery Act 2018 (Cth)", "submitted to the Modern Slavery Statement Registry"),
# so those only confirm, toward the 3 kinds.
# The government registry's summary fields, by kind. Words a statement uses too ("the
# areas covered by the statement"), so each counts only in a field name's form
# (recognition_registry.py): with a capital and its colon ("Link to statement: https://"),
# found by the one pass, or on a line of its own, as a summary list's <dt> or a table's
# <th> is extracted ("Link to the statement", its value on the next line), found by
# `FIELD_LINE` in the text as extracted (the one pass reads it with one space between
# words). "Financial year" and "Legislation" are such fields too, in the same forms (the
# Resource Centre's "Legislation:" counts whatever its case, as before), but only
# confirm: a statement heads itself "Financial year: 2024", "Legislation: Modern Slavery
# Act 2015".
SUMMARY_FIELDS = {
    "covers": r"statement covers",
    "link_to_statement": r"link to (?:the )?statement",
    "approved": r"date (?:the statement was )?approved by the board",
    "signed_off": r"details of the director \(or equivalent\) who signed off the statement",
    "areas": r"areas (?:covered by the statement|the statement covers)",
}
FIELD_NAMES = {"legislation": "legislation", "financial_year": "financial year"}
FIELD_NAMES |= SUMMARY_FIELDS
REGISTRY = re.compile(
    r"\b(?:(?P<submit>submit (?:a )?new statement\b)"
    r"|(?P<authenticated>authenticated by:)|(?P<added_on>added on:)"
    r"|(?P<snapshot>snapshot fetched\b)|(?P<browse>browse (?:statements|companies)\b)"
    r"|(?P<numbers>our numbers explained\b)"
    r"|(?P<also_covers>this statement also covers the following\b)"
    r"|(?P<registry>modern slavery (?:statement )?registry\b"
    r"|business (?:&|and) human rights resource centre\b)"
    r"|(?P<summary>statement summary\b)"
    # The government registry's own answers: a turnover band as its form offers them
    # ("Turnover: £36 million to £60 million", a field name and its value, their line
    # break gone) and its "Sector(s)" label; a statement gives its turnover as a figure.
    r"|(?P<turnover_band>turnover:? (?:under |over )?£\d+ million(?: to £\d+ million)?)"
    r"|(?P<sectors>sector\(s\))"
    + "".join(f"|(?P<{kind}>{name}:)" for kind, name in FIELD_NAMES.items())
    + ")",
    re.IGNORECASE,
)
_SPACES = r"[ \t]+"
# A field's name on a line of its own: after the line break, the spaces, the capital
# that opens one of the names (so at most line breaks the search goes no further), the
# name, maybe its colon, the line's end.
_FIELD_LINE = (
    r"[ \t]*(?=(?-i:["
    + "".join(sorted({name[0].upper() for name in FIELD_NAMES.values()}))
    + "]))(?:"
    + "|".join(f"(?P<{kind}>{name.replace(' ', _SPACES)})" for kind, name in FIELD_NAMES.items())
    + r")[ \t]*:?[ \t\r]*(?=\n|\Z)"
)
FIELD_LINE = re.compile(r"\n" + _FIELD_LINE, re.IGNORECASE)  # opening with a literal: fast
FIRST_FIELD_LINE = re.compile(r"\A" + _FIELD_LINE, re.IGNORECASE)  # the first line
# A registry's own page title: the government registry's ("Statement summary - Modern
# slavery statement registry - GOV.UK") or the Resource Centre's ("Acme plc | Modern
# Slavery Registry"): the registry's name as the title's end, the site's name. A page
# whose title only mentions the registry ("Our statement, as submitted to the Modern
# Slavery Statement Registry - Acme") is the company's.
REGISTRY_TITLE = re.compile(
    r"(?:^|[|\-\u2013\u2014:]\s*)modern slavery (?:statement )?registry"
    r"(?:\s*[|\-\u2013\u2014]\s*gov\.uk)?\s*$",
    re.IGNORECASE,
)
REGISTRY_LAYOUT = frozenset(
    {"submit", "authenticated", "added_on", "snapshot", "browse", "numbers"}
    | {"registry_title", "turnover_band", "sectors"}
    | SUMMARY_FIELDS.keys()
)
# A web address, as a registry page gives the statement it lists (recognition.py).
WEB_ADDRESS = re.compile(r"\bhttps?://[^\s<>\"']+", re.IGNORECASE)

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
    REGISTRY: frozenset(
        {"submit", "legislation", "authenticated", "added", "snapshot", "browse", "our"}
        | {"this", "modern", "business", "statement", "financial", "link", "date"}
        | {"details", "areas", "turnover", "sector"}
    ),
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
    "committee": " is asked", "council": " is asked", "key": " words?:",
    "date": " (?:of|(?:the statement was )?approved by the board:)",
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
    "prevent": " and reduce", "i": " attest", "submit": " (?:a )?new statement",
    "legislation": ":", "authenticated": " by:", "added": " on:", "snapshot": " fetched",
    "browse": " (?:statements|companies)", "our": " numbers explained",
    "business": " (?:&|and) human rights", "financial": " year:",
    "link": " to (?:the )?statement:", "details": " of the director",
    "areas": " (?:covered by the statement|the statement covers):",
}  # fmt: skip
