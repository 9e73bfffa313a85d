"""Fit and measure the calibrated probabilities of criterion verdicts; refit the shipped maps.

    python benchmarks/calibration.py [--uk ../shared/corpus/aims_uk51.jsonl]
        [--ca ../shared/corpus/aims_ca50.jsonl] [--write]

A criterion's probability is the chance that experts label at least one sentence of the
statement with one of the criterion's AIMS labels (`msa_check/calibration.py`). For each
direction (CA -> UK, UK -> CA) the map is fitted on one file and measured on the other:

- the features of the fitting file come from a 2-fold cross-fit inside it (a TF-IDF
  classifier trained on one half of its statements scores the other half), so they are as
  out-of-sample as the features of a statement `check` has never seen;
- the features of the measured file come from a classifier trained on the whole fitting
  file (what `msa-check evaluate OTHER --classifier X` runs).

Rule sets without a classifier signal (uk-msa-s54, ca-s211) need no cross-fit: their
features are the same whoever trained the classifier.

For each direction the script prints a reliability table (10 equal bins of predicted
probability: the mean predicted, the share of statements experts label positive, the
count), the expected calibration error (ECE: the count-weighted mean gap between the two),
the Brier score, and the same for the heuristic `evidence_strength` read as a probability
(met: its value; missing: one minus it; partial: 0.5), then per criterion.

Last, the design of the shipped maps is measured by 5-fold cross-fitting over the
statements of both files together (the UK ones judged by a CA-trained classifier, the CA
ones by a UK-trained one): no shift between jurisdictions there, unlike the two
directions.

`--write` refits the shipped maps (`src/msa_check/trained/calibration/maps.json`) on both
files together: the UK statements as judged with a classifier trained on CA and the CA
statements as judged with one trained on UK (cross-jurisdiction, as the shipped engine
meets a statement from elsewhere), and records the files' names and sha256 in it.
Takes about three minutes on one core.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from msa_check.calibration import FEATURES, MAPS_RESOURCE, features
from msa_check.checker import Checker
from msa_check.classifier.corpus import LabelledStatement, read_labelled
from msa_check.classifier.model import load_classifier
from msa_check.classifier.train import train_classifier
from msa_check.evaluation.predict import LABEL_SET, judge_statement
from msa_check.models import Verdict
from msa_check.nlp import load_pipeline
from msa_check.rules.loading import load_rule_set

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
MAPS = Path(__file__).resolve().parents[1] / "src" / "msa_check" / Path(*MAPS_RESOURCE)
# The criteria whose meaning matches the expert labels they map to. Left out: criteria
# with no labelled examples (c1, c6, reporting_period, steps_taken, financial_year) and
# those whose label is much broader than the criterion (uk-msa-s54 policies, training,
# due_diligence and risk, ca-s211 training and policies_due_diligence map to the c4
# label, which nearly every statement has, whatever its training or policies say).
CALIBRATED = {
    "au-msa-s16": (
        "approval", "signature", "c2_structure", "c2_operations", "c2_supply_chains",
        "c3_risk_description", "c4_risk_mitigation", "c4_remediation", "c5_effectiveness",
    ),
    "uk-msa-s54": ("approval", "signature", "structure", "effectiveness"),
    "ca-s211": (
        "approval", "structure_activities_supply_chains", "risk", "remediation", "effectiveness",
    ),
}  # fmt: skip
WITH_CLASSIFIER = {"au-msa-s16"}
PENALTY = 1.0  # L2 on the coefficients: a few dozen statements per fit
INTERCEPT_PENALTY = 0.01  # keeps a label every statement has from an infinite intercept
BINS = 10
MIN_EACH = 10  # statements with, and without, the labels a criterion needs to be calibrated


@dataclass(frozen=True)
class Case:
    """One statement judged on one criterion: what the map reads, and the experts' answer."""

    rule_set: str
    criterion: str
    statement: str
    x: tuple[float, ...]
    heuristic: float  # evidence_strength read as a probability of "addressed"
    positive: bool


def judged_cases(
    statements: Sequence[LabelledStatement], rule_set_name: str, classifier: str | None
) -> list[Case]:
    rule_set = load_rule_set(rule_set_name)
    checker = Checker([rule_set], load_pipeline(), classifier_model=classifier)
    wanted = CALIBRATED[rule_set_name]
    cases = []
    for statement in statements:
        _, (result,) = judge_statement(statement, checker)
        for criterion, outcome in zip(rule_set.criteria, result.criteria, strict=True):
            labels = set(criterion.labels.get(LABEL_SET, ())) & statement.annotated_labels
            if criterion.id not in wanted or not labels:
                continue
            positive = any(s.labels & labels for s in statement.sentences)
            cases.append(
                Case(
                    rule_set_name,
                    criterion.id,
                    statement.id,
                    features(outcome.verdict, outcome.evidence),
                    _heuristic(outcome.verdict, outcome.evidence_strength),
                    positive,
                )
            )
    return cases


