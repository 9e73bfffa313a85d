"""Fitting the TF-IDF classifier (`linear.py`) with scikit-learn (the `train` extra).

scikit-learn is imported only here and by the modules this one fits with
(`linear_columns.py`, `regularisation_choice.py`): `check` scores with the exported arrays
alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from msa_check.classifier.linear import (
    NEIGHBOUR_BLOCKS,
    POSITION_FEATURES,
    FloatArray,
    Indicators,
    LinearSentenceClassifier,
    SecondStage,
    indicator_matrix,
    ngrams,
)
from msa_check.classifier.linear_columns import (
    MIN_DOCUMENT_FREQUENCY,
    char_block,
    char_vectorised,
    heading_rows,
    nb_ratios,
    neighbour_rows,
    rows_of,
)
from msa_check.classifier.regularisation_choice import chosen_regularisation, fold_of_rows
from msa_check.errors import UsageError

# Chosen by 2-fold cross-fitting on the Canadian file (benchmarks/ACCURACY.md).
REGULARISATION = 4.0  # scikit-learn's C: larger fits the training sentences more closely
NEIGHBOUR_WEIGHT = 0.5  # a neighbour's vector counts half the sentence's own


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
    # The idf counted over unlabelled statements' sentences too (`UnlabelledCounts`).
    unlabelled_idf: bool = False
    # Log-odds the mean of this model and the same with the heading block: one linear
    # model again (weights averaged), so its pushes stay exact (ACCURACY.md, "Three more").
    mean_with_heading: bool = False
    # Where the sentence sits in its document: linear.POSITION_FEATURES, indicators of
    # weight 1 beside the n-gram blocks (ACCURACY.md, "Position and rule-hit features").
    position: bool = False
    # The rule engine's hits in the sentence (linear.RULE_HIT_PREFIX), one indicator per
    # criterion and role hit in the training data; fit_linear then needs `rule_hits_of`.
    rule_hits: bool = False
    # Each n-gram column scaled, per label, by its NB log-count ratio before the fit
    # (NBSVM-style, `nb_ratios`; ACCURACY.md, "Reweighted n-grams").
    nb_weighted: bool = False
    # A block of the sentence's character 3-5 grams beside the word blocks (char_block.py).
    characters: bool = False
    # Each label's C chosen by the training command, by an inner cross-validation by
    # statement of its own training data (regularisation_choice.py), instead of C = 4.
    inner_regularisation: bool = False


@dataclass(frozen=True)
class UnlabelledCounts:
    """In how many sentences of unlabelled statements each n-gram occurs."""

    sentences: int
    document_frequency: Counter[str]


# An unlabelled text is split at line breaks and after a sentence's final punctuation. The
# first branch starts only where a run of whitespace starts ((?<!\s)): tried inside the run
# too, it rescanned the rest of the run from every space, quadratic in a long run.
_UNLABELLED_SENTENCE_BREAK = re.compile(r"(?<!\s)\s*\n\s*|(?<=[.!?])\s+")


def count_unlabelled(texts: Iterable[str]) -> UnlabelledCounts:
    """The document frequencies of the n-grams of unlabelled texts' sentences."""
    frequency: Counter[str] = Counter()
    sentences = 0
    for text in texts:
        for sentence in _UNLABELLED_SENTENCE_BREAK.split(text):
            terms = set(ngrams(sentence))
            if terms:
                sentences += 1
                frequency.update(terms)
    return UnlabelledCounts(sentences, frequency)


