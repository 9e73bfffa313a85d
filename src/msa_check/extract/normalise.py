"""Clean the text of one block, whatever format it came from.

Each step is a small pure function so the tests can pin each one down; `normalise_block_text`
runs them in the order that matters (soft hyphens and line-end hyphens must be handled
while the line breaks are still there, before whitespace is collapsed).
"""

from __future__ import annotations

import re
import unicodedata

# Typographic ligatures spelled out. Full NFKC would also turn "²" into "2" and "™" into
# "TM", which changes what a statement says; only these are pure presentation forms.
LIGATURES: dict[str, str] = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}

# Glyphs used to draw a bullet. U+F0B7 and friends are Symbol/Wingdings bullets that
# PDFs made from Word extract as private-use characters.
# Dashes and the star count only when a space follows: "- item", not "-5" or "*Note".
DASH_BULLETS = frozenset("-\u2013\u2014*")  # hyphen, en dash, em dash, star
BULLET_GLYPHS = frozenset("•◦▪▫■□●○‣\u2043∙·➢➤►▶✓✔") | DASH_BULLETS

# Prefixes that keep their hyphen when a line breaks after them: "anti-\nslavery" is
# "anti-slavery", while "employ-\nees" is "employees".
HYPHENATED_PREFIXES = frozenset(
    {"anti", "non", "self", "cross", "co", "third", "well", "zero", "semi", "long", "short"}
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_ZERO_WIDTH = re.compile(r"[\u200b\u2060\ufeff]")
_LINE_SEPARATORS = re.compile(r"\r\n?|[\u2028\u2029\u0085]")
_SOFT_HYPHEN_AT_LINE_END = re.compile(r"\u00ad[ \t]*\n[ \t]*")
# The lookbehind anchors the fragment at the start of its letter run: without it a long run
# with no hyphen after it was retried from every letter, quadratic in the run's length.
_LINE_END_HYPHEN = re.compile(r"(?<![^\W\d_])([^\W\d_]+)[-\u2010]\n(?=[^\W\d_])")
_SPACE_RUNS = re.compile(r" {2,}")
# Any character normalise_spaces changes: most blocks have none, and one search for them
# costs a quarter of the four substitutions. One character class, not an alternation of
# the four patterns: the regex engine tries each alternative at every position, five
# times slower over a block ("\r" alone is enough to find "\r\n").
_UNUSUAL_CHARACTER = re.compile(
    r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v"  # _ODD_SPACES
    r"\u200b\u2060\ufeff"  # _ZERO_WIDTH
    r"\r\u2028\u2029\u0085"  # _LINE_SEPARATORS
    r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"  # _CONTROL
)


def replace_ligatures(text: str) -> str:
    """Spell out typographic ligatures ("ﬁ" -> "fi") and compose accents (NFC)."""
    if text.isascii():
        return text  # neither a ligature nor an accent to compose: skip the eight passes
    for ligature, letters in LIGATURES.items():
        text = text.replace(ligature, letters)
    return unicodedata.normalize("NFC", text)


def normalise_spaces(text: str) -> str:
    """Turn non-breaking and other odd spaces into plain spaces; drop zero-width ones.

    Control characters (a bell, a vertical tab, a form feed inside a line) carry no text
    and break spreadsheets and XML downstream, so they become spaces too.
    """
    if not _UNUSUAL_CHARACTER.search(text):
        return text
    text = _LINE_SEPARATORS.sub("\n", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub(" ", text)
    return _ODD_SPACES.sub(" ", text)


def remove_soft_hyphens(text: str) -> str:
    """Drop soft hyphens; one at a line end joins the word it split."""
    text = _SOFT_HYPHEN_AT_LINE_END.sub("", text)
    return text.replace("\u00ad", "")


def join_line_end_hyphens(text: str) -> str:
    """Join words hyphenated across a line break, keeping hyphens that belong to the word.

    "employ-\\nees" -> "employees"; "anti-\\nslavery" and "discovery-to-\\ndelivery" keep
    their hyphen; a capital after the break ("Coca-\\nCola") means a real hyphen too.
    Expects lines without trailing spaces, as `normalise_block_text` makes them.
    """

    def join(match: re.Match[str]) -> str:
        fragment = match.group(1)
        before = match.string[match.start() - 1] if match.start() > 0 else " "
        after = match.string[match.end()]
        keeps_hyphen = (
            before in ("-", "\u2010")
            or fragment.lower() in HYPHENATED_PREFIXES
            or after.isupper()
            or fragment.isupper()
        )
        return fragment + "-" if keeps_hyphen else fragment

    if "-\n" not in text and "\u2010\n" not in text:
        return text  # nothing to join, found without the regex's walk over every word
    return _LINE_END_HYPHEN.sub(join, text)


def tidy_line_breaks(text: str) -> str:
    """Drop the spaces before and after each line break, and the blank lines.

    What `re.sub(r" *\\n[ \\n]*", "\\n", text)` does, line by line: the regex walks every
    character, six times slower on a block of PDF lines. The first line keeps its leading
    spaces and the last its trailing ones, as the regex leaves them.
    """
    if " \n" not in text and "\n " not in text and "\n\n" not in text:
        return text  # most blocks: one line, or lines already tidy
    lines = text.split("\n")
    kept = [lines[0].rstrip(" ")]
    kept += [inner for line in lines[1:-1] if (inner := line.strip(" "))]
    kept.append(lines[-1].lstrip(" "))
    return "\n".join(kept)


def collapse_whitespace(text: str, *, keep_line_breaks: bool = False) -> str:
    """Collapse runs of spaces; join lines with a space unless line breaks are kept."""
    # Each substitution only where its pattern can match: most blocks are one line.
    if "\n" in text:
        text = tidy_line_breaks(text)
        if not keep_line_breaks:
            text = text.replace("\n", " ")
    if "  " in text:
        text = _SPACE_RUNS.sub(" ", text)
    return text.strip()


def is_bullet_glyph(token: str) -> bool:
    """True for a token that is only a bullet glyph, such as "•" or a Symbol-font bullet."""
    if len(token) != 1:
        return False
    return token in BULLET_GLYPHS or "\ue000" <= token <= "\uf8ff"


def starts_with_bullet(text: str) -> bool:
    """True if the text opens with a bullet glyph (a dash or star only if a space follows)."""
    stripped = text.lstrip()
    if not stripped:
        return False
    first = stripped[0]
    if first in DASH_BULLETS:
        return stripped[1:2].isspace()
    return is_bullet_glyph(first)


def strip_bullet(text: str) -> str:
    """Remove a leading bullet glyph and the space after it."""
    stripped = text.lstrip()
    if starts_with_bullet(stripped):
        return stripped[1:].lstrip()
    return text


def has_unusual_character(text: str) -> bool:
    """True if `normalise_spaces` would change the text (an odd space, a control, ...)."""
    return _UNUSUAL_CHARACTER.search(text) is not None


def normalise_block_text(
    raw: str, *, keep_line_breaks: bool = False, spaces_plain: bool = False
) -> str:
    """Clean the raw text of one block: the steps above, in the order that works.

    `spaces_plain` tells that the text the block was cut from holds no character
    `normalise_spaces` changes (`has_unusual_character` is false for it), so neither does
    the block: one search over a document, not one a block (most documents have none).
    """
    text = replace_ligatures(raw)
    if not spaces_plain:
        text = normalise_spaces(text)
    if "\n" in text:
        text = tidy_line_breaks(text)
    text = text.strip(" ")
    text = remove_soft_hyphens(text)
    text = join_line_end_hyphens(text)
    return collapse_whitespace(text, keep_line_breaks=keep_line_breaks)
