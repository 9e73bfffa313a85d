"""The TF-IDF sentence classifier, scored with numpy alone.

Each sentence is read with its neighbours: its own word 1-2 grams, then those of the
previous sentence and of the next one, each a TF-IDF vector of its own (sublinear term
frequency, l2-normalised), side by side. One logistic regression per label, fitted with
scikit-learn by `linear_train.py`, weighs the three. Only what scoring needs is kept, in
`linear.npz`: the vocabulary, its idf and the weights. So `check` needs neither
scikit-learn nor a neural network: a sentence costs a few dictionary look-ups and one
sparse dot product, each sentence's vector is computed once (it serves as its neighbours'
context too), and every score can say which n-grams pushed it, and from where.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from msa_check.classifier.char_block import CharBlock
from msa_check.classifier.tfidf_vector import tfidf_vector
from msa_check.errors import ModelError

# Where a feature came from: the weight blocks in their order (the fourth, the heading
# above, only in a model trained with it), then the sentences a second stage reaches.
SOURCES = (
    "sentence",
    "previous sentence",
    "next sentence",
    "heading above",
    "two sentences before",
    "two sentences after",
    "position in the document",
    "rule engine",
    "characters of the sentence",
)
NEIGHBOUR_BLOCKS = 3  # the sentence, the previous one, the next one
HEADING_BLOCK = 3
POSITION_SOURCE, RULE_SOURCE, CHAR_SOURCE = SOURCES[6], SOURCES[7], SOURCES[8]
# A design that reads where a sentence sits (linear_train's `position`): five equal parts
# of the document by sentence index, and the first and the last sentence, as indicators
# (signatures and approvals sit at the end, the description of the business near the start).
POSITION_BINS = 5
POSITION_FEATURES = (
    *(
        f"position: {100 * b // POSITION_BINS}-{100 * (b + 1) // POSITION_BINS}% of the document"
        for b in range(POSITION_BINS)
    ),
    "position: first sentence",
    "position: last sentence",
)
# A design that reads the rule engine's hits (linear_train's `rule_hits`): one indicator per
# criterion and role ("match", "exclude", ...) of the training rule set that a rule part
# of other than the classifier matched in the sentence, named so.
RULE_HIT_PREFIX = "rule hit: "
_OFFSET_SOURCE = {0: SOURCES[0], -1: SOURCES[1], 1: SOURCES[2], -2: SOURCES[4], 2: SOURCES[5]}
_WORD = re.compile(r"\b\w\w+\b")
_NUMBER = re.compile(r"\d")

FloatArray = npt.NDArray[np.float32]


def ngrams(text: str) -> list[str]:
    """The terms of a text: lower-case words of two or more characters (digits read as 0,
    so a year or a company number is one term), and each pair of neighbouring words."""
    words = _WORD.findall(_NUMBER.sub("0", text.lower()))
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


@dataclass(frozen=True)
class SentenceVector:
    """A sentence's TF-IDF vector over the vocabulary, as (term index, weight) pairs."""

    indices: npt.NDArray[np.int64]
    weights: FloatArray


@dataclass(frozen=True)
class Push:
    """One n-gram's contribution to one score: the term, where it was, and how much."""

    term: str
    source: str
    weight: float

    def describe(self) -> str:
        if self.source in (POSITION_SOURCE, RULE_SOURCE):  # a named feature, not a word
            return f"{self.term} {self.weight:+.2f}"
        if self.source == CHAR_SOURCE:
            return f'chars: "{self.term}" {self.weight:+.2f}'
        where = "" if self.source == SOURCES[0] else f" ({self.source})"
        return f'"{self.term}"{where} {self.weight:+.2f}'


@dataclass(frozen=True)
class SecondStage:
    """A logistic regression per label over the first stage's log-odds of every label for
    the sentence, the previous and the next one: `weights[p]` (labels x labels) for p in
    sentence, previous, next, then `intercepts`. A neighbour past the document's edge
    contributes nothing."""

    weights: FloatArray
    intercepts: FloatArray


def heading_above(texts: Sequence[str]) -> list[int]:
    """For each sentence, the index of the nearest heading-shaped sentence before it (-1:
    none): the section it sits under, as the same shape test that sets headings aside
    as evidence sees it."""
    # Imported here: the shape test lives with the rules, which load spaCy's types.
    from msa_check.rules.shape import looks_like_heading

    above: list[int] = []
    current = -1
    for index, text in enumerate(texts):
        above.append(current)
        if looks_like_heading(text):
            current = index
    return above


