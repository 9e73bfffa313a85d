"""Which language a statement is written in, from how often each language's small words occur.

The rules match English words, so a statement in another language gets few verdicts for
reasons that have nothing to do with its content; the report says so. A tenth to a half
of the words of any running text are function words ("the", "and", "of"), and the lists
below barely overlap, so the language whose list covers most of the words is a good guess
without any model. Too little text gives no guess at all.
"""

from __future__ import annotations

import re
from collections import Counter

ENGLISH = "en"
MIN_WORDS = 40  # fewer words than this: no guess
SAMPLE_WORDS = 1000  # the first words are enough, and keep long statements cheap
MIN_SHARE = 0.08  # a language whose words are fewer than this share is not the language

# Words that are frequent in each language and rare in the others (no "a", "in", "on").


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


STOPWORDS: dict[str, frozenset[str]] = {
    "en": _word_set(
        "the and of to is are that this with for our we be has have been which by from "
        "its their it not or as at will was were"
    ),
    "fr": _word_set(
        "le la les des du et est une un dans pour que qui sur au aux nous notre nos ses "
        "par ce cette sont pas avec"
    ),
    "de": _word_set(
        "der die das und ist nicht mit den dem des ein eine einer wir unsere sich auf "
        "für von zu im wird werden sind auch"
    ),
    "es": _word_set(
        "el los las del y es una un que por para con nuestra nuestro nuestros se su "
        "sus al como más está son"
    ),
    "it": _word_set(
        "il lo gli della delle dei e è una che per con nostra nostro nostri si sono "
        "alla al nel non anche come"
    ),
    "nl": _word_set(
        "het een van dat niet met voor zijn wij onze ook aan worden wordt bij naar "
        "heeft deze hebben"
    ),
    "pt": _word_set(
        "o os as do da dos das e é um uma que para com nossa nosso não se são pelo "
        "pela ao como mais"
    ),
}


def guess_language(text: str) -> str | None:
    """The ISO 639-1 code of the likeliest language of `text`; None when it is too short."""
    words = _first_words_lowered(text)
    if len(words) < MIN_WORDS:
        return None
    counts = Counter(words)  # each distinct word once, not every word for every language
    shares = {
        language: sum(counts[word] for word in stopwords if word in counts) / len(words)
        for language, stopwords in STOPWORDS.items()
    }
    best = max(shares, key=lambda language: shares[language])
    if shares[best] < MIN_SHARE:
        return None
    return best


def _first_words_lowered(text: str) -> list[str]:
    """The first SAMPLE_WORDS words of `text` (runs of letters), in lower case.

    Found in a prefix of the text when it holds more than that many (so the last one
    kept is whole): a long statement is not scanned to its end only to keep its start.
    """
    prefix = text[:_PREFIX_CHARS]
    if _NON_ASCII_LETTER.search(prefix) is None:
        prefix_words = _ascii_words_lowered(prefix)
    else:
        prefix_words = [word.lower() for word in _WORD.findall(prefix)]
    if len(prefix_words) > SAMPLE_WORDS or len(text) <= _PREFIX_CHARS:
        return prefix_words[:SAMPLE_WORDS]
    return [word.lower() for word in _WORD.findall(text)[:SAMPLE_WORDS]]


def _ascii_words_lowered(prefix: str) -> list[str]:
    """`_WORD.findall(prefix)` in lower case, for a prefix whose letters are all ASCII.

    Shaped for speed (a regex and a lower() per word cost half the guess): its words are
    then the runs of A-Z and a-z, so every other character, non-ASCII ones included, is a
    space to a byte table that also lowers the letters, and split() cuts the words apart
    in C. tests/metadata/test_parts.py holds it to the regex.
    """
    ascii_bytes = prefix.encode("ascii", "replace")  # "?" for each non-ASCII character
    return ascii_bytes.translate(_LOWER_LETTERS_ELSE_SPACE).decode("ascii").split()


_PREFIX_CHARS = 10 * SAMPLE_WORDS  # words of running text average about six characters
_WORD = re.compile(r"[^\W\d_]+")
# A character outside ASCII that _WORD takes for a letter ("é", "ß", also "²").
_NON_ASCII_LETTER = re.compile(r"[^\x00-\x7f](?<=[^\W\d_])")
_LOWER_LETTERS_ELSE_SPACE = bytes(
    code + 32 if 65 <= code <= 90 else code if 97 <= code <= 122 else 32 for code in range(256)
)
