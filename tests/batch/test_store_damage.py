"""A store that is read-only, damaged or on a full disk: a clear store error, never a crash."""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

import msa_check.batch.store_file as store_module
from msa_check.batch.export import Shape
from msa_check.batch.export_formats import ExportFormat, export_store
from msa_check.batch.store import ResultStore
from tests.batch.conftest import FinishedRun


@pytest.fixture
def read_only_copy(two_hundred: FinishedRun, tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "mount"
    folder.mkdir()
    copy = folder / "results.sqlite"
    shutil.copyfile(two_hundred.store, copy)
    copy.chmod(stat.S_IRUSR | stat.S_IRGRP)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    yield copy
    folder.chmod(stat.S_IRWXU)


def test_a_store_in_a_read_only_folder_can_be_exported(
    two_hundred: FinishedRun, read_only_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if os.geteuid() == 0:
        # root may write anywhere, so chmod alone cannot make the folder read-only here:
        # the store is told what the permissions say for anyone else.
        monkeypatch.setattr(store_module, "_writable", lambda path: False)
    wanted = io.StringIO()
    export_store(two_hundred.store, wanted, ExportFormat.csv, Shape.wide)
    got = io.StringIO()
    assert export_store(read_only_copy, got, ExportFormat.csv, Shape.wide) == 200
    assert got.getvalue() == wanted.getvalue()
    assert sorted(p.name for p in read_only_copy.parent.iterdir()) == ["results.sqlite"]
    with (
        ResultStore.open(read_only_copy, create=False) as results,
        pytest.raises(store_module.StoreError, match="readonly"),
    ):
        results.forget_results()  # opened read-only: no write can slip through


def _statements(folder: Path, count: int) -> Path:
    folder.mkdir()
    for number in range(count):
        text = f"Modern slavery statement {number}. We audit our suppliers every year. " * 40
        (folder / f"s{number:02}.txt").write_text(text, encoding="utf-8")
    return folder


def test_a_full_disk_is_a_store_error_and_the_next_run_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from msa_check.batch import read_store, run_batch

    folder = _statements(tmp_path / "statements", 12)
    store = tmp_path / "results.sqlite"
    prepare = store_module._prepare

    def small_disk(db: sqlite3.Connection, *args: object, **kwargs: object) -> None:
        prepare(db, *args, **kwargs)  # type: ignore[arg-type]
        # SQLite's own "database or disk is full", raised when the file reaches this size.
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages + 12}")

    monkeypatch.setattr(store_module, "_prepare", small_disk)
    with pytest.raises(store_module.StoreError, match="the disk is full") as full:
        run_batch(folder, store, workers=1)
    assert "run the same command again to resume" in full.value.message
    assert full.value.exit_code == 2
    monkeypatch.setattr(store_module, "_prepare", prepare)
    kept = len(list(read_store(store)))
    resumed = run_batch(folder, store, workers=1)
    assert resumed.counts.skipped == kept and resumed.counts.checked == 12 - kept
    assert len(list(read_store(store))) == 12


def test_a_damaged_store_is_a_clear_error_with_exit_2(
    two_hundred: FinishedRun, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from msa_check.cli import app

    damaged = tmp_path / "damaged.sqlite"
    content = bytearray(two_hundred.store.read_bytes())
    page = 4096
    for offset in range(2 * page, len(content) - page, 3 * page):
        content[offset : offset + page] = b"\xa5" * page  # overwrite every third page
    damaged.write_bytes(bytes(content))
    result = CliRunner().invoke(app, ["export", str(damaged), "--format", "csv"])
    assert result.exit_code == 2, result.output
    assert "damaged" in result.stderr or "not a usable results store" in result.stderr
    assert "Traceback" not in result.output + result.stderr
