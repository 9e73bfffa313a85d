"""The column blocks of the TF-IDF classifier's training matrix beside the sentence's own
n-grams (`linear_train.py`): its neighbours' and its heading's rows, its character
n-grams, and the NB log-count ratios that scale the n-gram columns of `tfidf-nb`.

scikit-learn and scipy are imported inside the functions that need them (the `train` extra).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from msa_check.classifier.char_block import CharBlock, char_ngrams
from msa_check.classifier.linear import FloatArray, heading_above

MIN_DOCUMENT_FREQUENCY = 2  # an n-gram seen in one sentence only says nothing general
NB_SMOOTHING = 1.0  # alpha of the log-count ratio, as Wang & Manning (2012) set it


def nb_ratios(own: Any, truth: np.ndarray[Any, Any], alpha: float = NB_SMOOTHING) -> FloatArray:
    """Per n-gram (row) and label (column), the log-count ratio of Wang & Manning (2012):
    log((alpha + p) / |alpha + p|_1) - log((alpha + q) / |alpha + q|_1), p (q) the n-gram's
    TF-IDF values summed over the sentences with (without) the label. Positive where the
    n-gram is more common with the label than without it, near 0 where it says nothing."""
    ratios = np.zeros((own.shape[1], truth.shape[1]), np.float32)
    for column in range(truth.shape[1]):
        y = truth[:, column]
        p = alpha + np.asarray(own[y].sum(axis=0)).ravel()
        q = alpha + np.asarray(own[~y].sum(axis=0)).ravel()
        ratios[:, column] = np.log(p / p.sum()) - np.log(q / q.sum())
    return ratios


def char_vectorised(sentences: list[str]) -> tuple[Any, Any]:
    """The fitted character n-gram vectoriser and the sentences' vectors (CSR)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectoriser = TfidfVectorizer(
        analyzer=char_ngrams,
        sublinear_tf=True,
        min_df=MIN_DOCUMENT_FREQUENCY,
        dtype=np.float32,
    )
    return vectoriser, vectoriser.fit_transform(sentences).tocsr()


def char_block(vectoriser: Any, weights: FloatArray) -> CharBlock:
    terms = [""] * len(vectoriser.vocabulary_)
    for term, index in vectoriser.vocabulary_.items():
        terms[index] = term
    return CharBlock(tuple(terms), vectoriser.idf_.astype(np.float32), weights)


def neighbour_rows(lengths: Sequence[int]) -> tuple[list[int], list[int]]:
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


def heading_rows(documents: Sequence[Sequence[str]]) -> list[int]:
    """Row i: the row of the nearest heading-shaped sentence above i in its statement."""
    rows: list[int] = []
    start = 0
    for document in documents:
        rows.extend(start + h if h >= 0 else -1 for h in heading_above(document))
        start += len(document)
    return rows


def rows_of(own: Any, sources: list[int]) -> Any:
    """The matrix whose row i is row sources[i] of `own` (empty where it is -1)."""
    from scipy import sparse

    keep = [(row, src) for row, src in enumerate(sources) if src >= 0]
    selector = sparse.csr_matrix(
        (np.ones(len(keep), np.float32), ([r for r, _ in keep], [s for _, s in keep])),
        shape=(own.shape[0], own.shape[0]),
    )
    return selector @ own
