"""The default pipeline's one component: sentence starts and lower-case lemmas, on arrays.

It splits sentences exactly where spaCy's Sentencizer (default punctuation) does, and
sets the lemma spaCy's lookup Lemmatizer gives, looked up again in lower case
(`lookup_lemma`). Everything it needs of a token depends only on the token's string, so
it is worked out once per distinct string and kept in a `TokenTable`: the lemma, and a
role letter (`role_letter`) saying whether the token ends a sentence, is punctuation,
and is a word or number. All the tokens of a document's blocks are looked up at once in
the table's arrays, and their role letters, as one bytes string, let two regexes find
the sentence starts and the sentences with a word, in C: a Python loop over the tokens
(or a Token object per token, as doc.sents and token.is_alpha take) cost more than the
rules that read them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy
from numpy.typing import NDArray
from spacy.attrs import LEMMA, ORTH, SENT_START
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

SENTENCES_AND_LEMMAS = "msa_check_sentences_and_lemmas"
LEMMA_TABLE = "lemma_lookup"
# Distinct token strings whose lemma is kept; past this the table starts again, so a
# batch of many thousand noisy statements cannot grow it without bound.
LEMMA_CACHE_SIZE = 500_000
# Slots of the arrays in front of that dict (see TokenTable): 2.3 MB in all.
_SLOTS = 1 << 17
_SLOT_BITS = numpy.uint64(_SLOTS - 1)
_LOW_64_BITS = 2**64 - 1
# A sentence start and a token inside a sentence, as Doc.from_array(SENT_START) takes them.
_STARTS, _INSIDE = 1, 2**64 - 1  # 1 and -1 as uint64

# The Sentencizer's rule on role letters: a sentence starts at the first token after a
# sentence-final one that is neither punctuation nor final ("Yes!!) Then": at "Then").
_SENTENCE_START = re.compile(rb"[FG][FGPQ]*([OW])")
_WORD_ROLE = re.compile(rb"[GQW]")

TokenBounds = list[tuple[int, int]]
_NO_IDS = numpy.empty(0, dtype=numpy.uint64)


def lookup_lemma(table: Any, text: str) -> str:
    """The lower-case lemma of a word: spaCy's lookup lemma, looked up again in lower case.

    The same answer as spaCy's lookup Lemmatizer followed by a lower-casing of its lemma
    that looks capitalised words ("Approved", "Suppliers") up again in lower case.
    """
    lemma = table.get(text, text)
    if lemma and lemma == lemma.lower():
        return str(lemma)
    lower = text.lower()
    if not lemma or lemma == text:
        lemma = table.get(lower, lower)
    return str(lemma or lower).lower()


def role_letter(final: bool, punctuation: bool, word: bool) -> int:
    """A token's role, as a letter's byte: F(inal) P(unctuation) O(ther), G Q W when also
    a word or number (spaCy's is_alpha or like_num)."""
    if final:
        return ord("G" if word else "F")
    if punctuation:
        return ord("Q" if word else "P")
    return ord("W" if word else "O")


class TokenTable:
    """The lemma and role of each token string seen, keyed by its id (orth hash).

    Every string learnt is in a dict; in front of it, numpy arrays hold one string per
    slot, the slot being the low bits of its id (ids are hashes, so the bits are evenly
    spread), and a Doc's tokens are looked up there all at once: one array lookup per
    token, where a dict lookup per token in Python cost as much as the rules. A token whose
    slot holds another string (a few in a hundred, once warm) is looked up in the dict and
    takes the slot, so the frequent strings stay in the arrays.
    """

    def __init__(self, vocab: Vocab, lang: str) -> None:
        self._vocab = vocab
        self._lemmas = load_lookups(lang=lang, tables=[LEMMA_TABLE]).get_table(LEMMA_TABLE)
        self._final = frozenset(Sentencizer.default_punct_chars)
        # orth -> lemma id + (role << 64): one int an entry, as small as the lemma alone,
        # where a (lemma, role) tuple took twice the memory in a long batch.
        self._learnt: dict[int, int] = {}
        # Slot i starts with id i + 1, which belongs in slot i + 1: no id is found there.
        self._slot_ids = numpy.arange(1, _SLOTS + 1, dtype=numpy.uint64)
        self._slot_lemmas = numpy.zeros(_SLOTS, dtype=numpy.uint64)
        self._slot_roles = numpy.zeros(_SLOTS, dtype=numpy.uint8)

    def __len__(self) -> int:
        return len(self._learnt)

    def look_up(self, orths: NDArray[numpy.uint64]) -> tuple[NDArray[numpy.uint64], bytes]:
        """The lemma ids of the tokens `orths`, and their role letters."""
        slots = (orths & _SLOT_BITS).astype(numpy.intp)
        found = self._slot_ids[slots] == orths
        lemmas, roles = self._slot_lemmas[slots], self._slot_roles[slots]
        if not found.all():
            for i in numpy.flatnonzero(~found).tolist():
                orth = int(orths[i])
                facts = self._learnt.get(orth) or self._learn(orth)
                lemma, role = facts & _LOW_64_BITS, facts >> 64
                lemmas[i], roles[i] = lemma, role
                slot = slots[i]
                self._slot_ids[slot], self._slot_lemmas[slot], self._slot_roles[slot] = (
                    orth,
                    lemma,
                    role,
                )
        return lemmas, roles.tobytes()

    def _learn(self, orth: int) -> int:
        if len(self._learnt) >= LEMMA_CACHE_SIZE:
            self._learnt.clear()  # the arrays are of fixed size: they keep what they hold
        strings = self._vocab.strings
        text = strings[orth]
        lexeme = self._vocab[orth]
        role = role_letter(text in self._final, lexeme.is_punct, lexeme.is_alpha or lexeme.like_num)
        facts: int = strings.add(lookup_lemma(self._lemmas, text)) | role << 64
        self._learnt[orth] = facts
        return facts


@Language.factory(SENTENCES_AND_LEMMAS, assigns=["token.is_sent_start", "token.lemma"])
def _make_sentences_and_lemmas(nlp: Language, name: str) -> SentencesAndLemmas:
    return SentencesAndLemmas(nlp)


class SentencesAndLemmas:
    """Sets every token's sentence start and lower-case lookup lemma (see the module)."""

    def __init__(self, nlp: Language) -> None:
        self.table = TokenTable(nlp.vocab, nlp.lang or "en")

    def __call__(self, doc: Doc) -> Doc:
        self.annotate([doc])
        return doc

    def annotate(self, docs: Sequence[Doc]) -> list[TokenBounds]:
        """Set the sentence starts and lemmas of each Doc (a document's blocks); return,
        per Doc, the (start, end) token bounds of its sentences with a word or number.

        All the Docs' tokens are looked up at once: a statement's blocks are a few dozen
        tokens each, where a numpy call's own cost is most of the work."""
        ids = [numpy.asarray(doc.to_array(ORTH), dtype=numpy.uint64) for doc in docs]
        lemmas, roles = self.table.look_up(numpy.concatenate(ids) if ids else _NO_IDS)
        columns = numpy.empty((len(lemmas), 2), dtype=numpy.uint64)
        columns[:, 0] = _INSIDE
        columns[:, 1] = lemmas
        found: list[TokenBounds] = []
        first = 0  # the first token of the Doc among all the Docs' tokens
        for doc in docs:
            end = first + len(doc)
            if first == end:
                found.append([])
                continue
            # pos and endpos keep each match inside the Doc: a sentence never crosses it.
            starts = [first, *(m.start(1) for m in _SENTENCE_START.finditer(roles, first, end))]
            columns[starts, 0] = _STARTS
            doc.from_array([SENT_START, LEMMA], columns[first:end])  # type: ignore[arg-type]  # thinc's Ints2d is an ndarray
            ends = [*starts[1:], end]
            found.append(
                [
                    (start - first, stop - first)
                    for start, stop in zip(starts, ends, strict=True)
                    if _WORD_ROLE.search(roles, start, stop)
                ]
            )
            first = end
        return found
