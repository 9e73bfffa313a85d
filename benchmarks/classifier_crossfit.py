"""Choose the classifier's design and thresholds on one labelled file alone (2-fold cross-fit).

    python benchmarks/classifier_crossfit.py [--data ../shared/corpus/aims_ca50.jsonl]
        [--unlabelled ../shared/corpus/uk_texts_unlabelled.jsonl]
        [--held-out ../shared/corpus/aims_uk51.jsonl]
        [--designs tfidf,ensemble,vectors,vectors-12,vectors-x3] [--seed 0]

The statements of DATA are split in two (seeded); each half trains a classifier that scores
the other half, so every sentence gets an out-of-fold score. For each design, and for each
merged label, the script then prints the F1 of the rules alone and of "rules or classifier
>= t" for t in 0.3..0.8, and the macro-F1 with the best t per label. The best t is chosen on
the same scores it is reported on, so every design's figure is optimistic by a like amount:
compare designs with each other, not with held-out figures. `--seed` retrains with another
seed, to see how far one model's figures move with it.

A second table tries the classifier as a veto: a rule match counts only if the classifier
scores the label at least v (`exclude: classifier: {below: v}` in a rule file), with each
label's own `min_score` from the rule set kept as the way the classifier alone matches. Each
v is also chosen on one half's sentences and scored on the other's, so the gain it shows is
not only the luck of the choice. benchmarks/ACCURACY.md says what was chosen from this and why.

The rule predictions come from `au-msa-s16` without its `classifier:` signals, run by the
same engine as `msa-check evaluate`. Takes about two minutes a design (five for vectors-x3)
on one core.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import tempfile
from collections.abc import Callable
from pathlib import Path

from msa_check.checker import Checker
from msa_check.classifier.corpus import LabelledStatement, read_labelled
from msa_check.classifier.model import load_classifier
from msa_check.classifier.train import train_classifier
from msa_check.classifier.vectors import train_vectors, vector_corpus
from msa_check.evaluation.metrics import MERGED_ORDER, Counts, merge_labels
from msa_check.evaluation.predict import predict_statement
from msa_check.nlp import load_pipeline
from msa_check.rules.loading import load_rule_set, resolve_rule_file

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
VETOES = (0.0, 0.01, 0.02, 0.03, 0.05, 0.1)
DESIGNS = {  # name: (architecture, epochs, with vectors, members)
    # TF-IDF logistic regression with both neighbours: what `classifier train` builds.
    "tfidf": ("tfidf", 0, False, 1),
    "ensemble": ("ensemble", 8, False, 1),
    "vectors": ("ensemble", 8, True, 1),
    "vectors-12": ("ensemble", 12, True, 1),
    # The mean of three members (seeds 0, 1, 2): the spaCy model shipped before tfidf.
    "vectors-x3": ("ensemble", 8, True, 3),
}
Key = tuple[str, int]
Trainer = Callable[[list[Path], Path], object]


def rules_only_predictions(
    statements: list[LabelledStatement], work: Path
) -> dict[Key, frozenset[str]]:
    source = resolve_rule_file("au-msa-s16").read_text(encoding="utf-8")
    without = "\n".join(line for line in source.splitlines() if "classifier:" not in line)
    path = work / "au-rules-only.yaml"
    path.write_text(without, encoding="utf-8")
    checker = Checker([load_rule_set(str(path))], load_pipeline())
    return {  # each sentence's criterion labels, unmerged (c2_structure, c4_remediation ...)
        (statement.id, p.idx): frozenset(p.labels)
        for statement in statements
        for p in predict_statement(statement, checker)
    }


def split(statements: list[LabelledStatement]) -> tuple[set[str], set[str]]:
    """The two halves of the statements (seeded, so every design sees the same split)."""
    ids = [s.id for s in statements]
    random.Random(7).shuffle(ids)
    return set(ids[: len(ids) // 2]), set(ids[len(ids) // 2 :])


def out_of_fold_scores(
    data: Path, statements: list[LabelledStatement], work: Path, train: Trainer
) -> dict[Key, dict[str, float]]:
    """Every sentence's classifier scores, from a model trained on the other half."""
    lines = {json.loads(line)["id"]: line for line in data.read_text("utf-8").split("\n") if line}
    scores: dict[Key, dict[str, float]] = {}
    for fold, fit_ids in enumerate(split(statements)):
        fit = work / f"fold{fold}.jsonl"
        fit.write_text("".join(lines[i] + "\n" for i in sorted(fit_ids)), encoding="utf-8")
        model = work / f"model{fold}"
        train([fit], model)
        load_classifier.cache_clear()  # the same folder holds each design's model in turn
        classifier = load_classifier(str(model))
        for statement in statements:
            if statement.id not in fit_ids:
                texts = [s.text for s in statement.sentences]
                for sentence, cats in zip(
                    statement.sentences, classifier.score(texts), strict=True
                ):
                    scores[(statement.id, sentence.idx)] = cats
    return scores


def expert_labels(statements: list[LabelledStatement]) -> dict[Key, frozenset[str]]:
    """Every sentence's merged expert labels, counting only the labels its statement annotates."""
    return {
        (st.id, s.idx): merge_labels(s.labels & st.annotated_labels)
        for st in statements
        for s in st.sentences
    }


