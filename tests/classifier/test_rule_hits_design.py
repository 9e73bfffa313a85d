"""A classifier that reads the rule engine's hits is trained on the hits `check` finds and
given the same at run time (benchmarks/ACCURACY.md, "Position and rule-hit features")."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from msa_check.checker import Checker
from msa_check.classifier.corpus import LabelledSentence, LabelledStatement
from msa_check.classifier.linear import RULE_HIT_PREFIX, RULE_SOURCE
from msa_check.classifier.linear_store import save_linear
from msa_check.classifier.linear_train import DESIGNS, RULE_HITS_RULE_SET, fit_linear
from msa_check.classifier.model import load_classifier
from msa_check.classifier.rule_hits import given_rule_hits
from msa_check.evaluation.predict import judge_statement
from msa_check.nlp import load_pipeline
from msa_check.rules.hits import sentence_rule_hits
from msa_check.rules.loading import load_rule_set

SENTENCES = [
    ("We operate twelve furniture stores across the north of England.", {"c2_operations"}),
    ("Our supply chain consists of forty timber and textile suppliers.", {"c2_supply_chains"}),
    ("We sell furniture.", set()),
    ("This statement was approved by the Board of Directors.", set()),
]


def _statement() -> LabelledStatement:
    return LabelledStatement(
        "s1",
        frozenset({"c2_operations", "c2_supply_chains"}),
        tuple(LabelledSentence(i, t, frozenset(labels)) for i, (t, labels) in enumerate(SENTENCES)),
    )


def test_the_hits_trained_on_are_those_the_rules_find_in_each_sentence() -> None:
    checker = Checker([load_rule_set(RULE_HITS_RULE_SET)], load_pipeline())
    statement = _statement()
    trained_on = given_rule_hits(statement, checker.matchers[0], checker.nlp)
    parsed, _ = judge_statement(statement, checker)
    at_run_time = sentence_rule_hits(
        checker.matchers[0].rule_hits(parsed), len(parsed.document.sentences)
    )
    assert trained_on == at_run_time  # one sentence a block here
    assert "rule hit: approval / match" in trained_on[3]
    assert all(name.startswith(RULE_HIT_PREFIX) for hit in trained_on for name in hit)


@pytest.mark.parametrize("running", [RULE_HITS_RULE_SET, "my-copy"])
def test_a_rule_hits_model_scores_at_run_time_with_the_hits_of_its_training(
    tmp_path: Path, running: str
) -> None:
    """Also when the rules that run are not those it was trained with: it is given the
    hits of its own rule set, found for it."""
    pytest.importorskip("sklearn")
    rules = load_rule_set(RULE_HITS_RULE_SET)
    nlp = load_pipeline()
    statement = _statement()
    hits = given_rule_hits(statement, Checker([rules], nlp).matchers[0], nlp)
    texts = [s.text for s in statement.sentences]
    labels = [s.labels for s in statement.sentences]
    model = fit_linear(
        [texts] * 8,
        [labels] * 8,
        ["c2_operations", "c2_supply_chains"],
        design=DESIGNS["tfidf-rule-hits"],
        rule_hits_of=[hits] * 8,
    )
    assert model.reads_rule_hits
    # The hits move the scores: a run that did not pass them would score otherwise.
    assert not np.allclose(model.logits(texts, hits), model.logits(texts), atol=1e-3)
    pushes = model.read(texts, hits).explain(3, "c2_operations", top=100)
    assert any(p.source == RULE_SOURCE and p.term.startswith(RULE_HIT_PREFIX) for p in pushes)
    save_linear(tmp_path / "model", model)
    load_classifier.cache_clear()
    # A copy under another name, its criteria renamed: its own hits are not the model's.
    prefix = "" if running == RULE_HITS_RULE_SET else "my_"
    copy = replace(
        rules, id=running, criteria=tuple(replace(c, id=prefix + c.id) for c in rules.criteria)
    )
    checker = Checker([copy], nlp, classifier_model=str(tmp_path / "model"))
    parsed, _ = judge_statement(statement, checker)
    found = checker.matchers[0].find_hits(parsed)
    expected = model.score(texts, hits)
    for index in range(len(texts)):
        for hit in found[(prefix + "c2_operations", "match")].get(index, []):
            if hit.description.startswith("classifier c2_operations"):
                score = float(hit.description.split()[2])
                assert score == pytest.approx(expected[index]["c2_operations"], abs=0.006)
    fired = [
        hit
        for by_sentence in found.values()
        for sentence_hits in by_sentence.values()
        for hit in sentence_hits
        if hit.description.startswith("classifier ")
    ]
    assert fired  # the comparison above compared something
