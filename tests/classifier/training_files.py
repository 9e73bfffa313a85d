"""A labelled training file, in the corpus's format, for the `classifier train` tests."""

from __future__ import annotations

import json
from pathlib import Path


def write_training_file(
    path: Path, labels: list[str], statement: list[tuple[str, set[str]]], copies: int = 6
) -> Path:
    """`copies` lines of one statement annotating `labels`, each sentence with its labels."""
    record = {
        "id": "S",
        "annotated_labels": labels,
        "sentences": [
            {"idx": i, "text": text, "labels": sorted(sentence_labels)}
            for i, (text, sentence_labels) in enumerate(statement)
        ],
    }
    path.write_text((json.dumps(record) + "\n") * copies, encoding="utf-8")
    return path