DESIGNS = {
    "tfidf": LinearDesign(),
    "tfidf-stage2": LinearDesign(second_stage=True),
    "tfidf-heading": LinearDesign(heading=True),
    "tfidf-heading-stage2": LinearDesign(heading=True, second_stage=True),
    "tfidf-stage2-plain": LinearDesign(second_stage=True, second_stage_balanced=False),
    "tfidf-unlabelled-idf": LinearDesign(unlabelled_idf=True),
    "tfidf-mean-heading": LinearDesign(mean_with_heading=True),
    "tfidf-position": LinearDesign(position=True),
    "tfidf-rule-hits": LinearDesign(rule_hits=True),
    "tfidf-position-rule-hits": LinearDesign(position=True, rule_hits=True),
    "tfidf-nb": LinearDesign(nb_weighted=True),
    "tfidf-chars": LinearDesign(characters=True),
    "tfidf-inner-c": LinearDesign(inner_regularisation=True),
}
# The rule set whose hits a rule-hits design reads: the one `evaluate` measures with.
RULE_HITS_RULE_SET = "au-msa-s16"
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
    unlabelled: UnlabelledCounts | None = None,
    rule_hits_of: Sequence[Sequence[frozenset[str]]] | None = None,
    annotated_of: Sequence[frozenset[str]] | None = None,
    document_weights: Sequence[float] | None = None,
) -> LinearSentenceClassifier:
    """Fit on statements (each a list of sentences in order, with each sentence's labels);
    a design with `unlabelled_idf` needs `unlabelled`, the counts its idf also reads, and
    one with `rule_hits` needs `rule_hits_of`, per sentence the rule hits' names.

    `annotated_of` names, per statement, the labels it annotates (the corpus's
    `annotated_labels`; every label when not given): a statement is left out of the fit
    of a label it does not annotate, since its sentences' lack of that label says nothing
    (their text still counts in the vocabulary, the idf and the neighbours). Designs with a
    second stage, NB ratios or an inner choice of C refuse such statements, and weights.

    `document_weights` (one per statement; 1 each when not given) weighs every sentence of a
    statement so in the fit, as a sample weight beside the balanced class weights: how
    `classifier train --extra` lets a larger, less expert source count for less."""
    _require_sklearn()
    from scipy import sparse

    sentences = [s for document in documents for s in document]
    if not sentences:
        raise UsageError("no labelled sentences in the given data sets")
    if design.unlabelled_idf and unlabelled is None:
        raise UsageError("this design counts its idf over unlabelled texts: give them")
    if design.rule_hits and rule_hits_of is None:
        raise UsageError("this design reads the rule engine's hits: give them")
    partial = annotated_of is not None and any(set(labels) - a for a in annotated_of)
    if (partial or document_weights is not None) and (
        design.second_stage or design.nb_weighted or design.inner_regularisation
    ):
        # Their second stage, n-gram ratios and inner C choice read every row alike.
        raise UsageError(
            "statements that annotate only some labels, or weighted statements (--extra), "
            "need a design without a second stage, NB ratios or an inner choice of C"
        )
    vectoriser, own = _vectorised(sentences, unlabelled if design.unlabelled_idf else None)
    lengths = [len(d) for d in documents]
    previous, following = (rows_of(own, picks) for picks in neighbour_rows(lengths))
    blocks = [own, NEIGHBOUR_WEIGHT * previous, NEIGHBOUR_WEIGHT * following]
    block_weights = [1.0, NEIGHBOUR_WEIGHT, NEIGHBOUR_WEIGHT]
    if design.heading or design.mean_with_heading:
        blocks.append(design.heading_weight * rows_of(own, heading_rows(documents)))
        block_weights.append(design.heading_weight)
    names = _indicator_names(design, rule_hits_of)
    if names:
        hits: Sequence[Sequence[frozenset[str]] | None] = rule_hits_of or [None] * len(lengths)
        rows = [indicator_matrix(names, n, h) for n, h in zip(lengths, hits, strict=True)]
        blocks.append(sparse.csr_matrix(np.vstack(rows)))
    char_vectoriser = None
    if design.characters:
        char_vectoriser, char_vectors = char_vectorised(sentences)
        blocks.append(char_vectors)
    features = sparse.hstack(blocks).tocsr()
    truth = np.array(
        [[label in t for label in labels] for document in labels_of for t in document], bool
    ).reshape(len(sentences), len(labels))
    annotated = None
    if annotated_of is not None:
        annotated = np.repeat(
            np.array([[label in a for label in labels] for a in annotated_of], bool),
            lengths,
            axis=0,
        ).reshape(len(sentences), len(labels))
    vocabulary = len(vectoriser.vocabulary_)
    ratios = nb_ratios(own, truth) if design.nb_weighted else None
    regularisation = (
        chosen_regularisation(features, truth, lengths) if design.inner_regularisation else None
    )
    sample_weights = (
        None
        if document_weights is None
        else np.repeat(np.asarray(document_weights, np.float64), lengths)
    )
    weights, intercepts, indicator_weights, char_weights = _fitted_weights(
        features,
        truth,
        block_weights,
        vocabulary,
        len(names),
        ratios,
        regularisation,
        annotated,
        sample_weights,
    )
    if design.mean_with_heading:
        # The model without the heading block: the first three blocks' columns alone.
        plain, plain_intercepts, _, _ = _fitted_weights(
            features[:, : NEIGHBOUR_BLOCKS * vocabulary],
            truth,
            block_weights[:NEIGHBOUR_BLOCKS],
            vocabulary,
            annotated=annotated,
            sample_weights=sample_weights,
        )
        weights[:NEIGHBOUR_BLOCKS] += plain
        weights *= 0.5
        intercepts = (intercepts + plain_intercepts) * 0.5
    stage = None
    if design.second_stage:
        first = _out_of_fold_logits(features, truth, lengths, design.second_stage_folds)
        stage = _fit_second_stage(first, truth, lengths, design)
    terms = [""] * vocabulary
    for term, index in vectoriser.vocabulary_.items():
        terms[index] = term
    model = LinearSentenceClassifier(
        name,
        terms,
        vectoriser.idf_.astype(np.float32),
        weights,
        intercepts,
        list(labels),
        stage,
        Indicators(names, indicator_weights, RULE_HITS_RULE_SET if design.rule_hits else None)
        if names
        else None,
        char_block(char_vectoriser, char_weights) if char_vectoriser is not None else None,
        ratios,
    )
    if regularisation is not None:
        model.regularisation = dict(zip(labels, regularisation, strict=True))
    return model


