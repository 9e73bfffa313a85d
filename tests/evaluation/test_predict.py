"""Predictions for given sentences, including sentences that break off mid-sentence."""

from __future__ import annotations

from msa_check.checker import Checker, load_rule_sets
from msa_check.classifier.corpus import LabelledSentence, LabelledStatement
from msa_check.evaluation.predict import predict_statement
from msa_check.nlp import load_pipeline


def statement(*texts: str) -> LabelledStatement:
    sentences = tuple(LabelledSentence(i, t, frozenset()) for i, t in enumerate(texts))
    return LabelledStatement("S1", frozenset({"approval"}), sentences)


def test_a_sentence_broken_over_given_sentences_is_judged_whole_and_labels_each_part() -> None:
    checker = Checker(load_rule_sets(["uk-msa-s54"]), load_pipeline())
    given = statement(
        "We buy steel from three countries.",
        "This statement was approved by",
        "the Board of Directors of Kestrel Freight Ltd",
        "on 14 May 2025.",
        "Our suppliers sign our code.",
    )
    predicted = [sorted(p.labels) for p in predict_statement(given, checker)]
    assert predicted[1:4] == [["approval"]] * 3
    assert "approval" not in predicted[0] and "approval" not in predicted[4]
    assert [p.idx for p in predict_statement(given, checker)] == [0, 1, 2, 3, 4]
