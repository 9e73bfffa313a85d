"""How well "is this a statement at all?" (src/msa_check/recognition.py) tells them apart.

Runs the full check (extraction, rules, recognition) on:

- the 981 unlabelled UK statement texts of ../shared/corpus (real statements, noisy as
  extraction is: every flag there is a false alarm or a document that is not a statement
  after all; each is printed for a person to judge);
- the non-statements written for this benchmark (benchmarks/nonstatements/: `dev`, the
  24 the signals were designed on, `held_out`, 21 written after the design was fixed
  and not tuned on, and `held_out_model`, 6 written after the model signal's design was
  fixed): every one not flagged is a miss.

    python benchmarks/recognition.py [--corpus ../shared/corpus] [--rules uk-msa-s54]

Prints each flagged corpus text and each miss with its score and the signals that
counted, then the counts, and how often the model signal was consulted. Figures are in
benchmarks/ACCURACY.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from msa_check.checker import Checker, load_rule_sets
from msa_check.errors import MsaCheckError
from msa_check.models import FetchedSource, Recognition, SourceKind
from msa_check.nlp import load_pipeline
from msa_check.recognition import recognise_wording

HERE = Path(__file__).parent
NONSTATEMENTS = HERE / "nonstatements"
CORPUS = HERE.parent.parent / "shared" / "corpus"
FETCHED_AT = "2026-01-01T00:00:00+00:00"


def recognise(checker: Checker, name: str, content: bytes) -> Recognition | str:
    """The check's Recognition, or the error that stopped the document being read."""
    source = FetchedSource(
        name, SourceKind.FILE, content, hashlib.sha256(content).hexdigest(), FETCHED_AT
    )
    try:
        report = checker.check_fetched(source)
    except MsaCheckError as error:
        return f"not read: {error.message}"
    assert report.recognition is not None
    return report.recognition


def counted(recognition: Recognition) -> str:
    return ", ".join(f"{s.id} {s.points:+d}" for s in recognition.signals if s.points)


def consulted_model(recognition: Recognition) -> bool:
    return any(s.id == "model" and not s.found.startswith("not") for s in recognition.signals)


def corpus_texts(folder: Path) -> Iterator[tuple[str, str]]:
    with (folder / "uk_texts_unlabelled.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            yield record["id"], record["text"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--rules", default="uk-msa-s54")
    args = parser.parse_args()
    checker = Checker(load_rule_sets([args.rules]), load_pipeline("blank:en"))

    print(f"Rule sets: {args.rules}\n\nReal statements flagged as not a statement:")
    statements = flagged = unread = wording_flagged = consulted = 0
    for text_id, text in corpus_texts(args.corpus):
        result = recognise(checker, text_id, text.encode("utf-8"))
        if isinstance(result, str):
            unread += 1
            continue
        statements += 1
        consulted += consulted_model(result)
        wording_flagged += not recognise_wording(text).is_statement
        if not result.is_statement:
            flagged += 1
            opening = " ".join(text.split())[:90]
            print(f"  {text_id} score {result.score} [{counted(result)}] {opening!r}")
    print(
        f"Corpus: {flagged} of {statements} texts flagged ({flagged / statements:.1%});"
        f" {unread} could not be read at all; on the wording alone (no coverage point, as"
        f" discovery judges a page) {wording_flagged} ({wording_flagged / statements:.1%});"
        f" the model signal was consulted on {consulted}"
    )
    for part in ("dev", "held_out", "held_out_model"):
        files = sorted(p for p in (NONSTATEMENTS / part).iterdir() if p.is_file())
        misses = []
        print(f"\nNon-statements, {part}:")
        for path in files:
            result = recognise(checker, path.name, path.read_bytes())
            if isinstance(result, str):
                print(f"  {path.name}: {result}")
                continue
            mark = "flagged" if not result.is_statement else "MISSED "
            mark += " (model consulted)" if consulted_model(result) else ""
            print(f"  {mark} {path.name} score {result.score} [{counted(result)}]")
            if result.is_statement:
                misses.append(path.name)
        caught = len(files) - len(misses)
        print(f"{part}: {caught} of {len(files)} flagged; missed: {', '.join(misses) or 'none'}")


if __name__ == "__main__":
    main()
