"""Write the annotators' task files: the statements to label, one sentence a line.

    python benchmarks/annotation/prepare.py unlabelled --out DIR [--corpus ../shared/corpus]
        [--seed 0] [--max-sentences 150] [--batches 5] [--per-batch 40]
    python benchmarks/annotation/prepare.py blind --file aims_ca50.jsonl --ids ID,ID --out DIR
    python benchmarks/annotation/prepare.py study --file aims_uk51.jsonl --ids ID,ID --out FILE

`unlabelled` draws statements from the corpus's unlabelled UK texts in a seeded random
order, leaving out (and listing in DIR/excluded.tsv) every text that shares a sentence of
over 60 characters with an expert-labelled statement (the same statement or much of it may
be in both: it must not carry our labels into a test file), and every text over
`--max-sentences` sentences (annual reports; listed too). DIR/batch_K.txt lists each
annotator's texts in the order to do them, by key (the id and the text's line: the corpus
repeats ids); DIR/tasks/KEY.txt shows one statement's sentences as the engine splits them
(segment.py).

`blind` writes the same kind of task file for expert-labelled statements, without their
labels, to measure how far our annotation agrees with the experts (agreement.py).

`study` writes expert-labelled statements with their labels shown, for the annotators to
learn the experts' conventions from (never scored for agreement).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from segment import segment

LONG_SENTENCE = 60
WINDOW = 6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    unlabelled = commands.add_parser("unlabelled")
    unlabelled.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    unlabelled.add_argument("--out", type=Path, required=True)
    unlabelled.add_argument("--seed", type=int, default=0)
    unlabelled.add_argument("--max-sentences", type=int, default=150)
    unlabelled.add_argument("--batches", type=int, default=5)
    unlabelled.add_argument("--per-batch", type=int, default=40)
    for name in ("blind", "study"):
        command = commands.add_parser(name)
        command.add_argument("--file", type=Path, required=True)
        command.add_argument("--ids", required=True)
        command.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if args.command == "unlabelled":
        write_unlabelled_tasks(args)
    elif args.command == "blind":
        for statement in _labelled(args.file, args.ids.split(",")):
            sentences = [(s["idx"], s["text"]) for s in statement["sentences"]]
            _write_task(args.out / "tasks", statement["id"], sentences)
    else:
        args.out.write_text(
            "".join(_study_text(s) for s in _labelled(args.file, args.ids.split(","))),
            encoding="utf-8",
        )


def write_unlabelled_tasks(args: argparse.Namespace) -> None:
    expert = _expert_sentences(args.corpus)
    texts = unlabelled_texts(args.corpus)
    random.Random(args.seed).shuffle(texts)
    chosen: list[str] = []
    excluded: list[str] = []
    for item in texts:
        if len(chosen) == args.batches * args.per_batch:
            break
        windows = _windows(_norm(item["text"]).split())
        shared = sorted({sid for s, sids in expert.items() if s <= windows for sid in sids})
        sentences = segment(item["text"])
        if shared:
            excluded.append(f"{item['key']}\tshares a sentence with {','.join(shared)}")
        elif len(sentences) > args.max_sentences:
            excluded.append(f"{item['key']}\t{len(sentences)} sentences")
        else:
            chosen.append(item["key"])
            _write_task(args.out / "tasks", item["key"], [(s.idx, s.text) for s in sentences])
    for batch in range(args.batches):
        ids = chosen[batch * args.per_batch : (batch + 1) * args.per_batch]
        (args.out / f"batch_{batch + 1}.txt").write_text("".join(f"{i}\n" for i in ids), "utf-8")
    (args.out / "excluded.tsv").write_text("".join(f"{line}\n" for line in excluded))
    print(f"{len(chosen)} statements in {args.batches} batches; {len(excluded)} passed over")


def unlabelled_texts(corpus: Path) -> list[dict[str, str]]:
    """The unlabelled texts, each with a `key` of its own: the corpus repeats ids (981
    texts under 650 ids, another year's statement of the same company), so the key adds
    the text's line in the file."""
    lines = (corpus / "uk_texts_unlabelled.jsonl").open(encoding="utf-8")
    items = [json.loads(line) for line in lines]
    return [{**item, "key": f"{item['id']}-L{n:03d}"} for n, item in enumerate(items)]


def texts_by_key(corpus: Path) -> dict[str, str]:
    """Each unlabelled text by its key (see unlabelled_texts)."""
    return {item["key"]: item["text"] for item in unlabelled_texts(corpus)}


def _windows(words: list[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(words[i : i + WINDOW]) for i in range(max(len(words) - WINDOW + 1, 1)))


def _expert_sentences(corpus: Path) -> dict[frozenset[tuple[str, ...]], set[str]]:
    """Each long expert sentence as its word windows: a text holds the sentence when it
    holds every window (a set test per sentence, where searching each text for each
    sentence took minutes)."""
    sentences: dict[frozenset[tuple[str, ...]], set[str]] = {}
    for name in ("aims_uk51.jsonl", "aims_ca50.jsonl"):
        for line in (corpus / name).open(encoding="utf-8"):
            statement = json.loads(line)
            for sentence in statement["sentences"]:
                text = _norm(sentence["text"])
                if len(text) > LONG_SENTENCE:
                    sentences.setdefault(_windows(text.split()), set()).add(statement["id"])
    return sentences


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _labelled(path: Path, ids: list[str]) -> list[dict]:
    by_id = {s["id"]: s for s in map(json.loads, path.open(encoding="utf-8"))}
    return [by_id[i] for i in ids]


def _shown(text: str) -> str:
    return text.replace("\n", " ⏎ ")


def _write_task(folder: Path, statement_id: str, sentences: list[tuple[int, str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f"# {statement_id}: {len(sentences)} sentences ('⏎' marks a line break)"]
    lines += [f"[{idx}] {_shown(text)}" for idx, text in sentences]
    (folder / f"{statement_id}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _study_text(statement: dict) -> str:
    lines = [f"\n## {statement['id']} (expert labels shown after each sentence)"]
    for sentence in statement["sentences"]:
        labels = ", ".join(sentence.get("labels") or ()) or "-"
        note = f"  (note: {sentence['comment']})" if sentence.get("comment") else ""
        lines.append(f"[{sentence['idx']}] {_shown(sentence['text'])}\n    => {labels}{note}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
