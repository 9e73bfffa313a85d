"""How well "is this a statement at all?" (src/msa_check/recognition.py) tells them apart.

Runs the full check (extraction, rules, recognition) on:

- the 981 unlabelled UK statement texts of ../shared/corpus (real statements, noisy as
  extraction is: every flag there is a false alarm or a document that is not a statement
  after all; each is printed for a person to judge);
- the expert-labelled statements of ../shared/corpus (51 UK statements checked with
  `uk-msa-s54`, 50 Canadian S-211 reports with `ca-s211`), their sentences joined in
  order: every flag is a false alarm;
- the non-statements written for this benchmark (benchmarks/nonstatements/: `dev`, the
  24 the signals were designed on and a registry page, `held_out`, 21 written after the
  design was fixed and not tuned on, `held_out_model`, 6 written after the model
  signal's design was fixed, `held_out_genre`, 13 of the genres that mention slavery in
  passing (minutes, annual reports, ESG and careers pages, news, campaigns, guides,
  tenders), written before the genre signals, `held_out_after`, 8 written after those
  signals were fixed and measured once, and `held_out_registry`, 3 statement registry
  pages written after the registry signal was fixed (the fourth round's design pages
  since: its title, links and field names were designed on them), and
  `held_out_registry_fresh`, 4 government-registry pages written by someone who saw
  neither the code nor the design pages, measured once after the fourth round: every one
  not flagged is a miss;
- the statements written for this benchmark (benchmarks/statements/: `held_out_genre`, 8
  invented statements of several laws and shapes written with that set,
  `held_out_after`, 4 written with the last, `held_out_registry`, 2 that cite a
  registry or carry a summary's fields, and `review`, 2 group statements with every
  confirming kind of the registry signal, written after a review found such statements
  flagged): every one flagged is a false alarm.

    python benchmarks/recognition.py [--corpus ../shared/corpus] [--rules uk-msa-s54]
        [--no-corpus]

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
STATEMENTS = HERE / "statements"
CORPUS = HERE.parent.parent / "shared" / "corpus"
FETCHED_AT = "2026-01-01T00:00:00+00:00"
NONSTATEMENT_SETS = (
    "dev", "held_out", "held_out_model", "held_out_genre", "held_out_after", "held_out_registry",
    "held_out_registry_fresh",
)  # fmt: skip
STATEMENT_SETS = ("held_out_genre", "held_out_after", "held_out_registry", "review")


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
    parser.add_argument("--no-corpus", action="store_true", help="only the written sets")
    args = parser.parse_args()
    checker = Checker(load_rule_sets([args.rules]), load_pipeline("blank:en"))
    if not args.no_corpus:
        score_corpus(checker, args.corpus, args.rules)
        for name, rules in (("aims_uk51", "uk-msa-s54"), ("aims_ca50", "ca-s211")):
            labelled = Checker(load_rule_sets([rules]), checker.nlp)
            score_labelled(labelled, args.corpus / f"{name}.jsonl", f"{name} ({rules})")
    for part in NONSTATEMENT_SETS:
        score_written(checker, NONSTATEMENTS / part, part, statements=False)
    for part in STATEMENT_SETS:
        score_written(checker, STATEMENTS / part, f"statements {part}", statements=True)


def score_corpus(checker: Checker, corpus: Path, rules: str) -> None:
    print(f"Rule sets: {rules}\n\nReal statements flagged as not a statement:")
    statements = flagged = unread = wording_flagged = consulted = 0
    for text_id, text in corpus_texts(corpus):
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


def score_labelled(checker: Checker, path: Path, part: str) -> None:
    """The expert-labelled statements of `path`, each rebuilt from its sentences."""
    print(f"\nLabelled statements, {part}:")
    flagged = total = 0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            ordered = sorted(record["sentences"], key=lambda sentence: sentence["idx"])
            text = "\n".join(sentence["text"] for sentence in ordered)
            result = recognise(checker, record["id"], text.encode("utf-8"))
            total += 1
            if isinstance(result, str) or not result.is_statement:
                flagged += 1
                why = result if isinstance(result, str) else f"score {result.score}"
                print(
                    f"  {record['id']} {why} [{'' if isinstance(result, str) else counted(result)}]"
                )
    print(f"{part}: {flagged} of {total} flagged as not a statement")


def score_written(checker: Checker, folder: Path, part: str, statements: bool) -> None:
    """Each document of `folder`, a miss being a non-statement taken for a statement or
    (`statements`) a statement flagged as not one."""
    files = sorted(p for p in folder.iterdir() if p.is_file())
    wrong = []
    print(f"\n{'Statements' if statements else 'Non-statements'}, {part}:")
    for path in files:
        result = recognise(checker, path.name, path.read_bytes())
        if isinstance(result, str):
            print(f"  {path.name}: {result}")
            continue
        right = result.is_statement == statements
        mark = ("recognised" if statements else "flagged") if right else "WRONG   "
        mark += " (model consulted)" if consulted_model(result) else ""
        link = f" -> {result.statement_link}" if result.statement_link else ""
        print(f"  {mark} {path.name} score {result.score} [{counted(result)}]{link}")
        if not right:
            wrong.append(path.name)
    right_count = len(files) - len(wrong)
    verb = "recognised as statements" if statements else "flagged"
    print(f"{part}: {right_count} of {len(files)} {verb}; wrong: {', '.join(wrong) or 'none'}")


if __name__ == "__main__":
    main()
