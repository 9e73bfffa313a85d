"""A JSON object kept in a file that another process may be writing or may have left half
written: a batch's lock (batch/lock.py), the web app's records (serve/records.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read_json_object(path: Path) -> dict[str, Any] | None:
    """The JSON object in the file at `path`; None when there is no file, it cannot be read
    or parsed (a writer died mid-write), or what it holds is not an object."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None
