"""How fast msa-check analyses statements on one core, next to bare spaCy on the same texts.

    python benchmarks/throughput.py [--texts FILE.jsonl] [--limit N] [--rules uk-msa-s54]
        [--also-classifier FOLDER]

FILE.jsonl has one {"id", "text"} object a line; the default is the 981 real UK statement
texts of ../shared/corpus/uk_texts_unlabelled.jsonl. Each text goes through the same path
as `msa-check check` on a text file (sniff, extract, sentences, rules, report), minus the
fetch. The figures printed: statements/s and sentences/s for msa-check, the same for bare
spaCy (`spacy.blank("en")`, tokenizer only: the floor no spaCy-based tool can beat) and
for the default pipeline alone (sentencizer and lemmatizer, no rules), and peak memory.
`--also-classifier FOLDER` runs msa-check a second time with that classifier model in
place of the rules' own (e.g. an older model), side by side in the same run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import spacy

from msa_check.checker import Checker, load_rule_sets
from msa_check.models import FetchedSource, SourceKind
from msa_check.nlp import load_pipeline

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"
DEFAULT_TEXTS = CORPUS / "uk_texts_unlabelled.jsonl"


def read_texts(path: Path, limit: int | None) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            texts.append(json.loads(line)["text"])
            if limit and len(texts) >= limit:
                break
    return texts


def as_fetched(text: str, index: int) -> FetchedSource:
    content = text.encode("utf-8")
    return FetchedSource(
        location=f"text-{index}",
        kind=SourceKind.FILE,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        fetched_at="1970-01-01T00:00:00+00:00",
    )


def timed(label: str, count: int, work: Iterator[int], unit: str = "sentences") -> float:
    """Run `work` (which yields a count of `unit` per statement) and print the rates."""
    start = time.perf_counter()
    units = sum(work)
    seconds = time.perf_counter() - start
    rate = count / seconds
    print(f"{label:<32} {rate:7.1f} statements/s {units / seconds:9.0f} {unit}/s ({seconds:.2f} s)")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--rules", default="uk-msa-s54")
    parser.add_argument("--also-classifier", default=None)
    args = parser.parse_args()
    if not args.texts.is_file():
        sys.exit(f"no texts at {args.texts} (give --texts FILE.jsonl)")
    texts = read_texts(args.texts, args.limit)
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} statements, {words / len(texts):.0f} words on average, rules {args.rules}")

    blank = spacy.blank("en")
    pipeline = load_pipeline()
    checker = Checker(load_rule_sets([args.rules]), pipeline)

    def bare() -> Iterator[int]:
        for doc in blank.pipe(texts):
            yield len(doc)  # tokens: the blank pipeline splits no sentences

    def default_pipeline() -> Iterator[int]:
        for doc in pipeline.pipe(texts):
            yield sum(1 for _ in doc.sents)

    def msa_check(checker: Checker) -> Iterator[int]:
        for index, text in enumerate(texts):
            report = checker.check_fetched(as_fetched(text, index))
            yield report.document.sentence_count

    blank_rate = timed("spaCy blank('en'), tokens only", len(texts), bare(), unit="tokens")
    timed("default pipeline, no rules", len(texts), default_pipeline())
    rate = timed("msa-check (extract + rules)", len(texts), msa_check(checker))
    print(f"  bare spaCy / msa-check: {blank_rate / rate:.2f}x")
    if args.also_classifier:
        other = Checker(
            load_rule_sets([args.rules]), pipeline, classifier_model=args.also_classifier
        )
        other_rate = timed("msa-check, --also-classifier", len(texts), msa_check(other))
        print(f"  msa-check / msa-check with --also-classifier: {rate / other_rate:.2f}x")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of this process): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
