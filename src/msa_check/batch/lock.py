"""One store, one run at a time: a lock file beside the store naming the run that holds it.

Two batches on one store (with different rules, say) would mix their rows, so a run takes
`<store>.lock` before it opens the store and removes it when it ends. The file says who
holds it (pid, host, start time), so the refusal can name the other run. A lock left by a
run that died (kill -9, a power cut) is stale: on the same host its pid is no longer
alive, and the next run takes it over. A lock from another host (a store on a shared
drive) cannot be tested and is honoured: the message says which file to delete.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from msa_check.batch.store import now
from msa_check.errors import SETTING, Setting, UsageError
from msa_check.json_file import read_json_object


class StoreBusyError(UsageError):
    """Another run holds the store's lock."""


def lock_path(store: Path) -> Path:
    return store.with_name(store.name + ".lock")


@contextmanager
def store_lock(store: Path) -> Iterator[Path]:
    """Hold the lock of `store` for the duration of the block; StoreBusyError if held."""
    path = lock_path(store)
    _take(path)
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


def is_held(store: Path) -> bool:
    """Whether a live run holds the lock of `store` (a stale lock is not held)."""
    holder = read_json_object(lock_path(store))
    return holder is not None and not _is_stale(holder)


def _take(path: Path) -> None:
    holder = {"pid": os.getpid(), "host": socket.gethostname(), "started": now()}
    # Two tries: the second after removing a stale lock.
    for _ in range(2):
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            other = read_json_object(path)  # None: unreadable, a writer died mid-write
            if other is not None and not _is_stale(other):
                raise StoreBusyError(
                    _busy_message(path, other), setting=Setting.OTHER_STORE
                ) from None
            path.unlink(missing_ok=True)
            continue
        except OSError as exc:
            raise UsageError(f"cannot create the lock {path}: {exc.strerror or exc}") from exc
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            json.dump(holder, stream)
        return
    raise StoreBusyError(f"another run keeps taking the lock {path}: try again")


def _is_stale(holder: dict[str, object]) -> bool:
    pid = holder.get("pid")
    if holder.get("host") != socket.gethostname() or not isinstance(pid, int):
        return False  # another machine's process cannot be seen from here
    try:
        os.kill(pid, 0)  # signal 0 tests that the process exists, sending nothing
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, owned by another user
    return False


def _busy_message(path: Path, holder: dict[str, object]) -> str:
    return (
        f"{path.with_name(path.name.removesuffix('.lock'))} is in use by another "
        f"batch run (pid {holder.get('pid')} on {holder.get('host')}, started "
        f"{holder.get('started')}): wait for it to finish, or use {SETTING}; if that "
        f"run is gone, delete {path}"
    )
