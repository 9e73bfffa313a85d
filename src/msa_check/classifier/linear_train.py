"""Fitting the TF-IDF classifier (`linear.py`) with scikit-learn (the `train` extra).

scikit-learn is imported only here: `check` scores with the exported arrays alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from msa_check.classifier.linear import SOURCES, LinearSentenceClassifier, ngrams
from msa_check.errors import UsageError

# Chosen by 2-fold cross-fitting on the Canadian file (benchmarks/ACCURACY.md).
REGULARISATION = 4.0  # scikit-learn's C: larger fits the training sentences more closely
NEIGHBOUR_WEIGHT = 0.5  # a neighbour's vector counts half the sentence's own
MIN_DOCUMENT_FREQUENCY = 2  # an n-gram seen in one sentence only says nothing general


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
) -> LinearSentenceClassifier:
    """Fit on statements (each a list of sentences in order, with each sentence's labels)."""
    _require_sklearn()
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    sentences = [s for document in documents for s in document]
    if not sentences:
        raise UsageError("no labelled sentences in the given data sets")
    vectoriser = TfidfVectorizer(
        analyzer=ngrams, sublinear_tf=True, min_df=MIN_DOCUMENT_FREQUENCY, dtype=np.float32
    )
    own = vectoriser.fit_transform(sentences).tocsr()
    previous, following = _neighbours(own, [len(d) for d in documents])
    features = sparse.hstack(
        [own, NEIGHBOUR_WEIGHT * previous, NEIGHBOUR_WEIGHT * following]
    ).tocsr()
    truth = [label_set for document in labels_of for label_set in document]
    vocabulary = len(vectoriser.vocabulary_)
    weights = np.zeros((len(SOURCES), vocabulary, len(labels)), np.float32)
    intercepts = np.zeros(len(labels), np.float32)
    for column, label in enumerate(labels):
        y = np.array([label in t for t in truth])
        if y.all() or not y.any():
            intercepts[column] = 10.0 if y.all() else -10.0
            continue
        model = LogisticRegression(C=REGULARISATION, max_iter=2000, class_weight="balanced")
        model.fit(features, y)
        coefficients = model.coef_[0].reshape(len(SOURCES), vocabulary)
        # The neighbour weighting folded into the weights, so scoring needs no constant.
        coefficients[1:] *= NEIGHBOUR_WEIGHT
        weights[:, :, column] = coefficients
        intercepts[column] = model.intercept_[0]
    terms = [""] * vocabulary
    for term, index in vectoriser.vocabulary_.items():
        terms[index] = term
    return LinearSentenceClassifier(
        name, terms, vectoriser.idf_.astype(np.float32), weights, intercepts, list(labels)
    )


def _neighbours(own: Any, lengths: Sequence[int]) -> tuple[Any, Any]:
    """Row i of each: the vector of the sentence before (after) i in its statement, or
    nothing at a statement's start (end)."""
    from scipy import sparse

    rows = own.shape[0]
    before, after = [], []
    start = 0
    for length in lengths:
        for i in range(start, start + length):
            before.append(i - 1 if i > start else -1)
            after.append(i + 1 if i < start + length - 1 else -1)
        start += length

    def pick(sources: list[int]) -> Any:
        keep = [(row, src) for row, src in enumerate(sources) if src >= 0]
        selector = sparse.csr_matrix(
            (np.ones(len(keep), np.float32), ([r for r, _ in keep], [s for _, s in keep])),
            shape=(rows, rows),
        )
        return selector @ own

    return pick(before), pick(after)
