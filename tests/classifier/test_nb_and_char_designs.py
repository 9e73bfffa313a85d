"""The NB-weighted (`tfidf-nb`), character n-gram (`tfidf-chars`) and inner-C
(`tfidf-inner-c`) designs: what they compute, that they survive saving, and that their
scores still name what pushed them."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from msa_check.classifier.char_block import char_ngrams
from msa_check.classifier.linear import (
    CHAR_SOURCE,
    LinearSentenceClassifier,
)
from msa_check.classifier.linear_columns import nb_ratios
from msa_check.classifier.linear_store import load_linear, save_linear
from msa_check.classifier.linear_train import DESIGNS, fit_linear
from msa_check.classifier.regularisation_choice import (
    REGULARISATION_CHOICES,
    chosen_regularisation,
    fold_of_rows,
)
from msa_check.cli import app
from tests.classifier.training_files import write_training_file

runner = CliRunner()
LABELS = ["c3_risk_description", "c4_risk_mitigation"]
STATEMENT = [
    ("Our risks", set()),
    ("Cotton from one region is picked by forced labour.", {"c3_risk_description"}),
    ("We sell furniture in twelve countries.", set()),
    ("Buyers learn the signs of forced labour.", {"c4_risk_mitigation"}),
    ("Suppliers are audited for child labour every year.", {"c4_risk_mitigation"}),
    ("We sell furniture in twelve countries.", set()),
]


def _fitted(design: str) -> LinearSentenceClassifier:
    documents = [[text for text, _ in STATEMENT]] * 10
    labels = [[frozenset(labels) for _, labels in STATEMENT]] * 10
    return fit_linear(documents, labels, LABELS, design=DESIGNS[design])


def test_the_log_count_ratio_is_wang_and_manning_s_with_alpha_one() -> None:
    pytest.importorskip("sklearn")
    from scipy import sparse

    # Two n-grams, three sentences; the label is on the first sentence only.
    own = sparse.csr_matrix(np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]], np.float32))
    truth = np.array([[True], [False], [False]])
    p, q = np.array([2.0, 1.0]), np.array([1.5, 2.5])  # 1 + sums with, 1 + sums without
    expected = np.log(p / p.sum()) - np.log(q / q.sum())
    assert np.allclose(nb_ratios(own, truth)[:, 0], expected)
    assert nb_ratios(own, truth)[0, 0] > 0 > nb_ratios(own, truth)[1, 0]


def test_the_nb_design_scores_with_fitted_weights_times_ratios_and_keeps_them(
    tmp_path: Path,
) -> None:
    pytest.importorskip("sklearn")
    model = _fitted("tfidf-nb")
    plain = _fitted("tfidf")
    assert model.nb_ratios is not None and plain.nb_ratios is None
    assert model.nb_ratios.shape == (len(model.terms), len(LABELS))
    assert np.allclose(model.weights, model.fitted_weights * model.nb_ratios[None])
    texts = [text for text, _ in STATEMENT]
    # The ratios change the fit: not the plain model's scores.
    assert not np.allclose(model.logits(texts), plain.logits(texts), atol=1e-2)
    scores = model.score(texts)
    assert scores[1]["c3_risk_description"] > 0.5 > scores[2]["c3_risk_description"]
    save_linear(tmp_path, model)
    loaded = load_linear(tmp_path, "saved")
    assert loaded.nb_ratios is not None
    assert np.allclose(loaded.nb_ratios, model.nb_ratios)
    assert np.allclose(loaded.logits(texts), model.logits(texts), atol=0.05)


def test_character_ngrams_are_scikit_learn_s_char_wb_3_to_5_with_digits_folded() -> None:
    pytest.importorskip("sklearn")
    from sklearn.feature_extraction.text import TfidfVectorizer

    text = "Sub-contractors  of a\tFirm in Labour"
    reference = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).build_analyzer()
    assert char_ngrams(text) == reference(text)
    assert char_ngrams("FY2024")[:4] == [" fy", "fy0", "y00", "000"]
    assert " a " in char_ngrams("a") and char_ngrams("a") == [" a "]


def test_the_char_design_carries_a_spelling_variant_the_words_miss(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    model, plain = _fitted("tfidf-chars"), _fitted("tfidf")
    assert model.chars is not None and plain.chars is None
    # "labor" and "labors" are no word the training data has; "labour" shares " lab", "abo".
    variant = ["We found forced labor and child labors in cotton."]
    label = "c3_risk_description"
    assert model.score(variant)[0][label] > plain.score(variant)[0][label]
    pushes = model.explain(variant, 0, label, top=50)
    chars = [p for p in pushes if p.source == CHAR_SOURCE]
    assert chars and chars[0].describe().startswith("chars: ")
    assert any(p.term in (" lab", "lab", "abo") for p in chars)
    save_linear(tmp_path, model)
    loaded = load_linear(tmp_path, "saved")
    assert loaded.chars is not None and loaded.chars.terms == model.chars.terms
    assert np.allclose(loaded.logits(variant), model.logits(variant), atol=0.05)


@pytest.mark.parametrize(
    ("design", "field"),
    [
        ("tfidf-nb", "nb_weighted"),
        ("tfidf-chars", "characters"),
        ("tfidf-inner-c", "regularisation_choice"),
    ],
)
def test_classifier_train_trains_each_design_and_records_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, design: str, field: str
) -> None:
    pytest.importorskip("sklearn")
    data = write_training_file(tmp_path / "train.jsonl", LABELS, STATEMENT)
    monkeypatch.chdir(tmp_path)
    output = tmp_path / "model"
    result = runner.invoke(
        app, ["classifier", "train", str(data), "-o", str(output), "--architecture", design]
    )
    assert result.exit_code == 0, result.stderr
    record = json.loads((output / "msa-check-training.json").read_text())
    assert record["architecture"].startswith(design) and field in record
    loaded = load_linear(output, "trained")
    assert (loaded.nb_ratios is not None) == (design == "tfidf-nb")
    assert (loaded.chars is not None) == (design == "tfidf-chars")


def test_inner_folds_keep_each_statement_whole_and_deal_statements_out() -> None:
    folds = fold_of_rows([2, 3, 1, 4, 2, 2], 3, seed=0)
    starts = [0, 2, 5, 6, 10, 12]
    for start, length in zip(starts, [2, 3, 1, 4, 2, 2], strict=True):
        assert len(set(folds[start : start + length].tolist())) == 1
    assert sorted(set(folds.tolist())) == [0, 1, 2]


def test_each_label_s_c_is_chosen_from_the_choices_ties_to_the_smaller() -> None:
    pytest.importorskip("sklearn")
    from scipy import sparse

    # One column says the label outright: every C separates it, so the smallest is kept.
    rows = 60
    marked = np.arange(rows) % 3 == 0
    features = sparse.csr_matrix(np.column_stack([marked, ~marked]).astype(np.float32))
    truth = np.column_stack([marked, ~marked])
    chosen = chosen_regularisation(features, truth, [4] * (rows // 4), choices=(8.0, 2.0, 4.0))
    assert chosen == [2.0, 2.0]


def test_the_inner_c_design_records_the_c_it_chose_per_label() -> None:
    pytest.importorskip("sklearn")
    model = _fitted("tfidf-inner-c")
    assert model.regularisation is not None
    assert set(model.regularisation) == set(LABELS)
    assert set(model.regularisation.values()) <= set(REGULARISATION_CHOICES)
    assert _fitted("tfidf").regularisation is None