def _heuristic(verdict: Verdict, strength: float) -> float:
    if verdict is Verdict.MET:
        return strength
    if verdict is Verdict.MISSING:
        return 1.0 - strength
    return 0.5


def fit_logistic(xs: Sequence[Sequence[float]], ys: Sequence[bool]) -> tuple[float, list[float]]:
    """L2-penalised logistic regression by Newton's method (deterministic, numpy only)."""
    x = np.column_stack([np.ones(len(xs)), np.asarray(xs, float)])
    y = np.asarray(ys, float)
    penalty = np.diag([INTERCEPT_PENALTY] + [PENALTY] * (x.shape[1] - 1))
    w = np.zeros(x.shape[1])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + penalty @ w
        hessian = (x.T * (p * (1 - p))) @ x + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return float(w[0]), [float(v) for v in w[1:]]


def fit_maps(cases: Sequence[Case]) -> dict[tuple[str, str], tuple[float, list[float], int, int]]:
    """One map per criterion that has at least MIN_EACH statements with and without its
    labels: with fewer, the map could learn nothing about the verdict, only the rate."""
    fitted = {}
    for key in sorted({(c.rule_set, c.criterion) for c in cases}):
        mine = [c for c in cases if (c.rule_set, c.criterion) == key]
        positives = sum(c.positive for c in mine)
        if min(positives, len(mine) - positives) < MIN_EACH:
            continue
        intercept, coefficients = fit_logistic([c.x for c in mine], [c.positive for c in mine])
        fitted[key] = (intercept, coefficients, len(mine), sum(c.positive for c in mine))
    return fitted


