"""What the `electronics` and `monitoring` sets select on real electronics statements.

    python benchmarks/electronics_evidence.py [--texts FILE] [--sample N --sample-out FILE.tsv]

Runs both sets over the electronics and ICT hardware companies' statements of the shared
corpus's unlabelled UK texts (line numbers and ids below), prints per criterion how many
statements it is met or partial in and how many sentences it selected, and with --sample
writes a seeded random sample of the selected (met-making, action-taken) sentences to a
TSV for a reader to judge (benchmarks/ELECTRONICS.md gives the judgements). The corpus
texts are not copied into the project: they are read from ../shared/corpus.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import tempfile
from collections import Counter
from pathlib import Path

from msa_check import check
from msa_check.models import EvidenceStatus, Verdict

ROOT = Path(__file__).parents[1]
TEXTS = ROOT.parent / "shared" / "corpus" / "uk_texts_unlabelled.jsonl"
RULE_SETS = ("electronics", "monitoring")
PER_CRITERION = 6  # sentences of each criterion in the sample before the random rest
# Electronics and ICT hardware makers, brands and telecoms among the 981 texts. Ids repeat
# in that file (981 rows, 650 distinct ids), so a statement is named by its line number
# with its id; the company is the one its text names (found by sector terms, then read).
ELECTRONICS_LINES = {
    56: ("UKTEXT-0055", "Flex"),
    62: ("UKTEXT-0061", "Intel"),
    78: ("UKTEXT-0077", "Shenzhen Gou Wei Electronics (SGW Europe)"),
    97: ("UKTEXT-0096", "Viasat"),
    148: ("UKTEXT-0147", "Ciena"),
    187: ("UKTEXT-0186", "Samsung Electronics (UK)"),
    244: ("UKTEXT-0243", "Lenovo"),
    356: ("UKTEXT-0355", "Dell"),
    383: ("UKTEXT-0382", "Motorola Solutions"),
    406: ("UKTEXT-0405", "KLA-Tencor"),
    452: ("UKTEXT-0451", "Sony Group"),
    456: ("UKTEXT-0455", "Apple"),
    467: ("UKTEXT-0466", "Vodafone Group"),
    645: ("UKTEXT-0644", "Cisco"),
    670: ("UKTEXT-0019", "ROHM Semiconductor"),
    738: ("UKTEXT-0087", "EMC"),
    809: ("UKTEXT-0158", "Nikon"),
    840: ("UKTEXT-0189", "AMD"),
    883: ("UKTEXT-0232", "Ingenico"),
    887: ("UKTEXT-0236", "Konica Minolta Business Solutions Europe"),
    921: ("UKTEXT-0270", "Plexus"),
    941: ("UKTEXT-0290", "Dell (a second statement)"),
    967: ("UKTEXT-0316", "HP"),
    972: ("UKTEXT-0321", "ON Semiconductor"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=TEXTS)
    parser.add_argument("--sample", type=int, default=0, help="sentences to sample for judging")
    parser.add_argument("--sample-out", type=Path)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()

    texts = {}
    with args.texts.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if number in ELECTRONICS_LINES:
                row = json.loads(line)
                text_id, _company = ELECTRONICS_LINES[number]
                assert row["id"] == text_id, (number, row["id"])
                texts[f"{number}:{text_id}"] = row["text"]
    statements: Counter[tuple[str, str, str]] = Counter()
    sentences: Counter[tuple[str, str]] = Counter()
    selected: list[tuple[str, str, str, str]] = []
    alerts: Counter[str] = Counter()
    scores: dict[str, list[float]] = {name: [] for name in RULE_SETS}
    with tempfile.TemporaryDirectory() as folder:
        for text_id, text in sorted(texts.items()):
            path = Path(folder) / f"{text_id.replace(':', '-')}.txt"
            path.write_text(text, encoding="utf-8")
            report = check(str(path), rules=list(RULE_SETS))
            for result in report.results:
                scores[result.rule_set.id].append(result.score.percent)
                for criterion in result.criteria:
                    key = (result.rule_set.id, criterion.id)
                    statements[(*key, criterion.verdict.value)] += 1
                    alerts.update(f"{result.rule_set.id}.{a.id}" for a in criterion.alerts)
                    if criterion.verdict is not Verdict.MET:
                        continue
                    for evidence in criterion.evidence:
                        if evidence.status is EvidenceStatus.TAKEN and evidence.strength >= 1:
                            sentences[key] += 1
                            selected.append((text_id, *key, " ".join(evidence.text.split())))
    print(f"{len(texts)} statements; rule sets {', '.join(RULE_SETS)}")
    print(f"{'criterion':52} {'met':>4} {'part':>4} {'sent':>5}")
    for name in RULE_SETS:
        ids = sorted({c for (s, c, _v) in statements if s == name}, key=_order(name))
        for criterion in ids:
            met = statements[(name, criterion, "met")]
            partial = statements[(name, criterion, "partial")]
            count = sentences[(name, criterion)]
            print(f"{name + '.' + criterion:52} {met:>4} {partial:>4} {count:>5}")
        mean = sum(scores[name]) / len(scores[name]) if scores[name] else 0.0
        print(f"{name}: mean disclosure score {mean:.1f}%")
    for alert, count in sorted(alerts.items()):
        print(f"alert {alert}: {count} statements")
    print(f"selected sentences (met-making, action taken): {len(selected)}")
    if args.sample and args.sample_out:
        chosen = stratified_sample(selected, args.sample, random.Random(args.seed))
        with args.sample_out.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter="\t")
            writer.writerow(["n", "text_id", "rule_set", "criterion", "sentence", "agree"])
            for number, row in enumerate(sorted(chosen, key=lambda r: (r[1], r[2])), start=1):
                writer.writerow([number, *row, ""])
        print(f"wrote {len(chosen)} sentences to {args.sample_out}")


def stratified_sample(
    selected: list[tuple[str, str, str, str]], size: int, rng: random.Random
) -> list[tuple[str, str, str, str]]:
    """Up to PER_CRITERION sentences of every criterion, then the rest at random: so the
    criteria that select a few sentences are judged too, not only the busiest two."""
    by_criterion: dict[tuple[str, str], list[tuple[str, str, str, str]]] = {}
    for row in selected:
        by_criterion.setdefault((row[1], row[2]), []).append(row)
    chosen = []
    for rows in by_criterion.values():
        chosen.extend(rng.sample(rows, min(PER_CRITERION, len(rows))))
    rest = [row for row in selected if row not in chosen]
    chosen.extend(rng.sample(rest, max(0, min(size - len(chosen), len(rest)))))
    return chosen


def _order(rule_set: str):  # type: ignore[no-untyped-def]
    from msa_check.rules.loading import load_rule_set

    order = {c.id: i for i, c in enumerate(load_rule_set(rule_set).criteria)}
    return lambda criterion: order.get(criterion, 999)


if __name__ == "__main__":
    main()
