"""The Python API for scripts and notebooks: check one statement, batch many, read results.

    from msa_check.api import check, batch, read_store, iter_store_rows
    from msa_check.check_options import CheckOptions
    report = check("https://example.com/modern-slavery-statement.pdf")
    batch("suppliers.csv", "results.sqlite", check_options=CheckOptions(rules=("uk-msa-s54",)))
    frame = read_store("results.sqlite", as_dataframe=True)
    for row in iter_store_rows("results.sqlite"): ...   # a large store, row by row

Each function imports its stage only when called, so `import msa_check.api` is cheap.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from msa_check.batch.run import BatchRun
    from msa_check.models import Report


def check(source: str, rules: str | Sequence[str] = "uk-msa-s54", **options: Any) -> Report:
    """Check one statement (URL, path or "-"); see msa_check.checker.check for the options."""
    from msa_check.checker import check as check_one

    return check_one(source, rules, **options)


def batch(input: str | Path, store: str | Path, **options: Any) -> BatchRun:
    """Check every statement a list names into a SQLite store; see batch.run.run_batch.

    How each is checked (rules, model, ...) is one `check_options=CheckOptions(...)`
    (msa_check.check_options), as the command line's options build it."""
    from msa_check.batch.run import run_batch

    return run_batch(input, store, **options)


def read_store(path: str | Path, as_dataframe: bool = False, shape: str = "wide") -> Any:
    """A store's results as a list of dicts, every row in memory (or a pandas DataFrame);
    see batch.export_formats."""
    from msa_check.batch.export_formats import read_store as read

    return read(path, as_dataframe=as_dataframe, shape=shape)


def iter_store_rows(path: str | Path, shape: str = "wide") -> Iterator[dict[str, Any]]:
    """A store's results as dicts, streamed one row at a time (flat memory for any size)."""
    from msa_check.batch.export_formats import iter_store_rows as rows

    return rows(path, shape=shape)


__all__ = ["batch", "check", "iter_store_rows", "read_store"]