def predict(
    fitted: dict[tuple[str, str], tuple[float, list[float], int, int]], case: Case
) -> float:
    intercept, coefficients, _, _ = fitted[(case.rule_set, case.criterion)]
    z = intercept + sum(c * v for c, v in zip(coefficients, case.x, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def reliability(
    pairs: Sequence[tuple[float, bool]],
) -> tuple[list[tuple[int, float, float, int]], float, float]:
    """Rows (bin, mean predicted, observed share, count), the ECE and the Brier score."""
    rows = []
    ece = 0.0
    for b in range(BINS):
        inside = [(p, y) for p, y in pairs if min(int(p * BINS), BINS - 1) == b]
        if not inside:
            continue
        mean = sum(p for p, _ in inside) / len(inside)
        share = sum(y for _, y in inside) / len(inside)
        rows.append((b, mean, share, len(inside)))
        ece += len(inside) / len(pairs) * abs(mean - share)
    brier = sum((p - y) ** 2 for p, y in pairs) / len(pairs)
    return rows, ece, brier


def print_reliability(title: str, pairs: Sequence[tuple[float, bool]]) -> None:
    rows, ece, brier = reliability(pairs)
    print(f"\n{title}: {len(pairs)} statement-criterion pairs, ECE {ece:.3f}, Brier {brier:.3f}")
    print("  bin          mean predicted   observed share   count")
    for b, mean, share, count in rows:
        print(
            f"  {b / BINS:.1f}-{(b + 1) / BINS:.1f}      {mean:14.3f}   {share:14.3f}   {count:5d}"
        )


def halves(statements: Sequence[LabelledStatement]) -> tuple[set[str], set[str]]:
    ids = sorted(s.id for s in statements)
    random.Random(7).shuffle(ids)
    return set(ids[: len(ids) // 2]), set(ids[len(ids) // 2 :])


def trained(source: Path, ids: set[str], work: Path) -> str:
    """A TF-IDF classifier (what `classifier train` builds) on the given statements of a file."""
    lines = [line for line in source.read_text("utf-8").split("\n") if line]
    keep = [line for line in lines if json.loads(line)["id"] in ids]
    name = hashlib.sha256("".join(sorted(ids)).encode()).hexdigest()[:12]
    data = work / f"{name}.jsonl"
    data.write_text("\n".join(keep) + "\n", encoding="utf-8")
    train_classifier([data], work / name)
    load_classifier.cache_clear()
    return str(work / name)


def direction_cases(
    fit_file: Path, measure_file: Path, work: Path
) -> tuple[list[Case], list[Case]]:
    """The fitting file's out-of-fold cases and the measured file's cases."""
    fit_statements = list(read_labelled(fit_file))
    measure_statements = list(read_labelled(measure_file))
    fit_cases: list[Case] = []
    measure_cases: list[Case] = []
    whole = trained(fit_file, {s.id for s in fit_statements}, work)
    for rule_set in CALIBRATED:
        if rule_set in WITH_CLASSIFIER:
            for half in halves(fit_statements):
                model = trained(fit_file, half, work)
                others = [s for s in fit_statements if s.id not in half]
                fit_cases += judged_cases(others, rule_set, model)
        else:
            fit_cases += judged_cases(fit_statements, rule_set, None)
        measure_cases += judged_cases(
            measure_statements, rule_set, whole if rule_set in WITH_CLASSIFIER else None
        )
    return fit_cases, measure_cases


def report(name: str, fit_cases: Sequence[Case], measure_cases: Sequence[Case]) -> None:
    fitted = fit_maps(fit_cases)
    measure_cases = [c for c in measure_cases if (c.rule_set, c.criterion) in fitted]
    pairs = [(predict(fitted, c), c.positive) for c in measure_cases]
    print(f"\n=== {name} ===")
    print_reliability("calibrated probability", pairs)
    print_reliability(
        "heuristic evidence_strength", [(c.heuristic, c.positive) for c in measure_cases]
    )
    for rule_set in CALIBRATED:
        mine = [(predict(fitted, c), c.positive) for c in measure_cases if c.rule_set == rule_set]
        _, ece, brier = reliability(mine)
        print(f"  {rule_set}: {len(mine)} pairs, ECE {ece:.3f}, Brier {brier:.3f}")
    print("  criterion                         n   positive   mean p     ECE   Brier")
    for key in sorted({(c.rule_set, c.criterion) for c in measure_cases}):
        mine = [
            (predict(fitted, c), c.positive)
            for c in measure_cases
            if (c.rule_set, c.criterion) == key
        ]
        _, ece, brier = reliability(mine)
        share = sum(y for _, y in mine) / len(mine)
        mean = sum(p for p, _ in mine) / len(mine)
        label = f"{key[0]}.{key[1]}"
        print(
            f"  {label:32} {len(mine):3d}   {share:8.3f}   {mean:6.3f}   {ece:5.3f}   {brier:5.3f}"
        )


FOLDS = 5


def report_folds(cases: Sequence[Case]) -> None:
    """The shipped maps' design, measured by 5-fold cross-fitting over the statements of
    both files (seeded): each fold's maps are fitted on the other four folds' statements."""
    ids = sorted({c.statement for c in cases})
    random.Random(11).shuffle(ids)
    fold_of = {statement: i % FOLDS for i, statement in enumerate(ids)}
    pairs: list[tuple[float, bool]] = []
    used: list[Case] = []
    for fold in range(FOLDS):
        fitted = fit_maps([c for c in cases if fold_of[c.statement] != fold])
        mine = [
            c for c in cases if fold_of[c.statement] == fold and (c.rule_set, c.criterion) in fitted
        ]
        pairs += [(predict(fitted, c), c.positive) for c in mine]
        used += mine
    print(f"\n=== both files, {FOLDS}-fold by statement (the shipped maps' design) ===")
    print_reliability("calibrated probability", pairs)
    print_reliability("heuristic evidence_strength", [(c.heuristic, c.positive) for c in used])


def write_maps(cases: Sequence[Case], files: Sequence[Path]) -> None:
    fitted = fit_maps(cases)
    entries = []
    for (rule_set_name, criterion_id), (intercept, coefficients, n, positives) in fitted.items():
        rule_set = load_rule_set(rule_set_name)
        criterion = rule_set.criterion(criterion_id)
        entries.append(
            {
                "rule_set": rule_set_name,
                "version": rule_set.version,
                "criterion": criterion_id,
                "labels": list(criterion.labels.get(LABEL_SET, ())),
                "intercept": round(intercept, 6),
                "coefficients": [round(c, 6) for c in coefficients],
                "statements": n,
                "positives": positives,
            }
        )
    data = {
        "features": list(FEATURES),
        "fitted_by": "python benchmarks/calibration.py --write",
        "data": [
            {"file": f.name, "sha256": hashlib.sha256(f.read_bytes()).hexdigest()} for f in files
        ],
        "how": (
            "UK statements judged with a TF-IDF classifier trained on the CA file, CA"
            " statements with one trained on the UK file; one L2-penalised logistic map per"
            " criterion over the features"
        ),
        "maps": entries,
    }
    MAPS.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {len(entries)} maps to {MAPS}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--uk", type=Path, default=CORPUS / "aims_uk51.jsonl")
    parser.add_argument("--ca", type=Path, default=CORPUS / "aims_ca50.jsonl")
    parser.add_argument("--write", action="store_true", help="refit the shipped maps on both")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        ca_oof, uk_from_ca = direction_cases(args.ca, args.uk, work)
        uk_oof, ca_from_uk = direction_cases(args.uk, args.ca, work)
    report("CA -> UK (fitted on CA, measured on UK)", ca_oof, uk_from_ca)
    report("UK -> CA (fitted on UK, measured on CA)", uk_oof, ca_from_uk)
    pooled = [*uk_from_ca, *ca_from_uk]
    report_folds(pooled)
    if args.write:
        write_maps([*uk_from_ca, *ca_from_uk], [args.uk, args.ca])


if __name__ == "__main__":
    main()
