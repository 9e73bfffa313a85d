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
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from msa_check.errors import ModelError

LINEAR_FILE = "linear.npz"
# Where a feature came from, in the order of the weight blocks.
SOURCES = ("sentence", "previous sentence", "next sentence")
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
        where = "" if self.source == SOURCES[0] else f" ({self.source})"
        return f'"{self.term}"{where} {self.weight:+.2f}'


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
    ) -> None:
        if weights.shape != (len(SOURCES), len(terms), len(labels)):
            raise ModelError(f"classifier {name!r}: weights do not fit its vocabulary and labels")
        self.name = name
        self.terms = tuple(terms)
        self.index = {term: i for i, term in enumerate(self.terms)}
        self.idf = idf
        self.weights = weights
        self.intercepts = intercepts
        self.labels = tuple(labels)

    def vector(self, text: str) -> SentenceVector:
        counts = Counter(i for i in map(self.index.get, ngrams(text)) if i is not None)
        indices = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter(
            (1.0 + math.log(c) for c in counts.values()), dtype=np.float32, count=len(counts)
        )
        weights = tf * self.idf[indices]
        norm = float(np.sqrt(weights @ weights))
        return SentenceVector(indices, weights / norm if norm else weights)

    def logits(self, sentences: Sequence[str]) -> FloatArray:
        """Per sentence, the log-odds of every label (document order matters: context)."""
        return self.read(sentences).logits

    def read(self, sentences: Sequence[str]) -> ScoredDocument:
        """Score a document's sentences once, keeping what explaining a score needs."""
        vectors = [self.vector(text) for text in sentences]
        # Each sentence's vector times each block once: as itself, as the previous sentence
        # of the next one and as the next sentence of the previous one.
        blocks = np.zeros((len(SOURCES), len(sentences) + 2, len(self.labels)), np.float32)
        for i, v in enumerate(vectors, start=1):
            if len(v.indices):
                blocks[:, i] = np.einsum("k,skl->sl", v.weights, self.weights[:, v.indices])
        n = len(sentences)
        own, as_previous, as_next = blocks[0], blocks[1], blocks[2]
        logits: FloatArray = own[1 : n + 1] + as_previous[0:n] + as_next[2 : n + 2]
        return ScoredDocument(self, vectors, logits + self.intercepts)

    def score(self, sentences: Sequence[str]) -> list[dict[str, float]]:
        """Per sentence (in document order), the probability of every label, 0.0-1.0."""
        return self.read(sentences).scores()

    def explain(self, sentences: Sequence[str], index: int, label: str, top: int = 3) -> list[Push]:
        """The n-grams that pushed sentence `index`'s score for `label` most."""
        return self.read(sentences).explain(index, label, top)


class ScoredDocument:
    """A document's sentences as one model scored them, able to say why."""

    def __init__(
        self,
        model: LinearSentenceClassifier,
        vectors: list[SentenceVector],
        logits: FloatArray,
    ) -> None:
        self.model = model
        self.vectors = vectors
        self.logits = logits

    def scores(self) -> list[dict[str, float]]:
        probabilities = 1.0 / (1.0 + np.exp(-self.logits))
        labels = self.model.labels
        return [dict(zip(labels, map(float, row), strict=True)) for row in probabilities]

    def explain(self, index: int, label: str, top: int = 3) -> list[Push]:
        """The n-grams that pushed sentence `index`'s score for `label` most, either way
        (so a low score names what held it down), each with the sentence it came from."""
        column = self.model.labels.index(label)
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


def is_linear_model(path: Path) -> bool:
    return (path / LINEAR_FILE).is_file()


def load_linear(path: Path, name: str) -> LinearSentenceClassifier:
    try:
        with np.load(path / LINEAR_FILE, allow_pickle=False) as data:
            return LinearSentenceClassifier(
                name,
                [str(t) for t in data["terms"]],
                data["idf"].astype(np.float32),
                data["weights"].astype(np.float32),
                data["intercepts"].astype(np.float32),
                [str(label) for label in data["labels"]],
            )
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(f"cannot load the classifier at {path}: {exc}") from exc


def save_linear(
    path: Path,
    terms: Sequence[str],
    idf: FloatArray,
    weights: FloatArray,
    intercepts: FloatArray,
    labels: Sequence[str],
) -> None:
    path.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        path / LINEAR_FILE,
        terms=np.array(terms, dtype=str),
        idf=idf.astype(np.float32),
        # float16 halves the file (see linear_train.py for how far scores move).
        weights=weights.astype(np.float16),
        intercepts=intercepts.astype(np.float32),
        labels=np.array(labels, dtype=str),
    )
