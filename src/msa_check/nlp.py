"""The spaCy pipeline, loaded once per process, and sentence segmentation of a Document.

The default pipeline is `spacy.blank("en")` with one component of ours
(`msa_check_sentences_and_lemmas`, in sentences_and_lemmas.py): it splits sentences
exactly where spaCy's rule-based Sentencizer does and sets the lemma of spacy-lookups-data's
lookup table, so it needs no trained weights and runs anywhere, fast. `--model NAME`
swaps in any installed spaCy pipeline.

Matching works on lower-case text and lower-case lemmas. The lookup table is keyed by
the word as written, which leaves capitalised words ("Approved", "Suppliers")
unlemmatised unless we look them up again in lower case. In the default pipeline a
lookup lemma depends only on the token's text, so it is worked out once per distinct
token string and kept for every document: spaCy's lookup lemmatizer and a lower-casing
pass over every token cost more than tokenising. An installed `--model` keeps its own
lemmatizer (its lemmas depend on the part of speech), followed by a component that only
lower-cases them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from msa_check.defaults import DEFAULT_MODEL
from msa_check.errors import SETTING, ModelError, Setting
from msa_check.models import Block, BlockKind, Document, Sentence
from msa_check.sentences_and_lemmas import (
    SENTENCES_AND_LEMMAS,
    SentencesAndLemmas,
    TokenBounds,
)

LEMMATIZER = "lemmatizer"
LOWERCASE_LEMMAS = "msa_check_lowercase_lemmas"


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
        nlp.add_pipe(SENTENCES_AND_LEMMAS)
    else:
        nlp = _load_installed(model)
        if not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
            nlp.add_pipe("sentencizer", first=True)
        nlp.add_pipe(LOWERCASE_LEMMAS, last=True)
    _enlarge_tokenizer_cache(nlp)
    return nlp


# spaCy's tokenizer remembers how it split each space-separated chunk, for the first
# 10,000 distinct chunks it meets; after that every other chunk is split again by the
# prefix, suffix and infix expressions each time it occurs. Statements use far more
# distinct chunks than that (48,290 in the 981 UK texts of the corpus), so at the
# default most of the tokenizer's time went on re-splitting. A bound of 50,000 takes
# tokenizing those texts' blocks from 1.22 s to 0.37 s; full, it holds about 12 MB per
# process (benchmarks/tokenizer_cache.py), and it stays a bound, so memory stays flat
# over a register. The splits are the same: the cache only remembers them.
TOKENIZER_CACHE_CHUNKS = 50_000


def _enlarge_tokenizer_cache(nlp: Language) -> None:
    tokenizer: Any = nlp.tokenizer
    if isinstance(getattr(tokenizer, "max_cache_size", None), int):
        tokenizer.max_cache_size = max(tokenizer.max_cache_size, TOKENIZER_CACHE_CHUNKS)


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
    for block, doc, bounds in _parsed_blocks(document.blocks, nlp):
        spans = tuple(Span(doc, start, end) for start, end in bounds)
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


def _parsed_blocks(
    blocks: Sequence[Block], nlp: Language
) -> Iterator[tuple[Block, Doc, TokenBounds]]:
    """Each block, its Doc, and the token bounds of its sentences with at least one word
    (lone bullets and punctuation are dropped)."""
    components = [component for _, component in nlp.pipeline]
    if len(components) == 1 and isinstance(annotator := components[0], SentencesAndLemmas):
        # The default pipeline: its component gives the sentences with a word as it sets
        # them, where reading them back from doc.sents took a Token object per token.
        docs = [nlp.make_doc(block.text) for block in blocks]
        yield from zip(blocks, docs, annotator.annotate(docs), strict=True)
        return
    for block, doc in zip(blocks, nlp.pipe(b.text for b in blocks), strict=True):
        bounds = [
            (span.start, span.end)
            for span in doc.sents
            if any(token.is_alpha or token.like_num for token in span)
        ]
        yield block, doc, bounds
