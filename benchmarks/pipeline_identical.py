"""Do two versions of msa-check give identical reports and lemmas on the same texts?

    python benchmarks/pipeline_identical.py dump OUT.jsonl [--texts FILE.jsonl]
        [--limit N] [--rules uk-msa-s54 ...]
    python benchmarks/pipeline_identical.py compare BEFORE.jsonl AFTER.jsonl

`dump` writes, per text, the full JSON report (every verdict, piece of evidence and the
metadata) of each rule set named, and the lemma of every token of the default pipeline.
Run it once on the old code (e.g. `git archive` of main, with PYTHONPATH pointing at its
`src`) and once on the new, then `compare` counts the texts whose reports are identical
and the tokens whose lemmas differ, and shows the first differences. It is how a change
meant to be a pure speed-up is shown to change no result (issue 16 item 3).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from throughput import as_fetched  # benchmarks/ is on the path of a script run from it

import msa_check
from msa_check.checker import Checker, load_rule_sets
from msa_check.nlp import load_pipeline
from msa_check.report.json_report import report_to_dict

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"
DEFAULT_TEXTS = CORPUS / "uk_texts_unlabelled.jsonl"


def dump(out: Path, texts_path: Path, limit: int | None, rules: list[str]) -> None:
    print(f"msa_check from {Path(msa_check.__file__).parent}", file=sys.stderr)
    nlp = load_pipeline()
    checkers = {name: Checker(load_rule_sets([name]), nlp) for name in rules}
    with texts_path.open(encoding="utf-8") as lines, out.open("w", encoding="utf-8") as sink:
        for index, line in enumerate(lines):
            if limit is not None and index >= limit:
                break
            text = json.loads(line)["text"]
            row: dict[str, Any] = {"index": index}
            row["lemmas"] = [[t.text, t.lemma_] for t in nlp(text)]
            for name, checker in checkers.items():
                row[name] = report_to_dict(checker.check_fetched(as_fetched(text, index)))
            sink.write(json.dumps(row, ensure_ascii=False) + "\n")


def _rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def _first_difference(before: Any, after: Any, where: str = "") -> str:
    if type(before) is not type(after):
        return f"{where}: {before!r} -> {after!r}"
    if isinstance(before, dict):
        for key in sorted(set(before) | set(after)):
            if before.get(key) != after.get(key):
                return _first_difference(before.get(key), after.get(key), f"{where}.{key}")
    if isinstance(before, list):
        if len(before) != len(after):
            return f"{where}: {len(before)} items -> {len(after)} items"
        for i, (b, a) in enumerate(zip(before, after, strict=True)):
            if b != a:
                return _first_difference(b, a, f"{where}[{i}]")
    return f"{where}: {str(before)[:200]!r} -> {str(after)[:200]!r}"


def compare(before_path: Path, after_path: Path) -> int:
    before, after = _rows(before_path), _rows(after_path)
    if len(before) != len(after):
        print(f"{len(before)} texts before, {len(after)} after")
        return 1
    rule_sets = [k for k in before[0] if k not in ("index", "lemmas")]
    tokens = differing = 0
    shown = 0
    for b, a in zip(before, after, strict=True):
        tokens += len(b["lemmas"])
        if b["lemmas"] != a["lemmas"]:
            pairs = zip(b["lemmas"], a["lemmas"], strict=False)
            diffs = [(x, y) for x, y in pairs if x != y]
            differing += max(len(diffs), abs(len(b["lemmas"]) - len(a["lemmas"])))
            if shown < 10:
                print(f"text {b['index']}: lemmas differ, e.g. {diffs[:3]}")
                shown += 1
    print(f"lemmas: {differing} of {tokens} tokens differ over {len(before)} texts")
    failed = differing > 0
    for name in rule_sets:
        same = 0
        for b, a in zip(before, after, strict=True):
            if b[name] == a[name]:
                same += 1
            elif shown < 20:
                print(f"text {b['index']} {name}: {_first_difference(b[name], a[name])}")
                shown += 1
        print(f"{name}: {same} of {len(before)} reports identical")
        failed = failed or same != len(before)
    return 1 if failed else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump")
    dumping.add_argument("out", type=Path)
    dumping.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    dumping.add_argument("--limit", type=int, default=None)
    dumping.add_argument("--rules", action="append", default=None)
    comparing = commands.add_parser("compare")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        if not args.texts.is_file():
            sys.exit(f"no texts at {args.texts} (give --texts FILE.jsonl)")
        dump(args.out, args.texts, args.limit, args.rules or ["uk-msa-s54", "au-msa-s16"])
    else:
        sys.exit(compare(args.before, args.after))


if __name__ == "__main__":
    main()
