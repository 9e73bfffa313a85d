"""How well msa-check finds who approved and who signed a statement, against expert labels.

    python benchmarks/metadata_accuracy.py [FILE.jsonl ...] [--model blank:en] [--show-misses]

Each FILE is in the AIMS JSON-lines format (../shared/corpus/README.md); the default is
the AIMS.uk and AIMS.ca files of the shared corpus. A statement "has" an approval (or a
signature) when the experts labelled any of its sentences `approval` (or `signature`);
msa-check "finds" one when its metadata names an approving body (or at least one
signatory). Precision, recall and F1 are counted over statements, per file and overall.
The sentences are fed to msa-check as the blocks of a document, in order, as extraction
would give them. Then the bundled samples are checked against what they state.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from msa_check.classifier.corpus import LabelledStatement, read_labelled
from msa_check.defaults import DEFAULT_MODEL
from msa_check.evaluation.metrics import Counts
from msa_check.extract import extract_document
from msa_check.extract.assemble import DraftBlock, assemble_document
from msa_check.fetch.local import read_file
from msa_check.metadata.finder import MetadataFinder
from msa_check.models import BlockKind, ContentKind, StatementMetadata
from msa_check.nlp import load_pipeline, parse_document

ROOT = Path(__file__).parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_FILES = (CORPUS / "aims_uk51.jsonl", CORPUS / "aims_ca50.jsonl")
SAMPLES = ROOT / "samples"
# What each sample states: period start and end, approving body and date, signatory.
EXPECTED_SAMPLES = {
    "northwind-components-2025.pdf": (
        "2024-04-01", "2025-03-31", "Board of Directors", "2025-06-12",
        "Rosalind Quarrington", "Chief Executive Officer and Director",
    ),
    "northwind-components-2024.txt": (
        "2023-04-01", "2024-03-31", "Executive Committee", "2024-09-26",
        "Imogen Tallis", "Company Secretary",
    ),
    "harbour-logistics-no-steps.txt": (
        "2024-01-01", "2024-12-31", "board of directors", "2025-03-20",
        "Tobias Wrenfield-Marsh", "Director",
    ),
}  # fmt: skip
MAX_BYTES = 10_000_000  # the samples are small
# Row -> expert label: "board" counts an approval only when the body found is the board,
# which is what the experts' `approval` label means (an executive's approval is not one).
LABELS = {"approval": "approval", "board": "approval", "signature": "signature"}


def _line(label: str, counts: Counts) -> str:
    return (
        f"  {label:<10}{counts.precision:>10.3f}{counts.recall:>9.3f}{counts.f1:>8.3f}"
        f"{counts.support:>9}{counts.tp:>6}{counts.fp:>6}{counts.fn:>6}"
    )


def metadata_of(
    statement: LabelledStatement, finder: MetadataFinder, model: str
) -> StatementMetadata:
    drafts = [DraftBlock(s.text, BlockKind.PARAGRAPH) for s in statement.sentences]
    document = assemble_document(ContentKind.TEXT, drafts)
    return finder.find(parse_document(document, load_pipeline(model)))


def score(paths: Iterable[Path], model: str, show_misses: bool) -> None:
    finder = MetadataFinder(load_pipeline(model))
    overall = {label: Counts() for label in LABELS}
    for path in paths:
        counts = {label: Counts() for label in LABELS}
        statements = list(read_labelled(path))
        for statement in statements:
            labels = {label for s in statement.sentences for label in s.labels}
            metadata = metadata_of(statement, finder, model)
            found = {
                "approval": metadata.approval is not None,
                "board": metadata.approval is not None and metadata.approval.by_board,
                "signature": bool(metadata.signatories),
            }
            for label, counter in counts.items():
                expected = LABELS[label] in labels
                counter.add(expected, found[label])
                overall[label].add(expected, found[label])
                if show_misses and expected != found[label]:
                    kind = "missed" if expected else "false"
                    print(f"    {kind} {label}: {statement.id} {_found_words(metadata, label)}")
        print(f"{path.name}: {len(statements)} statements")
        _table(counts)
    print("overall")
    _table(overall)


def _found_words(metadata: StatementMetadata, label: str) -> str:
    if label in ("approval", "board") and metadata.approval is not None:
        return f"{metadata.approval.body!r}: {metadata.approval.evidence.text[:120]!r}"
    if label == "signature" and metadata.signatories:
        first = metadata.signatories[0]
        return f"{first.name!r} {first.role!r}: {first.evidence.text[:120]!r}"
    return ""


def _table(counts: dict[str, Counts]) -> None:
    head = f"{'precision':>10}{'recall':>9}{'F1':>8}{'support':>9}{'TP':>6}{'FP':>6}{'FN':>6}"
    print(f"  {'label':<10}{head}")
    for label, counter in counts.items():
        print(_line(label, counter))


def check_samples(model: str) -> int:
    """Print each sample's metadata beside what it states; the number that differ."""
    finder = MetadataFinder(load_pipeline(model))
    wrong = 0
    print("samples: period start, end, approving body, approval date, signatory name, role")
    for name, expected in EXPECTED_SAMPLES.items():
        path = SAMPLES / name
        if not path.exists():
            print(f"  {name}: missing (run samples/make_samples.py)")
            continue
        document = extract_document(read_file(str(path), MAX_BYTES))
        metadata = finder.find(parse_document(document, load_pipeline(model)))
        found = _sample_fields(metadata)
        same = sum(a == b for a, b in zip(found, expected, strict=True))
        wrong += same != len(expected)
        print(f"  {name}: {same}/{len(expected)} fields right: {found}")
    return wrong


def _sample_fields(metadata: StatementMetadata) -> tuple[str | None, ...]:
    period, approval = metadata.period, metadata.approval
    signatory = metadata.signatories[0] if metadata.signatories else None
    return (
        period.start.isoformat() if period and period.start else None,
        period.end.isoformat() if period and period.end else None,
        approval.body if approval else None,
        approval.date.iso if approval and approval.date else None,
        signatory.name if signatory else None,
        signatory.role if signatory else None,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, default=list(DEFAULT_FILES))
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args(argv)
    missing = [p for p in args.files if not p.exists()]
    if missing:
        print(f"not found: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    score(args.files, args.model, args.show_misses)
    return 1 if check_samples(args.model) else 0


if __name__ == "__main__":
    sys.exit(main())