def source_weights(lengths: Sequence[int], from_extra: Sequence[bool]) -> list[float]:
    """Per statement (its sentence count in `lengths`), 1 for one of the main data, and
    for one of the extra data the weight that makes the extra sentences weigh, together,
    as much as the main ones: `classifier train --extra`'s weighting."""
    main = sum(n for n, extra in zip(lengths, from_extra, strict=True) if not extra)
    others = sum(n for n, extra in zip(lengths, from_extra, strict=True) if extra)
    weight = main / others if others else 1.0
    return [weight if extra else 1.0 for extra in from_extra]


def _indicator_names(
    design: LinearDesign, rule_hits_of: Sequence[Sequence[frozenset[str]]] | None
) -> tuple[str, ...]:
    """The indicator columns a design reads: the position features, then every rule hit
    seen in the training data (one never hit there gets no column)."""
    names: list[str] = list(POSITION_FEATURES) if design.position else []
    if design.rule_hits and rule_hits_of is not None:
        names += sorted({name for document in rule_hits_of for hit in document for name in hit})
    return tuple(names)


def _vectorised(sentences: list[str], unlabelled: UnlabelledCounts | None) -> tuple[Any, Any]:
    """The fitted TF-IDF vectoriser and the sentences' vectors (a CSR matrix): vocabulary
    and idf from the labelled sentences, or, given unlabelled counts, idf from both and the
    n-grams of the labelled sentences in at least MIN_DOCUMENT_FREQUENCY sentences of the
    two together."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    settings: dict[str, Any] = {"analyzer": ngrams, "sublinear_tf": True, "dtype": np.float32}
    if unlabelled is None:
        # fit_transform, not fit then transform: the matrix it returns stores each row's
        # entries in another order, which moves the fitted weights (up to 0.2), and the
        # bundled model must retrain as it was.
        vectoriser = TfidfVectorizer(min_df=MIN_DOCUMENT_FREQUENCY, **settings)
        return vectoriser, vectoriser.fit_transform(sentences).tocsr()
    labelled: Counter[str] = Counter()
    for sentence in sentences:
        labelled.update(set(ngrams(sentence)))
    unlabelled_frequency = unlabelled.document_frequency
    terms = sorted(
        t for t, n in labelled.items() if n + unlabelled_frequency[t] >= MIN_DOCUMENT_FREQUENCY
    )
    total = len(sentences) + unlabelled.sentences
    frequency = np.array([labelled[t] + unlabelled_frequency[t] for t in terms], np.float64)
    vectoriser = TfidfVectorizer(vocabulary=terms, **settings).fit(sentences)
    # scikit-learn's smoothed idf, as if the unlabelled sentences were in the fit.
    vectoriser.idf_ = np.log((1.0 + total) / (1.0 + frequency)) + 1.0
    return vectoriser, vectoriser.transform(sentences).tocsr()


def _fitted_weights(
    features: Any,
    truth: np.ndarray[Any, Any],
    block_weights: list[float],
    vocabulary: int,
    extra: int = 0,
    ratios: FloatArray | None = None,
    regularisation: Sequence[float] | None = None,
    annotated: np.ndarray[Any, Any] | None = None,
    sample_weights: np.ndarray[Any, Any] | None = None,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """First-stage weights as (blocks x vocabulary x labels), each block's weighting folded
    in, so scoring needs no constant; the intercepts; the weights (extra x labels) of the
    `extra` columns after the blocks (position features); and those of every column after
    them (a character block). With `ratios` (vocabulary x labels), each block's n-gram
    columns are scaled by them, per label, for the fit: the weights returned are those
    fitted on the scaled columns, which scoring multiplies by the ratios again. With
    `regularisation`, label i is fitted with C = regularisation[i]; with `annotated`
    (sentences x labels), label i is fitted on the rows annotating it alone; with
    `sample_weights` (one per sentence), each row counts so in the fit."""
    blocks = len(block_weights) * vocabulary
    scales = None
    if ratios is not None:
        rest = np.ones((features.shape[1] - blocks, truth.shape[1]), np.float32)
        scales = np.vstack([ratios] * len(block_weights) + [rest])
    coefficients, intercepts = _fit_first_stage(
        features, truth, scales, regularisation, annotated, sample_weights
    )
    weights = coefficients[:blocks].reshape(len(block_weights), vocabulary, truth.shape[1])
    weights *= np.array(block_weights, np.float32)[:, None, None]
    tail = coefficients[blocks + extra :]
    return weights, intercepts, coefficients[blocks : blocks + extra], tail


def _fit_first_stage(
    features: Any,
    truth: np.ndarray[Any, Any],
    scales: FloatArray | None = None,
    regularisation: Sequence[float] | None = None,
    annotated: np.ndarray[Any, Any] | None = None,
    sample_weights: np.ndarray[Any, Any] | None = None,
) -> tuple[FloatArray, FloatArray]:
    """One balanced logistic regression per label: (features x labels) weights, intercepts;
    with `scales` (features x labels), each label's fitted on its columns scaled so; with
    `regularisation`, each label's C (else REGULARISATION for all); with `annotated`
    (sentences x labels), each label's on the rows that annotate it; with `sample_weights`
    (one per sentence), each row weighted so."""
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    coefficients = np.zeros((features.shape[1], truth.shape[1]), np.float32)
    intercepts = np.zeros(truth.shape[1], np.float32)
    for column in range(truth.shape[1]):
        rows = slice(None) if annotated is None else annotated[:, column]
        y = truth[rows, column]
        if y.size == 0:  # no statement annotates the label: it never fires
            intercepts[column] = -10.0
            continue
        if y.all() or not y.any():
            intercepts[column] = 10.0 if y.all() else -10.0
            continue
        c = REGULARISATION if regularisation is None else regularisation[column]
        model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
        inputs = features if scales is None else features @ sparse.diags(scales[:, column])
        model.fit(
            inputs[rows], y, sample_weight=None if sample_weights is None else sample_weights[rows]
        )
        coefficients[:, column] = model.coef_[0]
        intercepts[column] = model.intercept_[0]
    return coefficients, intercepts


def _out_of_fold_logits(
    features: Any, truth: np.ndarray[Any, Any], lengths: Sequence[int], folds: int
) -> FloatArray:
    """Every sentence's first-stage log-odds from a model fitted without its statement."""
    fold_of_row = fold_of_rows(lengths, folds, seed=0)
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

    before, after = neighbour_rows(lengths)
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