def position_matrix(count: int) -> FloatArray:
    """Row i: the position features (POSITION_FEATURES) of sentence i of `count`, as 0/1."""
    matrix = np.zeros((count, len(POSITION_FEATURES)), np.float32)
    if count:
        index = np.arange(count)
        matrix[index, index * POSITION_BINS // count] = 1.0
        matrix[0, POSITION_BINS] = 1.0
        matrix[count - 1, POSITION_BINS + 1] = 1.0
    return matrix


def rule_hit_name(criterion: str, role: str) -> str:
    return f"{RULE_HIT_PREFIX}{criterion} / {role}"


def indicator_matrix(
    names: Sequence[str], count: int, rule_hits: Sequence[frozenset[str]] | None = None
) -> FloatArray:
    """Row i, column j: 1 where sentence i of `count` has the indicator `names[j]`: a
    position feature (POSITION_FEATURES) or a rule hit named in `rule_hits[i]` (None: the
    rule engine's hits were not given, so none is set)."""
    matrix = np.zeros((count, len(names)), np.float32)
    positions = position_matrix(count)
    for column, name in enumerate(names):
        if name in POSITION_FEATURES:
            matrix[:, column] = positions[:, POSITION_FEATURES.index(name)]
        elif rule_hits is not None:
            matrix[:, column] = [name in hit for hit in rule_hits]
    return matrix


@dataclass(frozen=True)
class Indicators:
    """Named 0/1 features beside the n-gram blocks (position, rule hits): `weights` is
    (names x labels), a first-stage weight per indicator and label."""

    names: tuple[str, ...]
    weights: FloatArray
    rule_set: str | None = None  # the rule set whose hits the rule-hit indicators name

    @property
    def reads_rule_hits(self) -> bool:
        return any(name.startswith(RULE_HIT_PREFIX) for name in self.names)


class LinearSentenceClassifier:
    """Scores sentences for the labels a trained TF-IDF model knows."""

    def __init__(
        self,
        name: str,
        terms: Sequence[str],
        idf: FloatArray,
        weights: FloatArray,
        intercepts: FloatArray,
        labels: Sequence[str],
        second_stage: SecondStage | None = None,
        indicators: Indicators | None = None,
        chars: CharBlock | None = None,
        nb_ratios: FloatArray | None = None,
    ) -> None:
        """`weights` as fitted; with `nb_ratios` (terms x labels, design `tfidf-nb`), each
        n-gram's fitted weight for a label is scaled by its ratio for that label, as its
        column was scaled before fitting, so scoring uses their product."""
        blocks = weights.shape[0] if weights.ndim == 3 else 0
        if blocks not in (NEIGHBOUR_BLOCKS, NEIGHBOUR_BLOCKS + 1) or weights.shape[1:] != (
            len(terms),
            len(labels),
        ):
            raise ModelError(f"classifier {name!r}: weights do not fit its vocabulary and labels")
        square = (NEIGHBOUR_BLOCKS, len(labels), len(labels))
        if second_stage is not None and second_stage.weights.shape != square:
            raise ModelError(f"classifier {name!r}: its second stage does not fit its labels")
        if indicators is not None and indicators.weights.shape != (
            len(indicators.names),
            len(labels),
        ):
            raise ModelError(f"classifier {name!r}: its indicator weights do not fit its labels")
        if nb_ratios is not None and nb_ratios.shape != weights.shape[1:]:
            raise ModelError(f"classifier {name!r}: its n-gram ratios do not fit its vocabulary")
        if chars is not None and chars.weights.shape != (len(chars.terms), len(labels)):
            raise ModelError(f"classifier {name!r}: its character weights do not fit its labels")
        self.name = name
        self.terms = tuple(terms)
        self.index = {term: i for i, term in enumerate(self.terms)}
        self.idf = idf
        self.fitted_weights = weights
        self.nb_ratios = nb_ratios
        # What scoring multiplies a column's TF-IDF value by: the fitted weight, times the
        # n-gram's ratio in an NB-weighted model.
        self.weights = weights if nb_ratios is None else weights * nb_ratios[None]
        self.chars = chars
        # Each label's C where the training chose it per label (for its record only).
        self.regularisation: dict[str, float] | None = None
        self.intercepts = intercepts
        self.labels = tuple(labels)
        self.second_stage = second_stage
        self.indicators = indicators
        self.reads_rule_hits = indicators is not None and indicators.reads_rule_hits
        self.reads_headings = blocks > NEIGHBOUR_BLOCKS

    def vector(self, text: str) -> SentenceVector:
        return SentenceVector(*tfidf_vector(ngrams(text), self.index, self.idf))

    def logits(
        self, sentences: Sequence[str], rule_hits: Sequence[frozenset[str]] | None = None
    ) -> FloatArray:
        """Per sentence, the log-odds of every label (document order matters: context)."""
        return self.read(sentences, rule_hits).logits

    def read(
        self, sentences: Sequence[str], rule_hits: Sequence[frozenset[str]] | None = None
    ) -> ScoredDocument:
        """Score a document's sentences once, keeping what explaining a score needs;
        `rule_hits` (per sentence, the names of `rule_hit_name`) feed a model that reads
        them."""
        vectors = [self.vector(text) for text in sentences]
        n = len(sentences)
        # Each sentence's vector times each block once: as itself, as the previous sentence
        # of the next one, as the next sentence of the previous one (and as a heading).
        blocks = np.zeros((self.weights.shape[0], n + 2, len(self.labels)), np.float32)
        for i, v in enumerate(vectors, start=1):
            if len(v.indices):
                blocks[:, i] = np.einsum("k,skl->sl", v.weights, self.weights[:, v.indices])
        own, as_previous, as_next = blocks[0], blocks[1], blocks[2]
        first: FloatArray = own[1 : n + 1] + as_previous[0:n] + as_next[2 : n + 2]
        first += self.intercepts
        if self.chars is not None:
            first += self.chars.logits(sentences)
        headings = heading_above(sentences) if self.reads_headings else [-1] * n
        if self.reads_headings:
            # Row 0 of the padded blocks is zero: a sentence under no heading gets nothing.
            first += blocks[HEADING_BLOCK][np.array(headings, dtype=np.int64) + 1]
        indicated = None
        if self.indicators is not None:
            indicated = indicator_matrix(self.indicators.names, n, rule_hits)
            first += indicated @ self.indicators.weights
        logits = first
        if self.second_stage is not None:
            logits = _second_stage(self.second_stage, first)
        return ScoredDocument(self, vectors, logits, headings, indicated, sentences)

    def score(
        self, sentences: Sequence[str], rule_hits: Sequence[frozenset[str]] | None = None
    ) -> list[dict[str, float]]:
        """Per sentence (in document order), the probability of every label, 0.0-1.0."""
        return self.read(sentences, rule_hits).scores()

    def explain(
        self,
        sentences: Sequence[str],
        index: int,
        label: str,
        top: int = 3,
        rule_hits: Sequence[frozenset[str]] | None = None,
    ) -> list[Push]:
        """The n-grams (and indicators) that pushed sentence `index`'s score for `label` most."""
        return self.read(sentences, rule_hits).explain(index, label, top)


def _second_stage(stage: SecondStage, first: FloatArray) -> FloatArray:
    padded = np.zeros((len(first) + 2, first.shape[1]), np.float32)
    padded[1:-1] = first
    own, previous, following = padded[1:-1], padded[:-2], padded[2:]
    result: FloatArray = (
        own @ stage.weights[0] + previous @ stage.weights[1] + following @ stage.weights[2]
    )
    return result + stage.intercepts


class ScoredDocument:
    """A document's sentences as one model scored them, able to say why."""

    def __init__(
        self,
        model: LinearSentenceClassifier,
        vectors: list[SentenceVector],
        logits: FloatArray,
        headings: list[int],
        indicated: FloatArray | None = None,
        texts: Sequence[str] = (),
    ) -> None:
        self.model = model
        self.texts = texts  # read again for the character n-grams' pushes
        self.vectors = vectors
        self.logits = logits
        self.headings = headings
        # Row i: the indicators sentence i has, for a model that reads them.
        self._indicated = indicated

    def scores(self) -> list[dict[str, float]]:
        probabilities = 1.0 / (1.0 + np.exp(-self.logits))
        labels = self.model.labels
        return [dict(zip(labels, map(float, row), strict=True)) for row in probabilities]

    def explain(self, index: int, label: str, top: int = 3) -> list[Push]:
        """The n-grams that pushed sentence `index`'s score for `label` most, either way
        (so a low score names what held it down), each with the sentence it came from.
        The model is linear in the n-grams (a second stage weighs first-stage log-odds,
        which are sums of n-gram weights), so each push is exact: an n-gram's weight
        summed over every path by which it reaches this score."""
        model = self.model
        column = model.labels.index(label)
        plain = model.second_stage is None and not model.reads_headings
        if plain and model.indicators is None and model.chars is None:
            return self._explain_neighbours(index, column, top)
        total: dict[tuple[int, int], float] = {}
        by_indicator: dict[int, float] = {}
        by_chars: dict[int, float] = {}
        for position, through in self._paths(index, column):
            if self._indicated is not None and model.indicators is not None:
                for feature in np.flatnonzero(self._indicated[position]).tolist():
                    value = float(model.indicators.weights[feature] @ through)
                    by_indicator[feature] = by_indicator.get(feature, 0.0) + value
            if model.chars is not None:
                by_char = self._char_pushes(position, through)
                for term, value in by_char.items():
                    by_chars[term] = by_chars.get(term, 0.0) + value
            for block, source in enumerate(self._block_sources(position)):
                if 0 <= source < len(self.vectors):
                    v = self.vectors[source]
                    contributions = v.weights * (self.model.weights[block, v.indices] @ through)
                    for term, value in zip(v.indices.tolist(), contributions.tolist(), strict=True):
                        total[(source, term)] = total.get((source, term), 0.0) + value
        pushes = [
            Push(model.terms[term], self._source_name(index, source), value)
            for (source, term), value in total.items()
        ]
        if model.indicators is not None:
            names = model.indicators.names
            pushes += [
                Push(names[f], POSITION_SOURCE if names[f] in POSITION_FEATURES else RULE_SOURCE, v)
                for f, v in by_indicator.items()
            ]
        if model.chars is not None:
            chars = model.chars.terms
            pushes += [Push(chars[term], CHAR_SOURCE, v) for term, v in by_chars.items()]
        return sorted(pushes, key=lambda p: -abs(p.weight))[:top]

    def _char_pushes(self, position: int, through: FloatArray) -> dict[int, float]:
        """Sentence `position`'s character n-grams' pushes along one path (the block reads
        the sentence itself only, so other sentences' characters never reach it)."""
        chars = self.model.chars
        if chars is None or not 0 <= position < len(self.texts):
            return {}
        indices, values = chars.vector(self.texts[position])
        contributions = values * (chars.weights[indices] @ through)
        return dict(zip(indices.tolist(), contributions.tolist(), strict=True))

    def _explain_neighbours(self, index: int, column: int, top: int) -> list[Push]:
        """The same for a model of the three blocks alone, where each n-gram reaches the
        score by one path: the strongest of each block, then of all (ties kept in the
        order of the blocks, as reports have always listed them)."""
        pushes: list[Push] = []
        for block, position in enumerate((index, index - 1, index + 1)):
            if 0 <= position < len(self.vectors):
                v = self.vectors[position]
                contributions = v.weights * self.model.weights[block, v.indices, column]
                strongest = np.argsort(-np.abs(contributions))[:top]
                pushes.extend(
                    Push(self.model.terms[v.indices[i]], SOURCES[block], float(contributions[i]))
                    for i in strongest
                )
        pushes.sort(key=lambda p: -abs(p.weight))
        return pushes[:top]

    def _source_name(self, index: int, source: int) -> str:
        # The heading the sentence sits under is named so, unless it is the sentence itself
        # or the one just before (then it is named as that).
        if self.model.reads_headings and source == self.headings[index] < index - 1:
            return SOURCES[HEADING_BLOCK]
        return _OFFSET_SOURCE.get(source - index, SOURCES[HEADING_BLOCK])

    def _paths(self, index: int, column: int) -> list[tuple[int, FloatArray]]:
        """The first-stage scores this label's score reads: (sentence, weight per label)."""
        stage = self.model.second_stage
        if stage is None:
            return [(index, np.eye(len(self.model.labels), dtype=np.float32)[column])]
        return [
            (index + offset, stage.weights[p][:, column])
            for p, offset in enumerate((0, -1, 1))
            if 0 <= index + offset < len(self.vectors)
        ]

    def _block_sources(self, position: int) -> list[int]:
        """The sentence each weight block of `position`'s first-stage score reads."""
        sources = [position, position - 1, position + 1]
        if self.model.reads_headings:
            sources.append(self.headings[position])
        return sources
