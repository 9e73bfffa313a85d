"""Where the time of one check goes: ms per text of each stage, without a profiler.

    python benchmarks/stage_times.py [--texts FILE.jsonl] [--limit N] [--rules uk-msa-s54]
        [--rounds N]

Each text goes through the stages of `Checker.check_fetched` one by one (extract,
parse, rules, metadata, recognition, the rest of the report), each timed on its own
in CPU time of this process (`time.process_time`: on a shared machine, wall time
mostly measures the other processes); the figure printed per stage is its total over the texts
divided by their number, fastest of `--rounds` rounds (a shared machine slows a round
down, never speeds it up). cProfile says which functions cost most, but its overhead
per call inflates the stages made of many small calls; this says what each stage costs
in a plain run. Run it with PYTHONPATH pointing at another checkout's `src` to compare
two versions stage by stage.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from throughput import add_text_arguments, as_fetched, texts_named

import msa_check
from msa_check.analyse import analyse_document
from msa_check.assemble import build_report
from msa_check.checker import Checker, load_rule_sets
from msa_check.extract import extract_document
from msa_check.nlp import load_pipeline, parse_document

T = TypeVar("T")
STAGES = ("extract", "parse", "rules", "metadata", "recognition", "report")


def one_round(checker: Checker, texts: list[str]) -> dict[str, float]:
    """CPU seconds spent in each stage over all the texts."""
    spent = dict.fromkeys(STAGES, 0.0)

    def timed(stage: str, work: Callable[..., T], *args: Any) -> T:
        started = time.process_time()
        result = work(*args)
        spent[stage] += time.process_time() - started
        return result

    for index, text in enumerate(texts):
        fetched = as_fetched(text, index)
        document = timed("extract", extract_document, fetched)
        parsed = timed("parse", parse_document, document, checker.nlp)
        results = timed("rules", analyse_document, parsed, checker.matchers)
        metadata = timed("metadata", checker.metadata.find, parsed)
        recognition = timed("recognition", checker.recognise, parsed, results)
        timed("report", build_report, fetched, parsed, results, metadata, recognition)
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_text_arguments(parser)
    parser.add_argument("--rules", default="uk-msa-s54")
    args = parser.parse_args()
    texts = texts_named(args)
    checker = Checker(load_rule_sets([args.rules]), load_pipeline())
    one_round(checker, texts[:20])  # warm the caches (lemmas, lazily built parts)
    best = dict.fromkeys(STAGES, float("inf"))
    for _ in range(args.rounds):
        for stage, seconds in one_round(checker, texts).items():
            best[stage] = min(best[stage], seconds)
    print(f"msa_check from {Path(msa_check.__file__).parent}")
    print(f"{len(texts)} texts, rules {args.rules}, fastest of {args.rounds} rounds per stage")
    for stage in STAGES:
        print(f"{stage:<12} {1000 * best[stage] / len(texts):7.2f} ms per text")
    mine = best["rules"] + best["metadata"]
    print(f"{'rules+meta':<12} {1000 * mine / len(texts):7.2f} ms per text")
    print(f"{'all':<12} {1000 * sum(best.values()) / len(texts):7.2f} ms per text")


if __name__ == "__main__":
    main()
