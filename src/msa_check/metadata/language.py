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
_WORD = re.compile(r"[^\W\d_]+")


def guess_language(text: str) -> str | None:
    """The ISO 639-1 code of the likeliest language of `text`; None when it is too short."""
    words = [word.lower() for word in _first_words(text)]
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


def _first_words(text: str) -> list[str]:
    """The first SAMPLE_WORDS words of `text`, as written.

    Found in a prefix of the text when it holds more than that many (so the last one
    kept is whole): a long statement is not scanned to its end only to keep its start.
    """
    prefix_words = _WORD.findall(text, 0, _PREFIX_CHARS)
    if len(prefix_words) > SAMPLE_WORDS or len(text) <= _PREFIX_CHARS:
        return prefix_words[:SAMPLE_WORDS]
    return _WORD.findall(text)[:SAMPLE_WORDS]


_PREFIX_CHARS = 10 * SAMPLE_WORDS  # words of running text average about six characters
