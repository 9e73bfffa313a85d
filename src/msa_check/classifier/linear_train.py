"""Fitting the TF-IDF classifier (`linear.py`) with scikit-learn (the `train` extra).

scikit-learn is imported only here: `check` scores with the exported arrays alone.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from msa_check.classifier.linear import (
    NEIGHBOUR_BLOCKS,
    FloatArray,
    LinearSentenceClassifier,
    SecondStage,
    heading_above,
    ngrams,
)
from msa_check.errors import UsageError

# Chosen by 2-fold cross-fitting on the Canadian file (benchmarks/ACCURACY.md).
REGULARISATION = 4.0  # scikit-learn's C: larger fits the training sentences more closely
NEIGHBOUR_WEIGHT = 0.5  # a neighbour's vector counts half the sentence's own
MIN_DOCUMENT_FREQUENCY = 2  # an n-gram seen in one sentence only says nothing general


@dataclass(frozen=True)
class LinearDesign:
    """What the model reads beyond the sentence and its two neighbours (ACCURACY.md)."""

    heading: bool = False  # a fourth block: the nearest heading-shaped sentence above
    second_stage: bool = False  # a regression over the neighbours' first-stage log-odds
    heading_weight: float = 0.5
    second_stage_regularisation: float = 1.0
    second_stage_folds: int = 5  # out-of-fold first-stage scores, by statement
    # Balanced class weights move a rare label's 0.5 far down; unweighted, the second
    # stage's score is a plain probability (added after the first CV run: ACCURACY.md).
    second_stage_balanced: bool = True


DESIGNS = {
    "tfidf": LinearDesign(),
    "tfidf-stage2": LinearDesign(second_stage=True),
    "tfidf-heading": LinearDesign(heading=True),
    "tfidf-heading-stage2": LinearDesign(heading=True, second_stage=True),
    "tfidf-stage2-plain": LinearDesign(second_stage=True, second_stage_balanced=False),
}
DEFAULT_DESIGN = "tfidf"


def _require_sklearn() -> None:
    try:
        import sklearn

        del sklearn
    except ImportError as exc:
        raise UsageError(
            'training the tfidf classifier needs scikit-learn: pip install "msa-check[train]"'
        ) from exc


def fit_linear(
    documents: Sequence[Sequence[str]],
    labels_of: Sequence[Sequence[frozenset[str]]],
    labels: Sequence[str],
    name: str = "trained",
    design: LinearDesign = DESIGNS[DEFAULT_DESIGN],
) -> LinearSentenceClassifier:
    """Fit on statements (each a list of sentences in order, with each sentence's labels)."""
    _require_sklearn()
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer

    sentences = [s for document in documents for s in document]
    if not sentences:
        raise UsageError("no labelled sentences in the given data sets")
    vectoriser = TfidfVectorizer(
        analyzer=ngrams, sublinear_tf=True, min_df=MIN_DOCUMENT_FREQUENCY, dtype=np.float32
    )
    own = vectoriser.fit_transform(sentences).tocsr()
    lengths = [len(d) for d in documents]
    previous, following = (_rows(own, picks) for picks in _neighbour_rows(lengths))
    blocks = [own, NEIGHBOUR_WEIGHT * previous, NEIGHBOUR_WEIGHT * following]
    block_weights = [1.0, NEIGHBOUR_WEIGHT, NEIGHBOUR_WEIGHT]
    if design.heading:
        blocks.append(design.heading_weight * _rows(own, _heading_rows(documents)))
        block_weights.append(design.heading_weight)
    features = sparse.hstack(blocks).tocsr()
    truth = np.array(
        [[label in t for label in labels] for document in labels_of for t in document], bool
    ).reshape(len(sentences), len(labels))
    coefficients, intercepts = _fit_first_stage(features, truth)
    vocabulary = len(vectoriser.vocabulary_)
    weights = coefficients.reshape(len(blocks), vocabulary, len(labels))
    # The block weighting folded into the weights, so scoring needs no constant.
    weights *= np.array(block_weights, np.float32)[:, None, None]
    stage = None
    if design.second_stage:
        first = _out_of_fold_logits(features, truth, lengths, design.second_stage_folds)
        stage = _fit_second_stage(first, truth, lengths, design)
    terms = [""] * vocabulary
    for term, index in vectoriser.vocabulary_.items():
        terms[index] = term
    return LinearSentenceClassifier(
        name, terms, vectoriser.idf_.astype(np.float32), weights, intercepts, list(labels), stage
    )


def _fit_first_stage(features: Any, truth: np.ndarray[Any, Any]) -> tuple[FloatArray, FloatArray]:
    """One balanced logistic regression per label: (features x labels) weights, intercepts."""
    from sklearn.linear_model import LogisticRegression

    coefficients = np.zeros((features.shape[1], truth.shape[1]), np.float32)
    intercepts = np.zeros(truth.shape[1], np.float32)
    for column in range(truth.shape[1]):
        y = truth[:, column]
        if y.all() or not y.any():
            intercepts[column] = 10.0 if y.all() else -10.0
            continue
        model = LogisticRegression(C=REGULARISATION, max_iter=2000, class_weight="balanced")
        model.fit(features, y)
        coefficients[:, column] = model.coef_[0]
        intercepts[column] = model.intercept_[0]
    return coefficients, intercepts


def _out_of_fold_logits(
    features: Any, truth: np.ndarray[Any, Any], lengths: Sequence[int], folds: int
) -> FloatArray:
    """Every sentence's first-stage log-odds from a model fitted without its statement."""
    order = list(range(len(lengths)))
    random.Random(0).shuffle(order)
    fold_of_document = {document: i % folds for i, document in enumerate(order)}
    fold_of_row = np.repeat([fold_of_document[d] for d in range(len(lengths))], lengths)
    logits = np.zeros(truth.shape, np.float32)
    for fold in range(folds):
        held = fold_of_row == fold
        if not held.any():
            continue
        coefficients, intercepts = _fit_first_stage(features[~held], truth[~held])
        logits[held] = features[held] @ coefficients + intercepts
    return logits


def _fit_second_stage(
    first: FloatArray, truth: np.ndarray[Any, Any], lengths: Sequence[int], design: LinearDesign
) -> SecondStage:
    from sklearn.linear_model import LogisticRegression

    before, after = _neighbour_rows(lengths)
    padded = np.vstack([first, np.zeros((1, first.shape[1]), np.float32)])  # row -1: nothing
    inputs = np.hstack([first, padded[before], padded[after]])
    labels = truth.shape[1]
    weights = np.zeros((NEIGHBOUR_BLOCKS, labels, labels), np.float32)
    intercepts = np.zeros(labels, np.float32)
    for column in range(labels):
        y = truth[:, column]
        if y.all() or not y.any():
            intercepts[column] = 10.0 if y.all() else -10.0
            continue
        model = LogisticRegression(
            C=design.second_stage_regularisation,
            max_iter=2000,
            class_weight="balanced" if design.second_stage_balanced else None,
        )
        model.fit(inputs, y)
        weights[:, :, column] = model.coef_[0].reshape(NEIGHBOUR_BLOCKS, labels)
        intercepts[column] = model.intercept_[0]
    return SecondStage(weights, intercepts)


def _neighbour_rows(lengths: Sequence[int]) -> tuple[list[int], list[int]]:
    """Row i of each: the row of the sentence before (after) i in its statement, or -1 at a
    statement's start (end)."""
    before, after = [], []
    start = 0
    for length in lengths:
        for i in range(start, start + length):
            before.append(i - 1 if i > start else -1)
            after.append(i + 1 if i < start + length - 1 else -1)
        start += length
    return before, after


def _heading_rows(documents: Sequence[Sequence[str]]) -> list[int]:
    """Row i: the row of the nearest heading-shaped sentence above i in its statement."""
    rows: list[int] = []
    start = 0
    for document in documents:
        rows.extend(start + h if h >= 0 else -1 for h in heading_above(document))
        start += len(document)
    return rows


def _rows(own: Any, sources: list[int]) -> Any:
    """The matrix whose row i is row sources[i] of `own` (empty where it is -1)."""
    from scipy import sparse

    keep = [(row, src) for row, src in enumerate(sources) if src >= 0]
    selector = sparse.csr_matrix(
        (np.ones(len(keep), np.float32), ([r for r, _ in keep], [s for _, s in keep])),
        shape=(own.shape[0], own.shape[0]),
    )
    return selector @ own
