"""A batch over a local server: every item accounted for, failures as results, resuming."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from msa_check.batch import read_store, run_batch
from msa_check.batch.summary import LOCATION, summarise_store
from msa_check.check_options import CheckOptions
from msa_check.errors import ExitCode, UsageError
from msa_check.extract.pdf_engine import PdfEngine
from tests.batch.conftest import (
    BAD_EVERY,
    ITEMS,
    READ_TIMEOUT,
    FinishedRun,
    local_fetch_options,
    write_list,
)
from tests.batch.supplier_server import SupplierServer

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

REASONS = {  # the bad kinds of supplier_server, and what their rows must say
    "missing": ("FetchError", "HTTP 404 Not Found from"),
    "slow": ("FetchError", f"timed out after {READ_TIMEOUT:g} s reading from"),
    "loop": ("FetchError", "redirect"),
    "corrupt": ("ExtractError", "the PDF is corrupt or truncated"),
    "image": ("ExtractError", "PNG image, not a statement"),
}


def test_every_item_is_stored_once_and_each_failure_with_its_reason(
    two_hundred: FinishedRun,
) -> None:
    counts = two_hundred.run.counts
    assert (counts.total, counts.checked, counts.failed) == (ITEMS, 160, 40)
    rows = list(read_store(two_hundred.store))
    assert [row["location"] for row in rows] == two_hundred.urls  # input order, none missing
    assert len({row["key"] for row in rows}) == ITEMS
    for row in rows:
        kind = row["location"].split("/")[3]
        if kind == "statement":
            assert row["status"] == "checked", row
            assert row["sha256"] and row["uk-msa-s54.approval.verdict"]
        else:
            error_class, words = REASONS[kind]
            assert row["status"] == "failed"
            assert row["error_class"] == error_class, row
            assert words in row["error"], row
            assert row["exit_code"] == ExitCode.SOURCE


def test_the_summary_counts_verdicts_and_groups_failures_by_reason(
    two_hundred: FinishedRun,
) -> None:
    summary = summarise_store(two_hundred.store)
    assert (summary.items, summary.checked, summary.failed) == (ITEMS, 160, 40)
    assert all(sum(c.values()) == 160 for c in summary.verdicts.values())
    assert ("uk-msa-s54", "approval") in summary.verdicts
    assert sorted(summary.failures.values()) == [8] * 5  # one reason per bad kind
    assert (
        "FetchError", f"HTTP 404 Not Found from {LOCATION}"
    ) in summary.failures  # fmt: skip


def test_a_second_run_skips_every_stored_item_and_adds_no_row(two_hundred: FinishedRun) -> None:
    again = run_batch(two_hundred.input, two_hundred.store, fetch_options=local_fetch_options())
    assert (again.counts.skipped, again.counts.checked, again.counts.failed) == (ITEMS, 0, 0)
    with sqlite3.connect(two_hundred.store) as db:
        assert db.execute("SELECT count(*) FROM results").fetchone()[0] == ITEMS
        runs = db.execute("SELECT outcome, rule_sets, tool_version FROM runs").fetchall()
    assert [r[0] for r in runs] == ["finished", "finished"]
    assert '"uk-msa-s54"' in runs[0][1] and runs[0][2]


@pytest.fixture
def small_list(supplier_server: SupplierServer, tmp_path: Path) -> Path:
    urls = supplier_server.supplier_urls(10, bad_every=BAD_EVERY)  # items 5 and 10 bad
    return write_list(tmp_path / "small.txt", urls)


def test_retry_failed_redoes_failures_and_refresh_redoes_everything(
    small_list: Path, tmp_path: Path
) -> None:
    store = tmp_path / "small.sqlite"
    options = local_fetch_options()
    first = run_batch(small_list, store, workers=1, fetch_options=options)
    assert (first.counts.checked, first.counts.failed) == (8, 2)
    retried = run_batch(small_list, store, workers=1, fetch_options=options, retry_failed=True)
    assert (retried.counts.skipped, retried.counts.failed) == (8, 2)
    redone = run_batch(small_list, store, workers=1, fetch_options=options, refresh=True)
    assert (redone.counts.skipped, redone.counts.checked, redone.counts.failed) == (0, 8, 2)
    assert len(list(read_store(store))) == 10
    with pytest.raises(UsageError, match="holds results checked with uk-msa-s54"):
        run_batch(
            small_list,
            store,
            check_options=CheckOptions(rules=("au-msa-s16",)),
            fetch_options=options,
        )


def test_an_unknown_pdf_engine_is_a_usage_error_before_any_fetch(
    small_list: Path, tmp_path: Path
) -> None:
    store = tmp_path / "never.sqlite"
    with pytest.raises(UsageError, match="unknown PDF engine 'bogus': use pdfium, pdfplumber"):
        # A script can build CheckOptions from a string without the type checker seeing it.
        bogus = CheckOptions(pdf_engine="bogus")  # type: ignore[arg-type]
        run_batch(small_list, store, check_options=bogus, workers=1)
    assert not store.exists()


def test_the_check_options_given_are_those_the_items_are_checked_with_and_the_run_records(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "statements"
    folder.mkdir()
    shutil.copy(SAMPLES / "harbour-logistics-no-steps.txt", folder)
    store = tmp_path / "store.sqlite"
    check = CheckOptions(
        rules=("au-msa-s16",), discover=False, max_pages=3, pdf_engine=PdfEngine.PDFPLUMBER,
        treat_as_statement=True,
    )  # fmt: skip
    run = run_batch(folder, store, check_options=check, workers=1)
    assert run.counts.checked == 1
    [row] = read_store(store)
    assert any(column.startswith("au-msa-s16.") for column in row)
    assert not any(column.startswith("uk-msa-s54.") for column in row)
    with sqlite3.connect(store) as db:
        [(options,)] = db.execute("SELECT options FROM runs").fetchall()
    recorded = json.loads(options)
    assert (recorded["discover"], recorded["max_pages"]) == (False, 3)
    assert (recorded["pdf_engine"], recorded["treat_as_statement"]) == ("pdfplumber", True)
