"""The files a check or a batch keeps under the store folder, and the ids that name them.

An id is the UTC time it was made and a random suffix (`20261206-204501-3f9a1c`), so a
folder listing sorts oldest first and nothing the client sent ever becomes a file name.
JSON records are written to a temporary file and renamed, so a reader (or a server
killed mid-write) never sees half of one.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

ID_PATTERN = re.compile(r"^\d{8}-\d{6}-[0-9a-f]{6}$")
_SHOWN_NAME_LENGTH = 120


def new_id() -> str:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    return f"{stamp}-{secrets.token_hex(3)}"


def is_id(text: str) -> bool:
    return bool(ID_PATTERN.match(text))


def now_text() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def write_record(path: Path, record: dict[str, Any]) -> None:
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    temporary.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(temporary, path)


def shown_name(client_name: str | None, fallback: str) -> str:
    """The file name a browser sent, for display only: no folders, no control characters."""
    name = (client_name or "").replace("\\", "/")
    name = PurePosixPath(PureWindowsPath(name).name).name
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[:_SHOWN_NAME_LENGTH] or fallback
