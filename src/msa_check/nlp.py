"""The spaCy pipeline, loaded once per process, and sentence segmentation of a Document.

The default pipeline is `spacy.blank("en")` with a rule-based sentencizer and the
lemma lookup table of spacy-lookups-data: it needs no trained weights, so it runs
anywhere, fast. `--model NAME` swaps in any installed spaCy pipeline. The sentencizer
(`msa_check_sentencizer`) splits exactly where spaCy's Sentencizer does, worked out on
arrays of the tokens' ids rather than a Token object per token, which cost more than
the rule itself.

Matching works on lower-case text and lower-case lemmas. The lookup table is keyed by
the word as written, which leaves capitalised words ("Approved", "Suppliers")
unlemmatised unless we look them up again in lower case. In the default pipeline a
lookup lemma depends only on the token's text, so one component (`msa_check_lemmas`)
works it out once per distinct token string, keeps it in a dict shared by every
document, and writes all of a Doc's lemmas in one array: spaCy's lookup lemmatizer and
a lower-casing pass over every token cost more than tokenising. An installed `--model`
keeps its own lemmatizer (its lemmas depend on the part of speech), followed by a
component that only lower-cases them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import numpy
import spacy
from spacy.attrs import IS_PUNCT, LEMMA, ORTH, SENT_START
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.pipeline import Sentencizer
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from msa_check.defaults import DEFAULT_MODEL
from msa_check.errors import SETTING, ModelError, Setting
from msa_check.models import Block, BlockKind, Document, Sentence

LEMMATIZER = "lemmatizer"
LOWERCASE_LEMMAS = "msa_check_lowercase_lemmas"
CACHED_LEMMAS = "msa_check_lemmas"
SENTENCIZER = "msa_check_sentencizer"
# A sentence start and a token inside a sentence, as Doc.to_array(SENT_START) gives them.
_STARTS, _INSIDE = 1, 2**64 - 1  # 1 and -1 as uint64
LEMMA_TABLE = "lemma_lookup"
# Distinct token strings whose lemma is kept; past this the cache starts again, so a
# batch of many thousand noisy statements cannot grow it without bound.
LEMMA_CACHE_SIZE = 500_000


def lookup_lemma(table: Any, text: str) -> str:
    """The lower-case lemma of a word: spaCy's lookup lemma, looked up again in lower case.

    The same answer as spaCy's lookup Lemmatizer followed by `_LowercaseLemmas`.
    """
    lemma = table.get(text, text)
    if lemma and lemma == lemma.lower():
        return str(lemma)
    lower = text.lower()
    if not lemma or lemma == text:
        lemma = table.get(lower, lower)
    return str(lemma or lower).lower()


@Language.factory(SENTENCIZER, assigns=["token.is_sent_start"])
def _make_sentencizer(nlp: Language, name: str) -> _Sentencizer:
    return _Sentencizer()


class _Sentencizer:
    """spaCy's Sentencizer with its default punctuation, on arrays.

    Its rule: a sentence starts at token 0, and at the first token after a sentence-final
    character ("." "!" "?" and their like in other scripts) that is neither punctuation
    nor such a character ("Yes!!) Then" starts a sentence at "Then").
    """

    def __init__(self) -> None:
        self._final = frozenset(get_string_id(c) for c in Sentencizer.default_punct_chars)

    def __call__(self, doc: Doc) -> Doc:
        # A loop over plain lists: most Docs are one block of a few dozen tokens, where
        # numpy's per-call overhead (isin alone sorts its input) cost ten times the rule.
        if not len(doc):
            return doc
        orths, puncts = doc.to_array([ORTH, IS_PUNCT]).T.tolist()
        final = self._final
        sent_start = [_INSIDE] * len(orths)
        sent_start[0] = _STARTS
        after_final = False
        for i, orth in enumerate(orths):
            if orth in final:
                after_final = True
            elif after_final and not puncts[i]:
                sent_start[i] = _STARTS
                after_final = False
        column = numpy.array(sent_start, dtype=numpy.uint64).reshape(-1, 1)
        doc.from_array([SENT_START], column)  # type: ignore[arg-type]
        return doc


@Language.factory(CACHED_LEMMAS, assigns=["token.lemma"])
def _make_cached_lemmas(nlp: Language, name: str) -> _CachedLemmas:
    return _CachedLemmas(nlp)


class _CachedLemmas:
    """Sets every token's lower-case lookup lemma, worked out once per distinct string."""

    def __init__(self, nlp: Language) -> None:
        self._strings = nlp.vocab.strings
        self._table = load_lookups(lang=nlp.lang or "en", tables=[LEMMA_TABLE]).get_table(
            LEMMA_TABLE
        )
        self._lemma_of: dict[int, int] = {}  # orth -> lemma, both as StringStore hashes

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        orths = doc.to_array(ORTH).tolist()
        lemmas = list(map(self._lemma_of.get, orths))  # None for a string not seen yet
        if None in lemmas:
            lemmas = [self._lemma_of.get(orth) or self._learn(orth) for orth in orths]
        column = numpy.array(lemmas, dtype=numpy.uint64).reshape(-1, 1)
        doc.from_array([LEMMA], column)  # type: ignore[arg-type]  # thinc's Ints2d is an ndarray
        return doc

    def _learn(self, orth: int) -> int:
        if len(self._lemma_of) >= LEMMA_CACHE_SIZE:
            self._lemma_of.clear()
        lemma: int = self._strings.add(lookup_lemma(self._table, self._strings[orth]))
        self._lemma_of[orth] = lemma
        return lemma


