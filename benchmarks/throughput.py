"""How fast msa-check analyses statements on one core, next to bare spaCy on the same texts.

    python benchmarks/throughput.py [--texts FILE.jsonl] [--limit N] [--rules uk-msa-s54]
        [--rounds N] [--also-classifier FOLDER]

FILE.jsonl has one {"id", "text"} object a line; the default is the 981 real UK statement
texts of ../shared/corpus/uk_texts_unlabelled.jsonl. Each text goes through the same path
as `msa-check check` on a text file (sniff, extract, sentences, rules, metadata, report),
minus the fetch. The figures printed: statements/s and sentences/s for msa-check, the same
for bare spaCy (`spacy.blank("en")`, tokenizer only: the floor no spaCy-based tool can
beat; and the same with msa-check's larger tokenizer cache, to show that setting is not
what the ratio measures) and for the default pipeline alone (sentencizer and lemmas, no
rules), each with its time as a multiple of bare spaCy's, and peak memory.

The machine this runs on is often shared, so each stage runs `--rounds` times, the
rounds interleaved (bare, pipeline, msa-check, bare, ...), and the fastest round of each
is reported, in wall time and in CPU time of this process: other processes slow a round
down, never speed it up, and the ratios between stages are what to compare.
`--also-classifier FOLDER` runs msa-check once more with that classifier model in place
of the rules' own (e.g. an older model), side by side in the same run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import spacy

from msa_check.checker import Checker, load_rule_sets
from msa_check.models import FetchedSource, SourceKind
from msa_check.nlp import TOKENIZER_CACHE_CHUNKS, load_pipeline

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"
DEFAULT_TEXTS = CORPUS / "uk_texts_unlabelled.jsonl"


def add_text_arguments(parser: argparse.ArgumentParser) -> None:
    """`--texts`, `--limit` and `--rounds`, as each speed benchmark over the texts takes them."""
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=3)


def texts_named(args: argparse.Namespace) -> list[str]:
    """The texts `add_text_arguments`' options name; exits with a message if there are none."""
    if not args.texts.is_file():
        sys.exit(f"no texts at {args.texts} (give --texts FILE.jsonl)")
    return read_texts(args.texts, args.limit)


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


@dataclass
class Stage:
    """One thing timed: its fastest round, in wall and CPU seconds, and what it counted."""

    label: str
    work: Callable[[], Iterator[int]]  # yields a count of `unit` per statement
    unit: str = "sentences"
    wall: float = float("inf")
    cpu: float = float("inf")
    units: int = 0

    def run(self) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        self.units = sum(self.work())
        self.wall = min(self.wall, time.perf_counter() - wall)
        self.cpu = min(self.cpu, time.process_time() - cpu)

    def print(self, count: int, floor: Stage | None) -> None:
        rate = count / self.wall
        line = (
            f"{self.label:<32} {rate:7.1f} statements/s {self.units / self.wall:9.0f} "
            f"{self.unit}/s ({self.wall:.2f} s, CPU {self.cpu:.2f} s)"
        )
        if floor is not None:
            line += f"  {self.wall / floor.wall:.2f}x bare (CPU {self.cpu / floor.cpu:.2f}x)"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_text_arguments(parser)
    parser.add_argument("--rules", default="uk-msa-s54")
    parser.add_argument("--also-classifier", default=None)
    args = parser.parse_args()
    texts = texts_named(args)
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} statements, {words / len(texts):.0f} words on average, rules {args.rules}")

    blank = spacy.blank("en")
    pipeline = load_pipeline()
    # msa-check's pipeline remembers the splits of more distinct chunks than spaCy's
    # default (nlp.py, TOKENIZER_CACHE_CHUNKS); the same setting on bare spaCy shows
    # what of the difference is that setting (nothing, on whole texts: spaCy caches no
    # chunk of a text after the first special case in it, "e.g." or "don't").
    blank_cached = spacy.blank("en")
    blank_cached.tokenizer.max_cache_size = TOKENIZER_CACHE_CHUNKS
    checker = Checker(load_rule_sets([args.rules]), pipeline)

    def bare(nlp: spacy.language.Language = blank) -> Iterator[int]:
        for doc in nlp.pipe(texts):
            yield len(doc)  # tokens: the blank pipeline splits no sentences

    def default_pipeline() -> Iterator[int]:
        for doc in pipeline.pipe(texts):
            yield sum(1 for _ in doc.sents)

    def msa_check(checker: Checker) -> Iterator[int]:
        for index, text in enumerate(texts):
            report = checker.check_fetched(as_fetched(text, index))
            yield report.document.sentence_count

    stages = [
        Stage("spaCy blank('en'), tokens only", bare, unit="tokens"),
        Stage("  the same, cache as msa-check's", lambda: bare(blank_cached), unit="tokens"),
        Stage("default pipeline, no rules", default_pipeline),
        Stage("msa-check (extract + rules)", lambda: msa_check(checker)),
    ]
    if args.also_classifier:
        other = Checker(
            load_rule_sets([args.rules]), pipeline, classifier_model=args.also_classifier
        )
        stages.append(Stage("msa-check, --also-classifier", lambda: msa_check(other)))
    for _ in range(args.rounds):
        for stage in stages:
            stage.run()
    floor = stages[0]
    for stage in stages:
        stage.print(len(texts), None if stage is floor else floor)
    if args.also_classifier:
        ratio = stages[4].wall / stages[3].wall
        print(f"  msa-check with --also-classifier takes {ratio:.2f}x msa-check's time")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of this process): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
