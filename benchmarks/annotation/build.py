"""Check annotators' files, and turn them into the committed labels and a training file.

    python benchmarks/annotation/build.py validate DIR
    python benchmarks/annotation/build.py collect DIR [--out uk_own_labels.jsonl]
    python benchmarks/annotation/build.py training --out /tmp/uk_own.jsonl
        [--labels uk_own_labels.jsonl] [--corpus ../shared/corpus]
        [--with-own-labels] [--leave-out LABEL] [--only DIR/batch_K.txt ...]

(`uk_own_labels.jsonl`: the committed file beside this script, the default.)

DIR holds `tasks/ID.txt` (prepare.py) and the annotators' `out/ID.json` (GUIDELINES.md).

`collect` writes the labels we commit: per statement its id, annotator and, for every
sentence, its offsets into the extracted text, a hash of its text and its labels; never the
text itself (the statements are not ours to publish). `training` rebuilds the sentences from
the corpus's unlabelled texts with segment.py, checks each hash, and writes the AIMS
JSON-lines format `msa-check classifier train` reads, with the nine expert labels marked
annotated (our `c1`, `c6` and `ms_training` stay in the committed file for measuring the
rules, not for training).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from prepare import texts_by_key
from segment import SEGMENTER, segment, sentence_sha

EXPERT_LABELS = (
    "approval",
    "signature",
    "c2_structure",
    "c2_operations",
    "c2_supply_chains",
    "c3_risk_description",
    "c4_risk_mitigation",
    "c4_remediation",
    "c5_effectiveness",
)
RULE_ONLY_LABELS = ("c1_reporting_entity", "c6_consultation")  # the experts annotate neither
OWN_LABELS = (*RULE_ONLY_LABELS, "ms_training")
LABELS = frozenset(EXPERT_LABELS + OWN_LABELS)
DEFAULT_LABELS = Path(__file__).parent / "uk_own_labels.jsonl"


def task_indices(task: Path) -> list[int]:
    return [int(m.group(1)) for m in re.finditer(r"^\[(\d+)\] ", task.read_text("utf-8"), re.M)]


def read_annotation(path: Path, tasks: Path) -> tuple[dict, list[str]]:
    """The annotation in `path` and every problem with it (empty when it is sound)."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        return {}, [f"{path.name}: not JSON ({exc})"]
    problems = []
    statement_id = data.get("id")
    if statement_id != path.stem:
        problems.append(f"{path.name}: id {statement_id!r} is not the file's name")
    task = tasks / f"{path.stem}.txt"
    if not task.exists():
        return data, [*problems, f"{path.name}: no task file {task}"]
    indices = set(task_indices(task))
    labels = data.get("labels")
    if not isinstance(labels, dict):
        return data, [*problems, f"{path.name}: 'labels' must be an object of idx -> [labels]"]
    for idx, names in labels.items():
        if not idx.isdigit() or int(idx) not in indices:
            problems.append(f"{path.name}: sentence {idx!r} is not in the task")
        if not isinstance(names, list) or not names:
            problems.append(f"{path.name}: sentence {idx}: labels must be a non-empty list")
        else:
            problems += [
                f"{path.name}: sentence {idx}: unknown label {n!r}"
                for n in names
                if n not in LABELS
            ]
    if not isinstance(data.get("annotator"), str):
        problems.append(f"{path.name}: 'annotator' missing")
    return data, problems


def validate(folder: Path) -> int:
    files = sorted((folder / "out").glob("*.json"))
    problems = [p for f in files for p in read_annotation(f, folder / "tasks")[1]]
    for problem in problems:
        print(problem)
    print(f"{len(files)} files, {len(problems)} problems")
    return 1 if problems else 0


def collect(folder: Path, out: Path, corpus: Path) -> None:
    texts = texts_by_key(corpus)
    rows = []
    for path in sorted((folder / "out").glob("*.json")):
        data, problems = read_annotation(path, folder / "tasks")
        if problems:
            raise SystemExit("\n".join(problems))
        if data["id"] not in texts:
            continue  # a blind expert statement: agreement.py reads those
        labels = {int(k): sorted(set(v)) for k, v in data["labels"].items()}
        rows.append(
            {
                "id": data["id"],
                "annotator": data["annotator"],
                "not_a_statement": bool(data.get("not_a_statement")),
                "segmenter": SEGMENTER,
                "sentences": [
                    {
                        "idx": s.idx,
                        "start": s.start,
                        "end": s.end,
                        "sha": s.sha,
                        "labels": labels.get(s.idx, []),
                    }
                    for s in segment(texts[data["id"]])
                ],
            }
        )
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    print(f"{len(rows)} statements -> {out}")