@Language.factory(LOWERCASE_LEMMAS, assigns=["token.lemma"])
def _make_lowercase_lemmas(nlp: Language, name: str) -> _LowercaseLemmas:
    return _LowercaseLemmas(nlp)


class _LowercaseLemmas:
    """Lower-case every lemma, looking capitalised words up again in lower case."""

    def __init__(self, nlp: Language) -> None:
        self._nlp = nlp
        self._table: Any = None

    def __call__(self, doc: Doc) -> Doc:
        table = self._table if self._table is not None else self._find_table()
        for token in doc:
            lemma = token.lemma_
            if lemma and lemma == lemma.lower():
                continue  # most tokens: a lower-case lemma already, and writing one costs
            if table is not None and (not lemma or lemma == token.text):
                lemma = table.get(token.lower_, token.lower_)
            token.lemma_ = (lemma or token.lower_).lower()
        return doc

    def _find_table(self) -> Any:
        # The lookup table is loaded by nlp.initialize(), after this component is built.
        if LEMMATIZER in self._nlp.pipe_names:
            lookups = getattr(self._nlp.get_pipe(LEMMATIZER), "lookups", None)
            if lookups is not None and lookups.has_table("lemma_lookup"):
                self._table = lookups.get_table("lemma_lookup")
        return self._table


@functools.lru_cache(maxsize=4)
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline once per process and per name.

    `blank:en` builds the default pipeline; any other name is passed to spacy.load.
    """
    if model == DEFAULT_MODEL:
        nlp = spacy.blank("en")
        nlp.add_pipe(SENTENCIZER)
        nlp.add_pipe(CACHED_LEMMAS)
        return nlp
    nlp = _load_installed(model)
    if not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
        nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe(LOWERCASE_LEMMAS, last=True)
    return nlp


def _load_installed(model: str) -> Language:
    try:
        # The named entity recogniser is kept: its PERSON and ORG entities find signatories.
        return spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"the spaCy pipeline {model!r} is not installed "
            f"(install it with pip, or use the default {SETTING} {DEFAULT_MODEL})",
            setting=Setting.MODEL,
        ) from exc


@dataclass(frozen=True)
class ParsedBlock:
    """A block, its spaCy Doc, and the indices of its sentences in Document.sentences."""

    block: Block
    doc: Doc
    sentence_spans: tuple[Span, ...]
    first_sentence: int


@dataclass(frozen=True)
class ParsedDocument:
    """A Document with its sentences filled, and the spaCy Docs the matchers run on."""

    document: Document
    blocks: tuple[ParsedBlock, ...]
    # The kind of block each sentence comes from: a heading counts for less as evidence.
    sentence_kinds: tuple[BlockKind, ...]


def parse_document(document: Document, nlp: Language) -> ParsedDocument:
    """Split every block into sentences; a sentence never crosses a block (so never a page)."""
    parsed: list[ParsedBlock] = []
    sentences: list[Sentence] = []
    texts = (block.text for block in document.blocks)
    for block, doc in zip(document.blocks, nlp.pipe(texts, batch_size=256), strict=True):
        spans = tuple(_meaningful_sentences(doc))
        parsed.append(ParsedBlock(block, doc, spans, len(sentences)))
        for span in spans:
            start, end = span.start_char, span.end_char
            sentences.append(
                Sentence(
                    index=len(sentences),
                    # The same as span.text, which joins a string per token to make it.
                    text=block.text[start:end],
                    start=block.start + start,
                    end=block.start + end,
                    page=block.page,
                    section=block.section,
                )
            )
    kinds = tuple(pb.block.kind for pb in parsed for _ in pb.sentence_spans)
    return ParsedDocument(replace(document, sentences=tuple(sentences)), tuple(parsed), kinds)


def _meaningful_sentences(doc: Doc) -> Iterator[Span]:
    """Sentences with at least one word: lone bullets and punctuation are dropped."""
    for span in doc.sents:
        if any(token.is_alpha or token.like_num for token in span):
            yield span
