"""Checking one statement for the web page: queued, run in a thread, kept as files.

A check is a folder `checks/<id>/` holding `request.json` (what was asked), the upload (as
`statement.upload`, never under the client's name) and, once done, the report in the three
formats a page offers (`report.html`, `report.json`, `report.md`) with `summary.json`, or
`error.json` saying why there is no report. The state of a check is read from those
files, so a page shows the same thing after a reload or a restart of the server.

Checks run in a few daemon threads, each with its own Checker (a spaCy pipeline is not
shared between threads); the fetch deadline bounds the slow part. Daemon threads, so
Ctrl-C stops the server at once: a check cut short has no result and is run again when
the server starts.
"""

from __future__ import annotations

import queue
import shutil
import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Any

from msa_check.errors import Setting
from msa_check.json_file import read_json_object
from msa_check.serve.outcomes import failure_record
from msa_check.serve.records import is_id, new_id, now_text, write_record
from msa_check.serve.settings import ServeSettings, checks_folder

UPLOAD_NAME = "statement.upload"
REPORT_FILES = {"html": "report.html", "json": "report.json", "markdown": "report.md"}


class CheckState(str, Enum):
    QUEUED = "queued"  # waiting for or in a thread
    DONE = "done"
    FAILED = "failed"
    UNFINISHED = "unfinished"  # the server stopped before it ended (resumed on start)


@dataclass(frozen=True)
class CheckView:
    """A check as a page shows it: what was asked and how far it got."""

    id: str
    request: dict[str, Any]
    state: CheckState
    summary: dict[str, Any] | None = None
    failure: dict[str, Any] | None = None


