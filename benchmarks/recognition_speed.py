"""Speed of the wording signals of "is this a statement at all?" (src/msa_check/recognition.py).

    python benchmarks/recognition_speed.py [--texts FILE.jsonl] [--rounds 3]

Times, on the same texts in interleaved rounds (fastest round of each), the one pass that
`recognise_wording` uses (`scan_wording`) beside one search per pattern over the whole text
(`scan_each_pattern`, how the signals were found before), prints both and their ratio,
and counts the texts on which the two find the same matches and quotes.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from msa_check.recognition import scan_each_pattern, scan_wording

TEXTS = Path(__file__).parents[1].parent / "shared" / "corpus" / "uk_texts_unlabelled.jsonl"


def seconds(scan: Callable[[str], object], texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        scan(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=TEXTS)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with args.texts.open(encoding="utf-8") as lines:
        texts = [" ".join(json.loads(line)["text"].split()) for line in lines]
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
