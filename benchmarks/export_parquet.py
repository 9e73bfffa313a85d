"""Exporting and reading a 100,000-item store: time and peak memory, side by side.

    python benchmarks/export_parquet.py [--items 100000] [--keep DIR]

Builds a store of N synthetic items: the real reports of the three bundled samples
(checked once), given in turn to each item with its own input row (six columns, among
them `Spend GBP`), one item in ten a failure. Then, each in a fresh child process, so
every peak is that of one job alone:

- `msa-check export --format parquet`, `csv` and `jsonl` of the wide shape;
- reading the Parquet file batch by batch (pyarrow `iter_batches`, 10,000 rows), whole
  (`pandas.read_parquet`), with DuckDB if it is installed (a `group by` over the file),
  and the store itself with `read_store(as_dataframe=True)`.

Prints wall time and peak RSS (the child's ru_maxrss from wait4) of each, beside a child
that only imports msa_check and pyarrow, and the ratios. Needs `.[parquet]` and pandas.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parents[1]
SAMPLES = [
    ROOT / "samples" / "northwind-components-2025.pdf",
    ROOT / "samples" / "brightwave-retail.html",
    ROOT / "samples" / "harbour-logistics-no-steps.txt",
]
INPUT_HEADER = ["Supplier name", "Company number", "Statement URL", "Spend GBP", "Category",
                "Contract owner"]  # fmt: skip


def build_store(path: Path, items: int) -> None:
    from msa_check.api import check
    from msa_check.batch.items import BatchItem, ItemFailure, ItemOutcome
    from msa_check.batch.run import describe_rule_set
    from msa_check.batch.store import ResultStore
    from msa_check.checker import load_rule_sets
    from msa_check.report.json_report import report_to_dict

    reports = [report_to_dict(check(str(sample))) for sample in SAMPLES]
    failure = ItemFailure("FetchError", "HTTP 404 Not Found from <location>", 3)
    with ResultStore.open(path) as results:
        results.set_rule_sets([describe_rule_set(r) for r in load_rule_sets(["uk-msa-s54"])])
        results.add_input_columns(INPUT_HEADER)
        run_id = results.start_run("benchmark", results.rule_sets(), "synthetic", {})
        for number in range(1, items + 1):
            url = f"https://supplier{number}.example/modern-slavery-statement.pdf"
            category = ("Electronics", "Logistics", "Apparel")[number % 3]
            spend = f"{number * 37 % 90_000}.00"
            row = [
                f"Supplier {number} Ltd",
                f"{number:08d}",
                url,
                spend,
                category,
                f"o{number % 40}",
            ]
            item = BatchItem(
                key=f"{number}:{url}", number=number, locations=(url,), name=row[0],
                input_id=row[1], input_row=dict(zip(INPUT_HEADER, row, strict=True)),
            )  # fmt: skip
            if number % 10 == 0:
                outcome = ItemOutcome(item, failure=failure)
            else:
                outcome = ItemOutcome(item, report=reports[number % len(reports)])
            results.record(outcome, run_id)
        results.finish_run(run_id, "finished", {"total": items})


READERS = {
    "import only (baseline)": "import msa_check.batch.export_formats, pyarrow.parquet",
    "parquet iter_batches (10,000 rows)": (
        "import pyarrow.parquet as pq\n"
        "n = 0\n"
        "for b in pq.ParquetFile({parquet!r}).iter_batches(batch_size=10_000):\n"
        "    n += b.to_pandas().shape[0]\n"
        "assert n == {items}, n\n"
    ),
    "pandas.read_parquet (whole)": (
        "import pandas\nassert len(pandas.read_parquet({parquet!r})) == {items}\n"
    ),
    "duckdb group by over the file": (
        "import duckdb\n"
        "query = \"select rating, count(*) from '{parquet}' group by rating\"\n"
        "rows = duckdb.sql(query).fetchall()\n"
        "assert sum(c for _, c in rows) == {items}, rows\n"
    ),
    "read_store(as_dataframe=True) (whole)": (
        "from msa_check import read_store\n"
        "assert len(read_store({store!r}, as_dataframe=True)) == {items}\n"
    ),
}


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process running `command`."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return seconds, usage.ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="build the files in this folder and keep them")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="msa-export-"))
    folder.mkdir(parents=True, exist_ok=True)
    store = folder / "store.sqlite"
    if not store.exists():
        started = time.perf_counter()
        build_store(store, args.items)
        print(f"built {args.items:,} items in {time.perf_counter() - started:.0f} s: "
              f"{store.stat().st_size / 2**20:.0f} MB store")  # fmt: skip
    results: dict[str, tuple[float, float]] = {}
    sizes: dict[str, float] = {}
    for fmt in ("parquet", "csv", "jsonl"):
        output = folder / f"wide.{fmt}"
        command = [sys.executable, "-m", "msa_check", "export", str(store), "--format", fmt,
                   "--output", str(output)]  # fmt: skip
        results[f"export --format {fmt}"] = timed(command)
        sizes[fmt] = output.stat().st_size / 2**20
    parquet = folder / "wide.parquet"
    for name, code in READERS.items():
        if name.startswith("duckdb"):
            try:
                import duckdb  # noqa: F401
            except ImportError:
                print(f"{name}: skipped (duckdb is not installed)")
                continue
        script = code.format(parquet=str(parquet), store=str(store), items=args.items)
        results[name] = timed([sys.executable, "-c", script])
    base_mb = results["import only (baseline)"][1]
    _, parquet_mb = results["export --format parquet"]
    print(f"\n{args.items:,} items, wide shape; files: "
          + ", ".join(f"{fmt} {mb:.0f} MB" for fmt, mb in sizes.items()))  # fmt: skip
    print(f"{'job':40} {'seconds':>8} {'peak MB':>8} {'MB over baseline':>17}")
    for name, (seconds, mb) in results.items():
        print(f"{name:40} {seconds:8.1f} {mb:8.0f} {mb - base_mb:17.0f}")
    csv_seconds, csv_mb = results["export --format csv"]
    parquet_seconds = results["export --format parquet"][0]
    print(f"\nparquet export / csv export: time {parquet_seconds / csv_seconds:.2f}x, "
          f"peak {parquet_mb / csv_mb:.2f}x")  # fmt: skip
    whole = results["pandas.read_parquet (whole)"][1]
    batches = results["parquet iter_batches (10,000 rows)"][1]
    from_store = results["read_store(as_dataframe=True) (whole)"][1]
    print(
        f"reading, peak: pandas whole / iter_batches {whole / batches:.2f}x; "
        f"read_store whole / iter_batches {from_store / batches:.2f}x"
    )
    print(f"files in {folder}")


if __name__ == "__main__":
    main()
