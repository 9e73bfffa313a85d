"""Where a classifier model named in a rule or on the command line is: a folder, or bundled.

Apart from model.py, which loads models with spaCy and numpy, so that a process that only
checks the rules name models that exist (a batch's command) does not import them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from msa_check.errors import ModelError

TRAINED_DIR = Path(__file__).resolve().parent.parent / "trained"
# Beside every trained model: which data files (with their sha256) it was fitted on.
TRAINING_RECORD = "msa-check-training.json"


def resolve_classifier(name_or_path: str) -> Path:
    path = Path(name_or_path)
    if path.is_dir():
        return path
    bundled = TRAINED_DIR / name_or_path
    if bundled.is_dir():
        return bundled
    known = ", ".join(sorted(p.name for p in TRAINED_DIR.glob("*") if p.is_dir())) or "none"
    raise ModelError(f"no classifier model {name_or_path!r} (bundled: {known}; or give a folder)")


def file_record(path: Path) -> dict[str, str]:
    """A data file as the training record names it: its name and the sha256 of its bytes
    (read back by `evaluate`, to say when it scores a model on its own training data)."""
    return {"file": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
