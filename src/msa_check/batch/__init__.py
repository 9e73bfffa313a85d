"""Batches: supplier lists in, statements checked side by side, results stored as they finish.

    from msa_check.batch import run_batch, read_store
    run_batch("suppliers.csv", "results.sqlite")          # resumes if run again
    frame = read_store("results.sqlite", as_dataframe=True)

The stages: inputs (lists in), executor and work (fetch on threads, analyse in
processes), store (SQLite), export, export_formats, export_xlsx, export_parquet and
export_summary (rows out), summary and console
(what a person sees). docs/batch.md describes the commands and every export column.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from msa_check.lazy_exports import lazy_exports

# Imported on first use (see lazy_exports): a batch loads spaCy and the fetch stage, and
# `msa-check --help` imports this package without running one.
_EXPORTS = {
    "iter_store_rows": "export_formats",
    "read_store": "export_formats",
    "BatchCounts": "run",
    "BatchRun": "run",
    "run_batch": "run",
}
__getattr__ = lazy_exports(__name__, _EXPORTS)

if TYPE_CHECKING:
    from msa_check.batch.export_formats import iter_store_rows, read_store
    from msa_check.batch.run import BatchCounts, BatchRun, run_batch

__all__ = ["BatchCounts", "BatchRun", "iter_store_rows", "read_store", "run_batch"]