def table(
    statements: list[LabelledStatement],
    rules: dict[Key, frozenset[str]],
    scores: dict[Key, dict[str, float]],
) -> tuple[float, dict[str, dict[str, float]]]:
    """Per merged label: F1 of the rules alone and of rules-or-classifier at each threshold."""
    truth = expert_labels(statements)
    annotated = merge_labels(label for st in statements for label in st.annotated_labels)
    counts = {
        label: {column: Counts() for column in ("rules", *(f">={t}" for t in THRESHOLDS))}
        for label in MERGED_ORDER
        if label in annotated
    }
    for key, labels in truth.items():
        for threshold in (None, *THRESHOLDS):
            predicted = rules[key]
            column = "rules"
            if threshold is not None:
                column = f">={threshold}"
                predicted |= merge_labels(
                    label for label, score in scores[key].items() if score >= threshold
                )
            for label, row in counts.items():
                row[column].add(label in labels, label in predicted)
    rows = {label: {c: n.f1 for c, n in row.items()} for label, row in counts.items()}
    macro = sum(max(row.values()) for row in rows.values()) / len(rows)
    return macro, rows


def rule_thresholds(merged: bool = True) -> dict[str, float]:
    """Per label (merged, or each criterion's own), the min_score at which its rules take
    the classifier alone."""
    found: dict[str, float] = {}
    for criterion in load_rule_set("au-msa-s16").criteria:
        for signal in criterion.match.classifier:
            labels = criterion.labels.get("aims", ())
            for label in merge_labels(labels) if merged else labels:
                found[label] = signal.min_score
    return found


def veto_table(
    statements: list[LabelledStatement],
    rules: dict[Key, frozenset[str]],
    parts: dict[Key, frozenset[str]],
    scores: dict[Key, dict[str, float]],
    halves: tuple[set[str], set[str]],
) -> None:
    """F1 when a rule match also needs the classifier's score >= v (v = 0: no veto).

    The rows named "(parts)" veto as a rule file can: each criterion of a merged label
    (c2_structure, c2_operations, c2_supply_chains) on its own label's score, with its own
    min_score; the plain rows veto the merged label on its best part's score."""
    truth = expert_labels(statements)
    alone = rule_thresholds()
    alone_parts = rule_thresholds(merged=False)

    def predicted_by_parts(label: str, veto: float, key: Key) -> bool:
        return any(
            (part in parts[key] and scores[key].get(part, 0.0) >= veto)
            or scores[key].get(part, 0.0) >= threshold
            for part, threshold in alone_parts.items()
            if merge_labels([part]) == {label}
        )

    def f1(row: str, veto: float, keys: list[Key]) -> float:
        label = row.removesuffix(" (parts)")
        counts = Counts()
        for key in keys:
            if row.endswith("(parts)"):
                predicted = predicted_by_parts(label, veto, key)
            else:
                # A merged label's score is its best part's (c2 is c2_structure, ...).
                score = max(
                    (v for raw, v in scores[key].items() if merge_labels([raw]) == {label}),
                    default=0.0,
                )
                predicted = (label in rules[key] and score >= veto) or score >= alone.get(
                    label, 1.01
                )
            counts.add(label in truth[key], predicted)
        return counts.f1

    every = list(truth)
    print(
        "  veto at      "
        + "".join(f"{v:>7}" for v in VETOES)
        + "   chosen on one half -> other half"
    )
    for label in ("signature", "c2", "c2 (parts)", "c3", "c4", "c4 (parts)", "c5"):
        row = "".join(f"{f1(label, v, every):7.3f}" for v in VETOES)
        nested = []
        for half in halves:
            fit = [k for k in every if k[0] in half]
            other = [k for k in every if k[0] not in half]
            chosen = max(VETOES, key=lambda v: f1(label, v, fit))
            nested.append(f"{chosen}: {f1(label, 0.0, other):.3f}->{f1(label, chosen, other):.3f}")
        print(f"  {label:10}  {row}   " + ", ".join(nested))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=CORPUS / "aims_ca50.jsonl")
    parser.add_argument("--unlabelled", type=Path, default=CORPUS / "uk_texts_unlabelled.jsonl")
    parser.add_argument("--held-out", type=Path, default=CORPUS / "aims_uk51.jsonl")
    parser.add_argument("--designs", default=",".join(DESIGNS))
    parser.add_argument(
        "--seed", type=int, default=0, help="training seed (a design's members: SEED, SEED+1, ...)"
    )
    args = parser.parse_args()
    statements = list(read_labelled(args.data))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        parts = rules_only_predictions(statements, work)
        rules = {key: merge_labels(labels) for key, labels in parts.items()}
        vectors = work / "vectors.floret"
        for name in args.designs.split(","):
            architecture, epochs, with_vectors, members = DESIGNS[name]
            if with_vectors and not vectors.exists():
                # What `classifier train DATA --unlabelled U --held-out H` learns them from.
                corpus = vector_corpus([args.data], [args.unlabelled], [args.held_out])
                train_vectors(corpus.texts, vectors)

            train = functools.partial(
                train_classifier,
                architecture=architecture,
                epochs=epochs,
                vectors=vectors if with_vectors else None,
                members=members,
                seed=args.seed,
            )
            scores = out_of_fold_scores(args.data, statements, work, train)
            macro, rows = table(statements, rules, scores)
            print(f"\n{name}: macro-F1 with the best threshold per label {macro:.3f}")
            print("  label      " + "".join(f"{column:>8}" for column in next(iter(rows.values()))))
            for group, row in rows.items():
                print(f"  {group:10} " + "".join(f"{value:8.3f}" for value in row.values()))
            veto_table(statements, rules, parts, scores, split(statements))


if __name__ == "__main__":
    main()
