"""Supplier lists for the web page: each runs as `msa-check batch` in a process of its own.

A list is a folder `batches/<id>/` holding `request.json`, the uploaded list (as
`suppliers.csv` or `suppliers.txt`), the SQLite store `msa-check batch` writes
(`results.msa-check.sqlite`, the same resumable store as on the command line), the
command's output (`batch.log`) and, once it has ended, `exit.json`. Progress is read
from the store itself, so every page (and a server started again) sees the same run.

A process of its own, not a thread: it has its own pool of analysis processes, a
crash in it cannot take the server down, and a server stopped by Ctrl-C sends it the
same interrupt, which keeps every finished result. A run that did not finish is
started again when the server starts; `msa-check batch` skips what the store has.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from msa_check.batch.inputs import open_input
from msa_check.batch.lock import is_held
from msa_check.errors import ExitCode, MsaCheckError, Setting, UsageError
from msa_check.json_file import read_json_object
from msa_check.serve.batch_progress import (
    BatchProgress,
    StoreState,
    batch_progress,
    read_store_state,
)
from msa_check.serve.outcomes import (
    SupplierListAddressError,
    SupplierListError,
    failure_record,
)
from msa_check.serve.records import is_id, new_id, now_text, write_record
from msa_check.serve.settings import ServeSettings, batches_folder

STORE_NAME = "results.msa-check.sqlite"
LOG_NAME = "batch.log"
_STOP_WAIT_SECONDS = 20.0
_MEGABYTE = 1024 * 1024


class BatchState(str, Enum):
    RUNNING = "running"
    FINISHED = "finished"
    STOPPED = "stopped"  # ended before the last item (interrupted, killed): resumable
    FAILED = "failed"  # `msa-check batch` exited with an error: the log says why


@dataclass(frozen=True)
class BatchView:
    id: str
    request: dict[str, Any]
    state: BatchState
    progress: BatchProgress
    failure: dict[str, Any] | None = None
    store_problem: str | None = None  # why the store cannot be read, naming the file


class BatchJobs:
    """The supplier lists under one store folder and their `msa-check batch` processes."""

    def __init__(
        self, store: Path, settings: ServeSettings, setting_names: Mapping[Setting, str]
    ) -> None:
        self.folder = batches_folder(store)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.settings = settings
        self.setting_names = setting_names
        self._processes: dict[str, subprocess.Popen[bytes]] = {}
        self._lock = threading.Lock()

    def new(self, upload: Path, shown_name: str, rules: list[str]) -> str:
        """Check the saved list `upload` (in a fresh folder made by `folder_for_new`)."""
        batch_id = upload.parent.name
        total = self._validate(upload, shown_name)
        request = {
            "id": batch_id,
            "created": now_text(),
            "shown_name": shown_name,
            "input": upload.name,
            "rules": rules,
            "total": total,
        }
        write_record(upload.parent / "request.json", request)
        return batch_id

    def folder_for_new(self) -> Path:
        folder = self.folder / new_id()
        folder.mkdir(parents=True)
        return folder

    def _validate(self, upload: Path, shown_name: str) -> int:
        try:
            batch_input = open_input(upload)
            items = list(batch_input.items())
        except UsageError as error:
            raise SupplierListError(
                error.template.replace(str(upload), shown_name), setting=error.setting
            ) from None
        # No check for an empty list: an upload is a file, and open_input refuses a file
        # that names no supplier.
        for item in items:
            for location in item.locations:
                if urlsplit(location).scheme not in ("http", "https"):
                    raise SupplierListError(
                        f"{shown_name}, item {item.number}: {location!r} is not an http or "
                        "https URL; a list checked here may name only web addresses"
                    )
        if not self.settings.allow_private_urls:
            _refuse_private(item.locations for item in items)
        return len(items)

    def start(self, batch_id: str) -> None:
        folder = self.folder / batch_id
        request = read_json_object(folder / "request.json") or {}
        (folder / "exit.json").unlink(missing_ok=True)
        command = [
            sys.executable, "-m", "msa_check", "batch", str(folder / request["input"]),
            "--store", str(folder / STORE_NAME), "--progress", "log",
            *batch_arguments(self.settings, request.get("rules") or []),
        ]  # fmt: skip
        with (folder / LOG_NAME).open("ab") as log:
            # A session of its own: Ctrl-C at the server's terminal reaches the server only,
            # which then interrupts each run once (stop_all), so none is hit twice.
            process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=log, stderr=log, cwd=folder,
                start_new_session=True,
            )  # fmt: skip
        with self._lock:
            self._processes[batch_id] = process
        threading.Thread(
            target=self._wait, args=(batch_id, process), name=f"batch-{batch_id}", daemon=True
        ).start()

    def _wait(self, batch_id: str, process: subprocess.Popen[bytes]) -> None:
        code = process.wait()
        write_record(self.folder / batch_id / "exit.json", {"code": code, "ended": now_text()})
        with self._lock:
            if self._processes.get(batch_id) is process:
                del self._processes[batch_id]

    def view(self, batch_id: str) -> BatchView | None:
        if not is_id(batch_id):
            return None
        folder = self.folder / batch_id
        request = read_json_object(folder / "request.json")
        if request is None:
            return None
        store = read_store_state(folder / STORE_NAME)
        progress = batch_progress(int(request.get("total") or 0), store)
        state, failure = self._state(batch_id, store)
        return BatchView(batch_id, request, state, progress, failure, store.problem)

    def _state(self, batch_id: str, store: StoreState) -> tuple[BatchState, dict[str, Any] | None]:
        """Where the run stands, and why it failed if it did."""
        folder = self.folder / batch_id
        with self._lock:
            running = batch_id in self._processes
        if running or is_held(folder / STORE_NAME):
            return BatchState.RUNNING, None
        if store.run is not None and store.run.get("outcome") == "finished":
            return BatchState.FINISHED, None
        ended = read_json_object(folder / "exit.json")
        code = int((ended or {}).get("code") or 0)
        # Killed by a signal (< 0) or interrupted (130): stopped, not failed; it resumes.
        if code > 0 and code != ExitCode.INTERRUPTED:
            return BatchState.FAILED, self._failure(folder, code)
        return BatchState.STOPPED, None

    def views(self) -> list[BatchView]:
        names = sorted((p.name for p in self.folder.iterdir() if is_id(p.name)), reverse=True)
        return [view for name in names if (view := self.view(name)) is not None]

    def store_path(self, batch_id: str) -> Path:
        return self.folder / batch_id / STORE_NAME

    def resume_unfinished(self) -> int:
        """Start again every run that stopped before its end; how many."""
        stopped = [v.id for v in self.views() if v.state is BatchState.STOPPED]
        for batch_id in stopped:
            self.start(batch_id)
        return len(stopped)

    def stop_all(self) -> None:
        """Interrupt every run (each keeps its finished results) and wait for them to end."""
        with self._lock:
            processes = list(self._processes.values())
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        deadline = time.monotonic() + _STOP_WAIT_SECONDS
        for process in processes:
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()

    def _failure(self, folder: Path, code: int) -> dict[str, Any]:
        """Why `msa-check batch` ended with an error: its own last error line."""
        try:
            lines = (folder / LOG_NAME).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            lines = []
        said = [line for line in lines if line.startswith("msa-check: ")]
        message = said[-1].removeprefix("msa-check: ").removeprefix("error: ") if said else ""
        record = failure_record(
            MsaCheckError(message or f"msa-check batch ended with exit code {code}"),
            self.setting_names,
        )
        record["exit_code"] = code
        return record


def batch_arguments(settings: ServeSettings, rules: list[str]) -> list[str]:
    """The `msa-check batch` options that carry the server's settings to the run."""
    fetch = settings.fetch
    arguments = [
        "--model", settings.model, "--max-chars", str(settings.max_chars),
        "--max-mb", repr(fetch.max_bytes / _MEGABYTE),
        "--connect-timeout", repr(fetch.connect_timeout),
        "--read-timeout", repr(fetch.read_timeout), "--deadline", repr(fetch.total_deadline),
        "--retries", str(fetch.retries), "--host-interval", repr(fetch.host_interval),
        "--robots" if fetch.respect_robots else "--ignore-robots",
        "--cache" if fetch.use_cache else "--no-cache",
    ]  # fmt: skip
    if fetch.cache_dir:
        arguments += ["--cache-dir", fetch.cache_dir]
    if fetch.offline:
        arguments.append("--offline")
    if fetch.allow_private_urls:
        arguments.append("--allow-private-urls")
    else:
        # The list's URLs were refused up front if they name an internal address; this
        # holds every connection of the run to the rule too, as `check_fetch` holds a
        # page's check (a name that answered public ahead of time, private later).
        arguments.append("--refuse-private-urls")
    if settings.batch_workers:
        arguments += ["--workers", str(settings.batch_workers)]
    for name in rules:
        arguments += ["--rules", name]
    return arguments


def _refuse_private(locations: Any) -> None:
    from msa_check.fetch.addresses import PrivateAddressError, refuse_private_url

    seen: set[tuple[str, str]] = set()
    for group in locations:
        for url in group:
            parts = urlsplit(url)
            key = (parts.scheme, parts.netloc)
            if key not in seen:
                seen.add(key)
                try:
                    refuse_private_url(url)
                except PrivateAddressError as error:  # the list's fault (400)
                    raise SupplierListAddressError(error.template, setting=error.setting) from None
