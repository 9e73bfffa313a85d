"""Read expert-labelled statements in the AIMS JSON-lines format (see the corpus README).

One statement a line: {"id", "annotated_labels": [...], "sentences": [{"idx", "text",
"labels": [...]}, ...]}. A label not in `annotated_labels` was not annotated for that
statement and is never scored there.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from msa_check.errors import UsageError


@dataclass(frozen=True)
class LabelledSentence:
    idx: int
    text: str
    labels: frozenset[str]


@dataclass(frozen=True)
class LabelledStatement:
    id: str
    annotated_labels: frozenset[str]
    sentences: tuple[LabelledSentence, ...]
    jurisdiction: str | None = None


def read_labelled(path: Path) -> Iterator[LabelledStatement]:
    """Statements from a JSON-lines file; a malformed line is a UsageError naming it."""
    try:
        lines = path.open(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    with lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                yield _statement(json.loads(line) if _is_json(line) else None, path, number)


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except json.JSONDecodeError:
        return False
    return True


def _statement(data: object, path: Path, number: int) -> LabelledStatement:
    where = f"{path}:{number}"
    if not isinstance(data, dict) or not isinstance(data.get("sentences"), list):
        raise UsageError(
            f"{where}: not a labelled statement (expected id, annotated_labels, sentences)"
        )
    try:
        sentences = tuple(
            LabelledSentence(int(s["idx"]), str(s["text"]), frozenset(s.get("labels") or ()))
            for s in data["sentences"]
        )
        return LabelledStatement(
            id=str(data["id"]),
            annotated_labels=frozenset(data.get("annotated_labels") or ()),
            sentences=sentences,
            jurisdiction=data.get("jurisdiction"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise UsageError(f"{where}: malformed sentence or statement ({exc})") from exc
