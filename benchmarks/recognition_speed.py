"""Speed of the wording signals of "is this a statement at all?" (src/msa_check/recognition.py).

    python benchmarks/recognition_speed.py [--texts FILE.jsonl] [--rounds 3]
        [--against OTHER/src]

Times, on the same texts in interleaved rounds (fastest round of each), the one pass that
`recognise_wording` uses (`scan_wording`) beside one search per pattern over the whole text
(`scan_each_pattern`, how the signals were found before), prints both and their ratio,
and counts the texts on which the two find the same matches and quotes.

With `--against`, it times instead this checkout's one pass beside another checkout's
(e.g. a `git archive` of main), each with its own checkout's patterns: text by text, the
two alternately, the fastest of `--rounds` runs of each on each text (a busy machine
slows a run down, never speeds it up), and counts the texts on which the two find the
same, pattern by pattern in their order (fewer than all when a pattern was changed).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from msa_check.recognition import scan_each_pattern, scan_wording

TEXTS = Path(__file__).parents[1].parent / "shared" / "corpus" / "uk_texts_unlabelled.jsonl"


def seconds(scan: Callable[[str], object], texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        scan(text)
    return time.perf_counter() - start


def fastest(scan: Callable[[str], object], text: str, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        scan(text)
        best = min(best, time.perf_counter() - start)
    return best


def against(other_src: Path, texts: list[str], rounds: int) -> None:
    """This checkout's scan_wording beside the one in `other_src`, text by text, each with
    its own checkout's patterns."""
    path = other_src / "msa_check" / "recognition_wording.py"
    other = _other_wording(other_src)
    same = sum(list(scan_wording(text).values()) == list(other.scan_wording(text).values())
               for text in texts)  # fmt: skip
    theirs = ours = 0.0
    for text in texts:
        theirs += fastest(other.scan_wording, text, rounds)
        ours += fastest(scan_wording, text, rounds)
    print(f"{len(texts)} texts; per text the fastest of {rounds} runs of each, alternately")
    print(f"{path}: {1000 * theirs / len(texts):.3f} ms/text")
    print(f"this checkout: {1000 * ours / len(texts):.3f} ms/text ({ours / theirs:.2f}x)")
    print(f"identical matches and quotes on {same} of {len(texts)} texts")


def _other_wording(other_src: Path) -> ModuleType:
    """`other_src`'s recognition_wording, reading `other_src`'s own patterns: its import
    of msa_check.recognition_patterns is answered, while it loads, by that checkout's."""
    modules = {}
    for name in ("recognition_patterns", "recognition_wording"):
        path = other_src / "msa_check" / f"{name}.py"
        spec = importlib.util.spec_from_file_location(f"other_{name}", path)
        assert spec is not None and spec.loader is not None, path
        modules[name] = importlib.util.module_from_spec(spec)
        ours = sys.modules["msa_check.recognition_patterns"]
        sys.modules["msa_check.recognition_patterns"] = modules["recognition_patterns"]
        try:
            spec.loader.exec_module(modules[name])
        finally:
            sys.modules["msa_check.recognition_patterns"] = ours
    return modules["recognition_wording"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=TEXTS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--against", type=Path, default=None, help="another checkout's src")
    args = parser.parse_args()
    with args.texts.open(encoding="utf-8") as lines:
        texts = [" ".join(json.loads(line)["text"].split()) for line in lines]
    if args.against is not None:
        against(args.against, texts, args.rounds)
        return
    same = sum(scan_wording(text) == scan_each_pattern(text) for text in texts)
    rounds = [(seconds(scan_each_pattern, texts), seconds(scan_wording, texts))]
    rounds += [
        (seconds(scan_each_pattern, texts), seconds(scan_wording, texts))
        for _ in range(args.rounds - 1)
    ]
    each, one_pass = min(r[0] for r in rounds), min(r[1] for r in rounds)
    print(f"{len(texts)} texts, {sum(map(len, texts)):,} characters; fastest of {args.rounds}")
    print(f"one search per pattern: {each:.3f} s ({1000 * each / len(texts):.2f} ms/text)")
    print(f"one pass (scan_wording): {one_pass:.3f} s ({1000 * one_pass / len(texts):.2f} ms/text)")
    print(
        f"ratio: {each / one_pass:.1f}x faster; identical matches on {same} of {len(texts)} texts"
    )


if __name__ == "__main__":
    main()
