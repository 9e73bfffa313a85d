"""The TF-IDF classifier: numpy scoring equals scikit-learn's, it explains itself, and the
bundled model loads and scores without scikit-learn."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from msa_check.classifier.linear import (
    POSITION_FEATURES,
    POSITION_SOURCE,
    SOURCES,
    LinearSentenceClassifier,
    ngrams,
    position_matrix,
)
from msa_check.classifier.linear_store import load_linear, save_linear
from msa_check.classifier.linear_train import DESIGNS, NEIGHBOUR_WEIGHT, fit_linear
from msa_check.classifier.model import load_classifier
from msa_check.cli import app
from msa_check.errors import UsageError
from tests.classifier.training_files import write_training_file

runner = CliRunner()
LABELS = ["approval", "signature"]
STATEMENT = [
    ("We make garden furniture in Leeds.", set()),
    ("This statement was approved by the Board of Directors.", {"approval"}),
    ("Signed:", set()),
    ("Jane Doe, Director", {"signature"}),
    ("We value our customers and the board.", set()),
]


def _fitted() -> LinearSentenceClassifier:
    documents = [[text for text, _ in STATEMENT]] * 12
    labels = [[frozenset(labels) for _, labels in STATEMENT]] * 12
    return fit_linear(documents, labels, LABELS)


def test_terms_are_words_and_word_pairs_with_digits_folded() -> None:
    assert ngrams("Approved on 12 May 2024") == [
        "approved", "on", "00", "may", "0000", "approved on", "on 00", "00 may", "may 0000",
    ]  # fmt: skip


def test_numpy_scores_equal_a_logistic_regression_over_the_three_blocks() -> None:
    pytest.importorskip("sklearn")
    from sklearn.feature_extraction.text import TfidfVectorizer

    model = _fitted()
    texts = [text for text, _ in STATEMENT]
    vectoriser = TfidfVectorizer(analyzer=ngrams, sublinear_tf=True, min_df=2)
    own = vectoriser.fit_transform(texts * 12).toarray()[: len(texts)]
    order = [vectoriser.vocabulary_[t] for t in model.terms]
    own = own[:, order]  # the model's term order
    empty = np.zeros((1, own.shape[1]))
    previous = np.vstack([empty, own[:-1]])
    following = np.vstack([own[1:], empty])
    expected = (
        own @ model.weights[0] + previous @ model.weights[1] + following @ model.weights[2]
    ) + model.intercepts
    assert np.allclose(model.logits(texts), expected, atol=1e-4)
    assert NEIGHBOUR_WEIGHT < 1  # neighbours are context, weaker than the sentence itself


def test_a_score_names_the_ngrams_that_pushed_it_and_where_they_were() -> None:
    model = _fitted()
    texts = [text for text, _ in STATEMENT]
    scores = model.score(texts)
    assert scores[1]["approval"] > 0.5 > scores[4]["approval"]
    assert scores[3]["signature"] > 0.5 > scores[0]["signature"]
    pushes = model.explain(texts, 3, "signature")
    assert pushes and pushes[0].weight > 0
    assert {p.source for p in pushes} <= set(SOURCES)
    # "Signed:" is the previous sentence: its push is labelled as coming from there.
    signed = [p for p in model.explain(texts, 3, "signature", top=50) if p.term == "signed"]
    assert signed and signed[0].source == "previous sentence"
    assert signed[0].describe().startswith('"signed" (previous sentence) +')


def test_a_saved_model_loads_with_the_same_scores(tmp_path: Path) -> None:
    model = _fitted()
    save_linear(tmp_path, model)
    loaded = load_linear(tmp_path, "saved")
    texts = [text for text, _ in STATEMENT]
    before, after = model.score(texts), loaded.score(texts)
    for one, other in zip(before, after, strict=True):
        for label in LABELS:  # the weights are stored as float16
            assert abs(one[label] - other[label]) < 0.01
    assert loaded.score([]) == [] and loaded.score(["zzz qqq"])[0]["approval"] < 0.5


def test_the_bundled_model_is_tfidf_and_names_its_data() -> None:
    model = load_classifier()
    assert isinstance(model, LinearSentenceClassifier)
    approval, other = model.score(
        ["This statement was approved by the Board of Directors on 3 June 2024.",
         "We sell furniture in twelve countries."]
    )  # fmt: skip
    assert approval["approval"] > 0.5 > other["approval"]


def test_classifier_train_writes_a_tfidf_model_outside_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("sklearn")
    data = write_training_file(tmp_path / "train.jsonl", LABELS, STATEMENT)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["classifier", "train", str(data)])
    assert result.exit_code == 0, result.stderr
    assert "of train.jsonl" in result.stderr
    record = json.loads((tmp_path / "msa-check-classifier" / "msa-check-training.json").read_text())
    assert record["architecture"].startswith("tfidf") and record["data"][0]["file"] == "train.jsonl"
    assert isinstance(
        load_classifier(str(tmp_path / "msa-check-classifier")), LinearSentenceClassifier
    )


def test_the_unlabelled_idf_design_needs_unlabelled_texts_and_names_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("sklearn")
    data = write_training_file(tmp_path / "train.jsonl", LABELS, STATEMENT)
    texts = tmp_path / "texts.jsonl"
    texts.write_text(json.dumps({"id": "u", "text": "Forced labour. A risk."}) + "\n")
    monkeypatch.chdir(tmp_path)
    train = ["classifier", "train", str(data), "--architecture", "tfidf-unlabelled-idf"]
    refused = runner.invoke(app, train)
    assert refused.exit_code == 2 and "--unlabelled" in refused.stderr
    result = runner.invoke(app, [*train, "--unlabelled", str(texts)])
    assert result.exit_code == 0, result.stderr
    record = json.loads((tmp_path / "msa-check-classifier" / "msa-check-training.json").read_text())
    assert record["unlabelled_idf"]["counted_over"][0]["file"] == "texts.jsonl"
    assert record["unlabelled_idf"]["texts"] == 1 and "2 sentences of 1" in record["idf"]
    # Another design reads no unlabelled texts for its idf: refused, as before.
    other = runner.invoke(app, ["classifier", "train", str(data), "--unlabelled", str(texts)])
    assert other.exit_code == 2


SECTIONS = [
    ("Our risks", set()),
    ("Cotton from one region is picked by forced labour.", {"c3_risk_description"}),
    ("We sell furniture in twelve countries.", set()),
    ("Training", set()),
    ("Buyers learn the signs of forced labour.", {"c4_risk_mitigation"}),
    ("We sell furniture in twelve countries.", set()),
]


UNLABELLED_TEXTS = [
    "Forced labour is a risk.\nWe sell furniture. Our suppliers are audited!",
    "Cotton is a risk? Unrelated words only here.",
] * 5


def _fitted_with(design_name: str) -> LinearSentenceClassifier:
    from msa_check.classifier.linear_train import DESIGNS, count_unlabelled

    documents = [[text for text, _ in SECTIONS]] * 10
    labels = [[frozenset(labels) for _, labels in SECTIONS]] * 10
    design = DESIGNS[design_name]
    return fit_linear(
        documents,
        labels,
        ["c3_risk_description", "c4_risk_mitigation"],
        design=design,
        unlabelled=count_unlabelled(UNLABELLED_TEXTS) if design.unlabelled_idf else None,
    )


@pytest.mark.parametrize(
    "design",
    [
        "tfidf",
        "tfidf-stage2",
        "tfidf-heading",
        "tfidf-heading-stage2",
        "tfidf-stage2-plain",
        "tfidf-unlabelled-idf",
        "tfidf-mean-heading",
        "tfidf-position",
        "tfidf-nb",
        "tfidf-chars",
        "tfidf-inner-c",
    ],
)
def test_every_design_explains_its_score_exactly_by_ngram_pushes(design: str) -> None:
    pytest.importorskip("sklearn")
    model = _fitted_with(design)
    texts = [text for text, _ in SECTIONS]
    empty = model.logits(["zzz"] * len(texts))  # no known n-gram: the constant part alone
    logits = model.logits(texts)
    for index in range(len(texts)):
        for column, label in enumerate(model.labels):
            pushes = model.explain(texts, index, label, top=10_000)
            assert {p.source for p in pushes} <= set(SOURCES)
            # Where a sentence sits is the same for "zzz" at that place: part of `empty`.
            total = sum(p.weight for p in pushes if p.source != POSITION_SOURCE)
            assert total == pytest.approx(logits[index, column] - empty[index, column], abs=1e-3)


def test_the_heading_above_is_a_feature_that_names_itself() -> None:
    pytest.importorskip("sklearn")
    model = _fitted_with("tfidf-heading")
    texts = [text for text, _ in SECTIONS]
    assert model.reads_headings and model.second_stage is None
    # The two "We sell furniture" sentences differ only by the heading they sit under.
    risk = model.score(texts)
    assert risk[2]["c3_risk_description"] > risk[5]["c3_risk_description"]
    pushes = model.explain(texts, 5, "c4_risk_mitigation", top=50)
    assert any(p.source == "heading above" and p.term == "training" for p in pushes)


def test_the_mean_design_scores_the_mean_log_odds_of_the_plain_and_heading_models() -> None:
    pytest.importorskip("sklearn")
    texts = [text for text, _ in SECTIONS]
    mean = _fitted_with("tfidf-mean-heading")
    plain, heading = _fitted_with("tfidf"), _fitted_with("tfidf-heading")
    assert mean.reads_headings and mean.terms == plain.terms == heading.terms
    expected = (plain.logits(texts) + heading.logits(texts)) / 2
    assert np.allclose(mean.logits(texts), expected, atol=1e-4)
    assert not np.allclose(plain.logits(texts), heading.logits(texts), atol=1e-2)


def test_the_unlabelled_idf_counts_unlabelled_sentences_but_keeps_labelled_ngrams_only() -> None:
    pytest.importorskip("sklearn")
    from msa_check.classifier.linear_train import DESIGNS, count_unlabelled

    counts = count_unlabelled(UNLABELLED_TEXTS)
    # Split at the line break and after ". ", "! ", "? ": five sentences a pair of texts.
    assert counts.sentences == 25 and counts.document_frequency["forced labour"] == 5
    plain, semi = _fitted_with("tfidf"), _fitted_with("tfidf-unlabelled-idf")
    assert "unrelated" not in semi.index and "unrelated" not in plain.index
    # "Forced" is in half the unlabelled texts, "buyers" in none: relative to the labelled
    # sentences alone, the first now weighs less against the second.
    ratio = lambda m: m.idf[m.index["forced"]] / m.idf[m.index["buyers"]]  # noqa: E731
    assert ratio(semi) < ratio(plain)
    with pytest.raises(UsageError, match="unlabelled"):
        fit_linear([["a b"]], [[frozenset()]], ["c3"], design=DESIGNS["tfidf-unlabelled-idf"])


def test_a_second_stage_survives_saving_and_loading(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    model = _fitted_with("tfidf-heading-stage2")
    assert model.second_stage is not None
    save_linear(tmp_path, model)
    loaded = load_linear(tmp_path, "saved")
    assert loaded.second_stage is not None and loaded.reads_headings
    texts = [text for text, _ in SECTIONS]
    assert np.allclose(model.logits(texts), loaded.logits(texts), atol=0.05)


def test_position_features_mark_fifths_and_the_first_and_last_sentence() -> None:
    matrix = position_matrix(10)
    named = [[POSITION_FEATURES[f] for f in np.flatnonzero(row)] for row in matrix]
    assert named[0] == ["position: 0-20% of the document", "position: first sentence"]
    assert named[1] == ["position: 0-20% of the document"]
    assert named[2] == ["position: 20-40% of the document"]
    assert named[9] == ["position: 80-100% of the document", "position: last sentence"]
    assert position_matrix(1)[0].tolist() == [1, 0, 0, 0, 0, 1, 1]
    assert position_matrix(0).shape == (0, len(POSITION_FEATURES))


def test_the_position_design_learns_where_a_sentence_sits_and_says_so(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    # The same words are a signature at the end and not at the start.
    documents = [["Jane Doe, Director", "We sell chairs.", "More chairs.", "Jane Doe, Director"]]
    labels = [[frozenset(), frozenset(), frozenset(), frozenset({"signature"})]]
    model = fit_linear(documents * 10, labels * 10, ["signature"], design=DESIGNS["tfidf-position"])
    plain = fit_linear(documents * 10, labels * 10, ["signature"])
    texts = documents[0]
    assert plain.indicators is None
    assert model.indicators is not None and model.indicators.names[:7] == POSITION_FEATURES
    scores = model.score(texts)
    assert scores[3]["signature"] > 0.5 > scores[0]["signature"]
    pushes = model.explain(texts, 3, "signature", top=3)
    assert pushes[0].source == POSITION_SOURCE and pushes[0].term.startswith("position: ")
    assert pushes[0].describe().startswith("position: ")
    save_linear(tmp_path, model)
    loaded = load_linear(tmp_path, "saved")
    assert np.allclose(loaded.logits(texts), model.logits(texts), atol=0.05)
