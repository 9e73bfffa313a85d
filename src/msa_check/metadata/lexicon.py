"""The words metadata is found by: governing bodies, officers' roles, and non-name words.

Data, kept apart from the matching code so it can be read and extended in one place.
Phrases are lower case and matched on lower-case tokens (spaCy's LOWER attribute).
"""

from __future__ import annotations

import re


def _split(words: str) -> list[str]:
    return words.split()


# Bodies whose approval s54(6) (and s16(2) AU, s11(4) CA) accepts: the board or an equivalent
# governing body, the members of an LLP, the partners of a partnership, trustees.
BOARD_BODIES = (
    "board", "boards", "board of directors", "boards of directors", "directors", "board members",
    "board of management", "management board", "supervisory board", "board of trustees",
    "trustees", "board of governors", "governors", "governing body", "governing bodies",
    "principal governing body", "members", "designated members", "partners", "council",
    "group board", "main board", "plc board", "full board", "the board",
)  # fmt: skip
# Bodies that are not the board: committees, executives, management.
OTHER_BODIES = (
    "committee", "committees", "executive committee", "management committee", "audit committee",
    "risk committee", "sustainability committee", "esg committee", "nomination committee",
    "remuneration committee", "board committee", "committee of the board",
    "committee of the board of directors", "management team", "senior management team",
    "leadership team", "senior leadership team", "executive team", "executive leadership team",
    "management", "senior management", "executive management", "executives", "group executive",
    "executive board", "operating committee", "steering group", "working group",
)  # fmt: skip
# Roles of the people who sign or approve. Whether a role is a director's is decided by
# DIRECTOR_ROLE below, not by this list.
ROLES = (
    "director", "managing director", "executive director", "non-executive director",
    "finance director", "group director", "sales director", "operations director", "md",
    "chief executive", "chief executive officer", "group chief executive",
    "group chief executive officer", "ceo", "group ceo", "chair", "chairman", "chairwoman",
    "chairperson", "chair of the board", "chairman of the board", "executive chairman",
    "president", "founder", "owner", "proprietor", "managing partner", "partner",
    "senior partner", "designated member", "general partner", "member of the board",
    "member of board of directors", "board member", "trustee", "principal",
    "vice-chancellor", "company secretary", "group company secretary", "secretary",
    "general counsel", "chief legal officer", "chief financial officer", "cfo",
    "chief operating officer", "coo", "chief people officer", "chief procurement officer",
    "chief sustainability officer", "chief compliance officer", "chief risk officer",
    "chief commercial officer", "chief technology officer", "chief information officer",
    "vice president", "vp", "svp", "evp", "senior vice president", "executive vice president",
    "manager", "general manager", "country manager", "officer", "treasurer",
)  # fmt: skip
# Chief executives, chairs, presidents, named directors, members of an LLP, partners and
# trustees count as a director's signature in practice (criteria.md, s54(6)); company
# secretaries, general counsel, officers, vice presidents and heads of a function do not.
DIRECTOR_ROLE = re.compile(
    r"\bdirector\b|\bchief\s+executive\b|\bceo\b|\bmd\b|\bchair(?:man|woman|person)?\b"
    r"|(?<!vice\s)(?<!vice-)\bpresident\b|\bmember\s+of\s+(?:the\s+)?board\b|\bboard\s+member\b"
    r"|\bdesignated\s+member\b|\bpartner\b|\btrustee\b|\bproprietor\b|\bowner\b",
    re.IGNORECASE,
)
COMPANY_SUFFIXES = frozenset(
    _split(
        "ltd limited plc inc llp lp corporation corp company gmbh llc pty ag bv b.v. sa s.a. "
        "ulc group holdings"
    )
)
NAME_PREFIXES = ("dr", "dr.", "prof", "prof.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "sir")
# Capitalised words that are never part of a person's name in a signature block.
NOT_NAME_WORDS = frozenset(
    {word for phrase in (*ROLES, *BOARD_BODIES, *OTHER_BODIES) for word in phrase.split()}
    | set(
        _split(
            "signed signature signatures name position title date dated per approved approval "
            "by on behalf for the this our we and of in it its modern slavery statement report "
            "act policy limited ltd plc inc llp lp corporation corp company holdings group uk "
            "services january february march april may june july august september october "
            "november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday "
            "wednesday thursday friday human trafficking annual financial year page full "
            "authority bind have i attestation docusign envelope id executive chief senior "
            "deputy vice interim acting global international operations finance people legal "
            "procurement sustainability resources commercial responsible sourcing supply chain "
            "supplier suppliers code conduct business"
        )
    )
)