def training(
    labels_file: Path,
    corpus: Path,
    out: Path,
    with_own: bool = False,
    leave_out: tuple[str, ...] = (),
    only: frozenset[str] = frozenset(),
) -> None:
    rows = [json.loads(line) for line in labels_file.open(encoding="utf-8")]
    if only:
        check_only(rows, only, labels_file)
    texts = texts_by_key(corpus)
    # --with-own-labels: c1 and c6 annotated too, for `msa-check evaluate --rules
    # au-msa-s16` to score those rules (never for training: the experts annotate neither).
    # --leave-out LABEL: our statements do not annotate it (classifier train then leaves
    # them out of that label's fit), for a label our annotation disagrees on with the
    # experts (benchmarks/ACCURACY.md, "Our own annotations as more training data").
    annotated = tuple(
        label
        for label in EXPERT_LABELS + (RULE_ONLY_LABELS if with_own else ())
        if label not in leave_out
    )
    written = 0
    with out.open("w", encoding="utf-8") as sink:
        for row in rows:
            # --only: prepare.py's batch lists, to split our statements into the
            # development and test batches the rule fixes are read and measured on.
            if row["not_a_statement"] or (only and row["id"] not in only):
                continue
            sentences = []
            split = segment(texts[row["id"]])
            if len(split) != len(row["sentences"]):
                raise SystemExit(f"{row['id']}: the extractor now cuts another number of sentences")
            for s in split:
                stored = row["sentences"][s.idx]
                if (stored["start"], stored["end"], stored["sha"]) != (
                    s.start,
                    s.end,
                    sentence_sha(s.text),
                ):
                    raise SystemExit(
                        f"{row['id']} [{s.idx}]: the extractor now cuts another sentence"
                    )
                kept = [label for label in stored["labels"] if label in annotated]
                sentences.append({"idx": s.idx, "text": s.text, "labels": kept})
            record = {
                "id": row["id"],
                "jurisdiction": "UK",
                "source": "msa-check annotation",
                "annotated_labels": list(annotated),
                "sentences": sentences,
            }
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    print(f"{written} statements -> {out}")


def check_only(rows: list[dict], only: frozenset[str], labels_file: Path) -> None:
    """Stop, naming them, when ids in the --only lists are not among the labelled
    statements (`rows`, read from `labels_file`), or none of them is a statement: a
    mistyped list would otherwise build a training set of the wrong statements, or of none."""
    unknown = sorted(only - {row["id"] for row in rows})
    if unknown:
        raise SystemExit(f"--only: {len(unknown)} ids not in {labels_file}: {', '.join(unknown)}")
    if not any(row["id"] in only and not row["not_a_statement"] for row in rows):
        raise SystemExit(f"--only: none of the {len(only)} ids listed is a statement")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate")
    check.add_argument("folder", type=Path)
    gather = commands.add_parser("collect")
    gather.add_argument("folder", type=Path)
    gather.add_argument("--out", type=Path, default=DEFAULT_LABELS)
    build = commands.add_parser("training")
    build.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    build.add_argument("--out", type=Path, required=True)
    build.add_argument("--with-own-labels", action="store_true")
    build.add_argument("--leave-out", action="append", default=[], choices=sorted(LABELS))
    build.add_argument("--only", type=Path, nargs="+", default=[], help="batch_K.txt lists")
    for command in (gather, build):
        command.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    args = parser.parse_args()
    if args.command == "validate":
        raise SystemExit(validate(args.folder))
    if args.command == "collect":
        collect(args.folder, args.out, args.corpus)
    else:
        only = frozenset(key for path in args.only for key in path.read_text().split())
        if args.only and not only:
            raise SystemExit(f"--only: {', '.join(map(str, args.only))} list no statement ids")
        training(
            args.labels,
            args.corpus,
            args.out,
            args.with_own_labels,
            tuple(args.leave_out),
            only,
        )


if __name__ == "__main__":
    main()
