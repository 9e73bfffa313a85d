"""How the rules' statement verdicts agree with our own statement-level labels.

    python benchmarks/annotation/rules_on_own.py [--labels uk_own_labels.jsonl]
        [--corpus ../shared/corpus] [--show N] [--only BATCH_FILE ...]

`--only` takes prepare.py's batch lists (`batch_K.txt`, rebuilt by `prepare.py unlabelled
--out DIR --batches 24 --per-batch 40`; annotator pK labelled batch K): the rule fixes of
benchmarks/ACCURACY.md were read from batches 1-14 and measured on 15-20.

Each statement of our annotation (build.py collect; not those marked not a statement) is
checked whole, as `msa-check check` checks a text file, with `uk-msa-s54` and `au-msa-s16`.
A criterion counts as found when its verdict is `met`; our label as present when any
sentence of the statement carries it (the experts' statement level). Compared:

- uk-msa-s54 `approval`, `signature`, `training` with our `approval`, `signature`,
  `ms_training` (s54(5)(f) training about slavery and trafficking, as given): the three
  statement-level criteria analysts label on UK statements;
- au-msa-s16 `c1_reporting_entity` and `c6_consultation` with ours (the expert files
  annotate neither).

Our `signature` marks any signature block, a director's or not; s54(6) asks for a
director's. So `signature` is also compared, as `signature (director)`, with
`signatory_roles.json`: for each statement with signature sentences, whether the signatory
shown is a director or the equivalent (a second pass over those sentences, by the same
kind of annotator; the definition is in benchmarks/annotation/README.md). Statements
whose signatory's role cannot be read there ("unclear") are left out of that row.

Also says how many of the texts we marked "not a statement" the check's recognition flags
(with `uk-msa-s54`), and how many of the statements. Prints per criterion the counts,
precision, recall and balanced accuracy, and, with `--show`, up to N statements of each
kind of disagreement with the sentences behind it.
These are our labels, not experts': read them beside agreement.py's figures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from msa_check.checker import Checker, load_rule_sets
from msa_check.errors import MsaCheckError
from msa_check.extract import extract_document
from msa_check.models import FetchedSource, SourceKind, Verdict
from msa_check.nlp import load_pipeline, parse_document

sys.path.insert(0, str(Path(__file__).parent))
from build import DEFAULT_LABELS
from prepare import texts_by_key

ROLES = Path(__file__).parent / "signatory_roles.json"

PAIRS = (
    ("uk-msa-s54", "approval", "approval"),
    ("uk-msa-s54", "signature", "signature"),
    ("uk-msa-s54", "training", "ms_training"),
    ("au-msa-s16", "c1_reporting_entity", "c1_reporting_entity"),
    ("au-msa-s16", "c6_consultation", "c6_consultation"),
)
# A fixed fetch time, as benchmarks/recognition.py uses: two runs' reports differ only in
# what was checked.
FETCHED_AT = "2026-01-01T00:00:00+00:00"
DIRECTOR = "signature (director)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--show", type=int, default=0)
    # Batch lists (prepare.py's batch_K.txt): measure on those statements alone, as when
    # rules are fixed on some batches and measured on others.
    parser.add_argument("--only", type=Path, nargs="*", default=[])
    args = parser.parse_args()
    only = {key for path in args.only for key in path.read_text().split()}
    texts = texts_by_key(args.corpus)
    checker = Checker(load_rule_sets(["uk-msa-s54", "au-msa-s16"]), load_pipeline())
    recognition_checker = Checker(load_rule_sets(["uk-msa-s54"]), checker.nlp)
    outcomes: dict[str, list[tuple[str, bool, str, list[str]]]] = {c: [] for _, c, _ in PAIRS}
    roles = json.loads(ROLES.read_text("utf-8"))
    outcomes[DIRECTOR] = []
    # Whether the check took each text for a statement, by whether we marked it not one.
    recognised: dict[bool, list[bool]] = {False: [], True: []}
    for line in args.labels.open(encoding="utf-8"):
        row = json.loads(line)
        if only and row["id"] not in only:
            continue
        content = texts[row["id"]].encode("utf-8")
        source = FetchedSource(
            row["id"], SourceKind.FILE, content, hashlib.sha256(content).hexdigest(), FETCHED_AT
        )
        # Read and parsed once; both checkers judge the same parsed document.
        try:
            parsed = parse_document(extract_document(source), checker.nlp)
        except MsaCheckError:
            parsed = None  # not even read as a document
        # Recognition as `msa-check check` judges by default: with uk-msa-s54 alone.
        recognition = (
            None if parsed is None else recognition_checker.check_parsed(source, parsed).recognition
        )
        read_as_statement = recognition is not None and recognition.is_statement
        recognised[row["not_a_statement"]].append(read_as_statement)
        if row["not_a_statement"] or parsed is None:
            continue
        report = checker.check_parsed(source, parsed)
        # The text is read as a text file is, as segment.py reads it: the same sentences
        # our labels' offsets and indices are into.
        sentences = parsed.document.sentences
        verdicts = {
            (result.rule_set.id, criterion.id): criterion
            for result in report.results
            for criterion in result.criteria
        }
        for rule_set, criterion, label in PAIRS:
            ours = [s for s in row["sentences"] if label in s["labels"]]
            found = verdicts[(rule_set, criterion)]
            # A disagreement shows our sentences, or where there are none the rule's own.
            shown = [sentences[s["idx"]].text[:160] for s in ours[:3]] or [
                f"{e.text[:160]} <- {'; '.join(e.matched)[:80]}" for e in found.evidence[:2]
            ]
            outcomes[criterion].append((row["id"], bool(ours), found.verdict.value, shown))
            if criterion == "signature" and roles.get(row["id"]) != "unclear":
                director = roles.get(row["id"]) == "director"
                outcomes[DIRECTOR].append((row["id"], director, found.verdict.value, shown))
    print(f"{len(outcomes['approval'])} statements of our annotation, checked whole")
    print(
        f"  recognition: {recognised[True].count(False)} of {len(recognised[True])} texts we"
        f" marked not a statement flagged as not one; {recognised[False].count(False)} of"
        f" {len(recognised[False])} statements flagged"
    )
    print(
        f"  {'criterion':22} {'ours+':>6} {'met':>5} {'both':>5} {'P':>6} {'R':>6} {'bal.acc':>8}"
    )
    for criterion in [c for _, c, _ in PAIRS[:2]] + [DIRECTOR] + [c for _, c, _ in PAIRS[2:]]:
        rows = outcomes[criterion]
        tp = sum(ours and v == Verdict.MET.value for _, ours, v, _ in rows)
        fp = sum(not ours and v == Verdict.MET.value for _, ours, v, _ in rows)
        fn = sum(ours and v != Verdict.MET.value for _, ours, v, _ in rows)
        tn = len(rows) - tp - fp - fn
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        specificity = tn / (tn + fp) if tn + fp else 0.0
        print(
            f"  {criterion:22} {tp + fn:6} {tp + fp:5} {tp:5} {precision:6.3f} {recall:6.3f}"
            f" {(recall + specificity) / 2:8.3f}"
        )
    for criterion in [c for _, c, _ in PAIRS[:3]] + [DIRECTOR] if args.show else []:
        for kind, wanted in (("ours, not met", True), ("met, not ours", False)):
            picked = [
                r for r in outcomes[criterion] if r[1] == wanted and (r[2] == "met") != wanted
            ]
            print(f"\n{criterion}: {kind} ({len(picked)})")
            for statement, _, verdict, shown in picked[: args.show]:
                print(f"  {statement} [{verdict}] {' | '.join(shown)}")


if __name__ == "__main__":
    main()
