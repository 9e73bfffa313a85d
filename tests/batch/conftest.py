"""Fixtures of the batch tests: a supplier server, fetch options fit for it, a finished run."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import pytest

from msa_check.batch import BatchRun, run_batch
from msa_check.fetch import FetchOptions
from tests.batch.supplier_server import SupplierServer

# The slow URLs answer after 2 s; a good one must not time out on a loaded machine
# (0.5 s did, once, in a full run beside other work).
READ_TIMEOUT = 1.0
ITEMS = 200
BAD_EVERY = 5  # a fifth of the URLs are bad


def local_fetch_options(**overrides: Any) -> FetchOptions:
    """Options for a server on this machine: no pacing, retries, robots.txt or cache."""
    known = {f.name for f in fields(FetchOptions)}
    wanted: dict[str, Any] = {
        "read_timeout": READ_TIMEOUT, "host_interval": 0.0, "retries": 0,
        "respect_robots": False, "use_cache": False, **overrides,
    }  # fmt: skip
    return FetchOptions(**{name: value for name, value in wanted.items() if name in known})


@pytest.fixture(scope="session")
def supplier_server() -> Iterator[SupplierServer]:
    with SupplierServer(slow_seconds=2.0) as server:
        yield server


def write_list(path: Path, urls: list[str]) -> Path:
    path.write_text("# suppliers\n\n" + "\n".join(urls) + "\n", encoding="utf-8")
    return path


@dataclass(frozen=True)
class FinishedRun:
    input: Path
    store: Path
    urls: list[str]
    run: BatchRun


@pytest.fixture(scope="session")
def two_hundred(
    supplier_server: SupplierServer, tmp_path_factory: pytest.TempPathFactory
) -> FinishedRun:
    """A 200-item list, a fifth of it bad, checked once for every test that reads it."""
    folder = tmp_path_factory.mktemp("two-hundred")
    urls = supplier_server.supplier_urls(ITEMS, bad_every=BAD_EVERY)
    source = write_list(folder / "suppliers.txt", urls)
    store = folder / "results.sqlite"
    run = run_batch(source, store, workers=2, fetch_options=local_fetch_options())
    return FinishedRun(source, store, urls, run)


# A buyer's own columns: a spend, a contract date, a note that starts like a formula, two
# columns both called "Notes" and one with no name; the exports must carry every one.
SPEND_HEADER = [
    "Supplier name", "Company number", "Statement URL", "Spend GBP", "Contract start",
    "Notes", "Notes", "",
]  # fmt: skip
SPEND_ITEMS = 6


@pytest.fixture(scope="session")
def with_spend(
    supplier_server: SupplierServer, tmp_path_factory: pytest.TempPathFactory
) -> FinishedRun:
    """A CSV supplier list with the buyer's own columns, the fifth supplier's URL bad."""
    import csv

    folder = tmp_path_factory.mktemp("with-spend")
    urls = supplier_server.supplier_urls(SPEND_ITEMS, bad_every=5)
    source = folder / "suppliers.csv"
    with source.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(SPEND_HEADER)
        for number, url in enumerate(urls, start=1):
            writer.writerow([
                f"Supplier {number} Ltd", f"0999990{number}", url, f"{1000 * number}.50",
                f"2025-0{number}-01", "=1+1" if number == 2 else f"note {number}",
                f"second {number}", f"unnamed {number}",
            ])  # fmt: skip
    store = folder / "results.sqlite"
    run = run_batch(source, store, workers=1, fetch_options=local_fetch_options())
    return FinishedRun(source, store, urls, run)


def old_store(finished: FinishedRun, folder: Path) -> Path:
    """A copy of `finished` as version 1 wrote it: no input_row column, no input columns or
    mandatory criteria in its meta."""
    copy = folder / "old.sqlite"
    shutil.copy(finished.store, copy)
    db = sqlite3.connect(copy)
    db.execute("ALTER TABLE results DROP COLUMN input_row")
    db.execute("DELETE FROM meta WHERE name = 'input_columns'")
    (value,) = db.execute("SELECT value FROM meta WHERE name = 'rule_sets'").fetchone()
    rule_sets = [{k: v for k, v in r.items() if k != "mandatory"} for r in json.loads(value)]
    db.execute("UPDATE meta SET value = ? WHERE name = 'rule_sets'", (json.dumps(rule_sets),))
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    return copy
