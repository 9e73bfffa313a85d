"""How far our annotation agrees with the experts, on statements they labelled and we did blind.

    python benchmarks/annotation/agreement.py DIR [--corpus ../shared/corpus]
        [--predictions uk.jsonl --predictions ca.jsonl]

DIR/out/ID.json are the blind annotations (GUIDELINES.md) of expert-labelled statements
(prepare.py blind). Scored exactly as `msa-check evaluate` scores the engine: the expert
labels are the truth, ours the prediction, merged labels, F1 per label over all sentences of
the statements of each file, macro-F1 their mean; statement level too (a statement is
positive when any sentence is). Each `--predictions` file (`msa-check evaluate
--predictions-out`, made with a classifier trained on the other file) scores the engine on
the same statements, beside us.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from msa_check.classifier.corpus import read_labelled
from msa_check.evaluation.metrics import ScoredSentence, score

ROW = "  {:12} {:>9} {:>9} {:>9} {:>9}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--predictions", type=Path, action="append", default=[])
    args = parser.parse_args()
    ours = {
        path.stem: json.loads(path.read_text("utf-8"))
        for path in sorted((args.folder / "out").glob("*.json"))
    }
    engine: dict[tuple[str, int], frozenset[str]] = {}
    for path in args.predictions:
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            engine[(row["id"], row["idx"])] = frozenset(row["labels"])
    for name in ("aims_uk51.jsonl", "aims_ca50.jsonl"):
        statements = [s for s in read_labelled(args.corpus / name) if s.id in ours]
        if not statements:
            continue
        rows: dict[str, list[ScoredSentence]] = {"annotators": [], "engine": []}
        for st in statements:
            labels = {int(k): frozenset(v) for k, v in ours[st.id]["labels"].items()}
            for s in st.sentences:
                truth = s.labels & st.annotated_labels
                rows["annotators"].append(
                    ScoredSentence(
                        st.id, truth, labels.get(s.idx, frozenset()), st.annotated_labels
                    )
                )
                if (st.id, s.idx) in engine:
                    rows["engine"].append(
                        ScoredSentence(st.id, truth, engine[(st.id, s.idx)], st.annotated_labels)
                    )
        if rows["engine"] and len(rows["engine"]) != len(rows["annotators"]):
            # The engine must be scored on exactly the sentences we are, or not at all.
            raise SystemExit(f"{name}: --predictions lack some of these statements' sentences")
        sentences = sum(len(st.sentences) for st in statements)
        print(f"{name}: {len(statements)} statements, {sentences} sentences, annotated blind")
        print(ROW.format("label", "ours F1", "engine F1", "ours P", "ours R"))
        ours_scores = score(rows["annotators"])
        engine_scores = score(rows["engine"]) if rows["engine"] else None
        for label, counts in ours_scores.sentence.items():
            theirs = f"{engine_scores.sentence[label].f1:.3f}" if engine_scores else "-"
            print(
                ROW.format(
                    label,
                    f"{counts.f1:.3f}",
                    theirs,
                    f"{counts.precision:.3f}",
                    f"{counts.recall:.3f}",
                )
            )
        for level in ("sentence", "statement"):
            theirs = f"{engine_scores.macro_f1(level):.3f}" if engine_scores else "-"
            print(
                ROW.format(
                    f"macro {level[:4]}", f"{ours_scores.macro_f1(level):.3f}", theirs, "", ""
                )
            )


if __name__ == "__main__":
    main()