class CheckJobs:
    """The checks under one store folder and the threads that run them."""

    def __init__(
        self, store: Path, settings: ServeSettings, setting_names: Mapping[Setting, str]
    ) -> None:
        self.folder = checks_folder(store)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.settings = settings
        self.setting_names = setting_names
        self._queue: queue.Queue[str | None] = queue.Queue()  # None: a thread's end
        self._active: set[str] = set()
        self._lock = threading.Lock()
        self._local = threading.local()
        self._threads = [
            threading.Thread(target=self._work, name=f"msa-check-serve-{number}", daemon=True)
            for number in range(settings.check_threads)
        ]
        for thread in self._threads:
            thread.start()

    def new(
        self,
        *,
        url: str | None,
        shown_name: str | None,
        rules: list[str],
        treat_as_statement: bool = False,
        homepage: str | None = None,
    ) -> tuple[str, Path]:
        """A new check's id and folder, with its request written (not yet queued)."""
        check_id = new_id()
        folder = self.folder / check_id
        folder.mkdir(parents=True)
        request = {
            "id": check_id,
            "created": now_text(),
            "url": url,
            "upload": UPLOAD_NAME if url is None else None,
            "shown_name": shown_name or url,
            "rules": rules,
            # Report it as a statement even if it does not read as one (--treat-as-statement).
            "treat_as_statement": treat_as_statement,
            # Where the statement's homepage link is checked, as `check --homepage` does.
            "homepage": homepage,
        }
        write_record(folder / "request.json", request)
        return check_id, folder

    def again_as_statement(self, check_id: str) -> str | None:
        """A new check of the same document and rule sets, treated as a statement whatever
        it reads as (not yet queued); None when there is no such check."""
        view = self.view(check_id)
        upload = self.folder / check_id / UPLOAD_NAME
        if view is None or (not view.request.get("url") and not upload.is_file()):
            return None
        request = view.request
        new_check, folder = self.new(
            url=request.get("url"),
            shown_name=request.get("shown_name"),
            rules=list(request.get("rules") or ()),
            treat_as_statement=True,
            homepage=request.get("homepage"),
        )
        if not request.get("url"):  # the same bytes: the first upload is kept as it came
            shutil.copyfile(upload, folder / UPLOAD_NAME)
        return new_check

    def submit(self, check_id: str) -> None:
        with self._lock:
            self._active.add(check_id)
        self._queue.put(check_id)

    def view(self, check_id: str) -> CheckView | None:
        if not is_id(check_id):
            return None
        folder = self.folder / check_id
        request = read_json_object(folder / "request.json")
        if request is None:
            return None
        summary = read_json_object(folder / "summary.json")
        if summary is not None:
            return CheckView(check_id, request, CheckState.DONE, summary=summary)
        failure = read_json_object(folder / "error.json")
        if failure is not None:
            return CheckView(check_id, request, CheckState.FAILED, failure=failure)
        with self._lock:
            queued = check_id in self._active
        return CheckView(check_id, request, CheckState.QUEUED if queued else CheckState.UNFINISHED)

    def views(self) -> list[CheckView]:
        """Every check kept, newest first."""
        names = sorted((p.name for p in self.folder.iterdir() if is_id(p.name)), reverse=True)
        return [view for name in names if (view := self.view(name)) is not None]

    def report_file(self, check_id: str, fmt: str) -> Path | None:
        view = self.view(check_id)
        if view is None or view.state is not CheckState.DONE or fmt not in REPORT_FILES:
            return None
        return self.folder / check_id / REPORT_FILES[fmt]

    def resume_unfinished(self) -> int:
        """Queue again every check the server stopped before it ended; how many."""
        unfinished = [v.id for v in self.views() if v.state is CheckState.UNFINISHED]
        for check_id in reversed(unfinished):  # oldest first
            self.submit(check_id)
        return len(unfinished)

    def close(self) -> None:
        """Let each thread end after its current check (a queued one runs on the next start)."""
        for _ in self._threads:
            self._queue.put(None)

    def _work(self) -> None:
        while (check_id := self._queue.get()) is not None:
            try:
                self._run(check_id)
            finally:
                with self._lock:
                    self._active.discard(check_id)

    def _run(self, check_id: str) -> None:
        folder = self.folder / check_id
        request = read_json_object(folder / "request.json") or {}
        try:
            report = self._check(folder, request)
            _write_report(folder, report)
        except Exception as error:  # an MsaCheckError in its own words; else a bug, said so
            write_record(folder / "error.json", failure_record(error, self.setting_names))

    def _check(self, folder: Path, request: dict[str, Any]) -> Any:
        checker = self._checker(
            tuple(request.get("rules") or ()), bool(request.get("treat_as_statement"))
        )
        fetch = self.settings.check_fetch
        if request.get("url"):
            homepage = request.get("homepage") or None
            return checker.check_source(
                str(request["url"]), fetch, discover=True, homepage=homepage
            )
        from msa_check.fetch.local import read_file

        source = read_file(str(folder / UPLOAD_NAME), fetch.max_bytes)
        # The report names the file as the person knows it, not the generated name.
        source = replace(source, location=str(request.get("shown_name") or UPLOAD_NAME))
        return checker.check_fetched(source)

    def _checker(self, rules: tuple[str, ...], treat_as_statement: bool) -> Any:
        from msa_check.checker import Checker, load_rule_sets
        from msa_check.nlp import load_pipeline

        cache: dict[tuple[tuple[str, ...], bool], Any] = (
            getattr(self._local, "checkers", None) or {}
        )
        self._local.checkers = cache
        key = (rules, treat_as_statement)
        if key not in cache:
            cache[key] = Checker(
                load_rule_sets(rules),
                load_pipeline(self.settings.model),
                max_chars=self.settings.max_chars,
                treat_as_statement=treat_as_statement,
            )
        return cache[key]


def _write_report(folder: Path, report: Any) -> None:
    from msa_check.report import render_text
    from msa_check.report.headline import status_class
    from msa_check.report.html_words import titled_status_line as status_line

    for fmt, name in REPORT_FILES.items():
        (folder / name).write_text(render_text(report, fmt), encoding="utf-8")
    summary = {
        "finished": now_text(),
        "organisation": report.organisation,
        "source": report.source.location,
        "status": report.status.value,
        "status_line": status_line(report),
        "status_class": status_class(report),
        "mandatory_met": report.mandatory_met,
    }
    write_record(folder / "summary.json", summary)  # last: its presence means done
