"""CPU time per text of msa-check's parsing side, next to bare spaCy on the same texts.

    python benchmarks/parse_speed.py [--texts FILE.jsonl] [--limit N] [--rounds N]

The parsing side is what happens to a statement before any rule runs: extraction (sniff,
decode, blocks, normalising), parse_document (a Doc per block, sentences, lemmas,
Sentence objects) and the language guess. Each is timed on its own over the same texts
(parse_document and the language guess on Documents extracted beforehand), beside bare
`spacy.blank("en")` over the raw texts, in CPU time of this process, fastest of
`--rounds` interleaved rounds; compare the ratios, not the milliseconds, on a busy
machine. Run it with PYTHONPATH pointing at another checkout's `src` to compare versions.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import spacy
from throughput import add_text_arguments, as_fetched, texts_named

import msa_check
from msa_check.extract import extract_document
from msa_check.metadata.language import guess_language
from msa_check.nlp import load_pipeline, parse_document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_text_arguments(parser)
    args = parser.parse_args()
    texts = texts_named(args)
    blank, nlp = spacy.blank("en"), load_pipeline()
    fetched = [as_fetched(text, index) for index, text in enumerate(texts)]
    documents = [extract_document(source) for source in fetched]
    stages: dict[str, Callable[[], object]] = {
        "bare spaCy": lambda: [blank(text) for text in texts],
        "extract_document": lambda: [extract_document(source) for source in fetched],
        "parse_document": lambda: [parse_document(document, nlp) for document in documents],
        "guess_language": lambda: [guess_language(document.text) for document in documents],
    }
    fastest = dict.fromkeys(stages, float("inf"))
    for _ in range(args.rounds):
        for name, work in stages.items():
            started = time.process_time()
            work()
            fastest[name] = min(fastest[name], time.process_time() - started)
    print(f"msa_check from {Path(msa_check.__file__).parent}, {len(texts)} texts")
    floor = fastest["bare spaCy"]
    for name, seconds in fastest.items():
        per_text = seconds * 1000 / len(texts)
        print(f"{name:<18} {per_text:7.3f} ms/text CPU  {seconds / floor:5.2f}x bare")
    side = fastest["extract_document"] + fastest["parse_document"] + fastest["guess_language"]
    per_text = side * 1000 / len(texts)
    print(f"{'parsing side':<18} {per_text:7.3f} ms/text CPU  {side / floor:5.2f}x bare")


if __name__ == "__main__":
    main()
