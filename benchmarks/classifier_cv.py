"""Choose between TF-IDF classifier designs by cross-validation inside one labelled file.

    python benchmarks/classifier_cv.py --data ../shared/corpus/aims_uk51.jsonl
        [--designs tfidf,tfidf-stage2,tfidf-heading,tfidf-heading-stage2] [--folds 5]
        [--unlabelled ../shared/corpus/uk_texts_unlabelled.jsonl] [--fold-seed 11]
        [--extra-training FILE] [--extra-weight one|equal]

The statements of DATA are split into FOLDS parts by statement (seeded). For each design
and each part, a classifier is fitted on the other parts and the `au-msa-s16` rules, with
their thresholds as the YAML has them, judge the part's statements with it, as `msa-check
evaluate --classifier` does. The out-of-fold predictions of all parts are pooled and
scored as `evaluate` scores a file: merged macro-F1 at sentence level, and F1 per label.
Only DATA is read, so a design chosen with this for a direction never saw the file it is
then measured on (benchmarks/ACCURACY.md, "Context features"). A design that counts its
idf over unlabelled texts reads UNLABELLED too (the default: the corpus's 981 UK texts),
less the texts that share sentences with a statement of DATA, so no fold's idf saw the
statements it is scored on. `--extra-training FILE` (repeatable) adds FILE's statements to
the training part of every fold and never scores them: how far more training data, such as
our own annotations (benchmarks/annotation/), moves a design; `--extra-weight equal`
weighs those statements' sentences so that together they count as much as the training
part's own (as `msa-check classifier train --extra` does).
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

from msa_check.checker import Checker
from msa_check.classifier.corpus import LabelledStatement, read_labelled
from msa_check.classifier.linear_store import save_linear
from msa_check.classifier.linear_train import (
    DESIGNS,
    RULE_HITS_RULE_SET,
    UnlabelledCounts,
    count_unlabelled,
    fit_linear,
    source_weights,
)
from msa_check.classifier.model import load_classifier
from msa_check.classifier.rule_hits import given_rule_hits
from msa_check.classifier.vectors import drop_overlapping, read_texts
from msa_check.evaluation.metrics import ScoredSentence, score
from msa_check.evaluation.predict import predict_statement
from msa_check.nlp import load_pipeline
from msa_check.rules.loading import load_rule_set
from msa_check.rules.matching import RuleSetMatcher

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def folds_of(statements: list[LabelledStatement], folds: int, seed: int = 11) -> list[set[str]]:
    ids = [s.id for s in statements]
    random.Random(seed).shuffle(ids)
    return [set(ids[i::folds]) for i in range(folds)]


def cross_validate(
    statements: list[LabelledStatement],
    design: str,
    folds: int,
    work: Path,
    unlabelled: UnlabelledCounts | None = None,
    seed: int = 11,
    extra: list[LabelledStatement] | None = None,
    extra_weight: str = "one",
) -> list[ScoredSentence]:
    labels = sorted({label for st in statements for label in st.annotated_labels})
    extra = extra or []
    rules = load_rule_set("au-msa-s16")
    nlp = load_pipeline()
    scored: list[ScoredSentence] = []
    # A design that reads the rule engine's hits is given those of its training sentences.
    hits_of = {}
    if DESIGNS[design].rule_hits:
        rules_alone = RuleSetMatcher(load_rule_set(RULE_HITS_RULE_SET), nlp)
        hits_of = {st.id: given_rule_hits(st, rules_alone, nlp) for st in statements + extra}
    for fold, held in enumerate(folds_of(statements, folds, seed)):
        own = [st for st in statements if st.id not in held]
        fit = own + extra
        weights = None
        if extra and extra_weight == "equal":
            from_extra = [False] * len(own) + [True] * len(extra)
            weights = source_weights([len(st.sentences) for st in fit], from_extra)
        model = fit_linear(
            [[s.text for s in st.sentences] for st in fit],
            [[s.labels & st.annotated_labels for s in st.sentences] for st in fit],
            labels,
            design=DESIGNS[design],
            unlabelled=unlabelled if DESIGNS[design].unlabelled_idf else None,
            rule_hits_of=[hits_of[st.id] for st in fit] if hits_of else None,
            annotated_of=[st.annotated_labels for st in fit],
            document_weights=weights,
        )
        folder = work / f"{design}-{fold}"
        save_linear(folder, model)
        load_classifier.cache_clear()
        checker = Checker([rules], nlp, classifier_model=str(folder))
        for statement in statements:
            if statement.id in held:
                by_idx = {p.idx: p for p in predict_statement(statement, checker)}
                scored += [
                    ScoredSentence(
                        statement.id,
                        s.labels,
                        by_idx[s.idx].labels,
                        statement.annotated_labels,
                    )
                    for s in statement.sentences
                ]
    return scored


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=CORPUS / "aims_uk51.jsonl")
    parser.add_argument("--designs", default=",".join(DESIGNS))
    parser.add_argument("--folds", type=int, default=5)
    # Another seed splits the statements into other folds: how far a split moves a figure.
    parser.add_argument("--fold-seed", type=int, default=11)
    parser.add_argument("--unlabelled", type=Path, default=CORPUS / "uk_texts_unlabelled.jsonl")
    parser.add_argument("--extra-training", type=Path, action="append", default=[])
    parser.add_argument("--extra-weight", choices=("one", "equal"), default="one")
    args = parser.parse_args()
    statements = list(read_labelled(args.data))
    extra = [st for path in args.extra_training for st in read_labelled(path)]
    print(
        f"{args.data.name}: {len(statements)} statements, {args.folds}-fold by statement"
        f" (fold seed {args.fold_seed})"
        + (f", {len(extra)} more statements in every training part" if extra else "")
    )
    designs = args.designs.split(",")
    unlabelled = None
    if any(DESIGNS[design].unlabelled_idf for design in designs):
        kept = drop_overlapping(read_texts(args.unlabelled), [args.data])
        unlabelled = count_unlabelled(kept.texts)
        print(
            f"  idf also over {len(kept.texts)} texts of {args.unlabelled.name} "
            f"({unlabelled.sentences} sentences; {kept.dropped} left out: they share "
            f"sentences with {args.data.name})"
        )
    with tempfile.TemporaryDirectory() as folder:
        for design in designs:
            scores = score(
                cross_validate(
                    statements,
                    design,
                    args.folds,
                    Path(folder),
                    unlabelled,
                    args.fold_seed,
                    extra,
                    args.extra_weight,
                )
            )
            per_label = "  ".join(f"{k} {c.f1:.3f}" for k, c in scores.sentence.items())
            print(f"  {design:22} macro-F1 {scores.macro_f1():.3f}   {per_label}", flush=True)


if __name__ == "__main__":
    main()
