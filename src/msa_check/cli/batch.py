"""`msa-check batch` and `msa-check export`: many statements into a store, and rows out of it.

Progress and messages go to stderr; the end-of-run summary goes to stdout, so
`msa-check batch list.txt > summary.txt` keeps the summary and shows the progress.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from msa_check.batch.export import Shape
from msa_check.batch.export_formats import ExportFormat, export_to
from msa_check.batch.store import ResultStore
from msa_check.batch.summary import summarise_store
from msa_check.check_options import CheckOptions
from msa_check.cli.exits import PipeSafeConsole, guarded, stderr
from msa_check.cli.options import Debug, with_check_options, with_fetch_options
from msa_check.defaults import FETCH_THREADS, PER_HOST
from msa_check.errors import ExitCode, MsaCheckError
from msa_check.fetch.options import FetchOptions
from msa_check.plurals import counted

if TYPE_CHECKING:
    from msa_check.batch.run import ProgressListener

STORE_SUFFIX = ".msa-check.sqlite"


class ProgressMode(str, Enum):
    auto = "auto"  # a bar on a terminal, else log lines
    bar = "bar"
    log = "log"
    none = "none"


class BatchEngine(str, Enum):
    local = "local"
    dask = "dask"


def default_store(source: Path) -> Path:
    """suppliers.csv -> ./suppliers.msa-check.sqlite, so the same command resumes."""
    return Path(f"{source.resolve().stem or 'batch'}{STORE_SUFFIX}")


@with_fetch_options
@with_check_options(classifier=False)
def batch_command(
    source: Annotated[
        Path,
        typer.Argument(
            metavar="INPUT",
            help="A CSV with a URL column (or the UK registry's CSV export), "
            "a text file with one URL or path a line, or a folder of statements.",
        ),
    ],
    store: Annotated[
        Path | None,
        typer.Option(help=f"SQLite results store. Default: ./<input name>{STORE_SUFFIX}."),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Analysis processes. Default: one per core.")
    ] = None,
    fetch_threads: Annotated[int, typer.Option(min=1, help="Fetching threads.")] = FETCH_THREADS,
    per_host: Annotated[
        int, typer.Option(min=1, help="Most requests to one host at a time.")
    ] = PER_HOST,
    refresh: Annotated[bool, typer.Option(help="Redo items already in the store.")] = False,
    retry_failed: Annotated[
        bool,
        typer.Option(
            help="Redo items stored as failed, except those that killed the analysis "
            "process (WorkerDied)."
        ),
    ] = False,
    retry_worker_deaths: Annotated[
        bool,
        typer.Option(help="Redo items stored as WorkerDied (they may kill a worker again)."),
    ] = False,
    url_column: Annotated[
        str | None, typer.Option(help="The CSV column with the statement URL or path.")
    ] = None,
    registry: Annotated[
        Path | None,
        typer.Option(
            help="The UK registry's CSV export: rows with only a name or company number get "
            "their statement URL from it (written to STORE.registry.csv and checked from there)."
        ),
    ] = None,
    *,
    check: CheckOptions,
    progress: Annotated[
        ProgressMode, typer.Option(help="auto: a bar on a terminal, else a line every 100 items.")
    ] = ProgressMode.auto,
    engine: Annotated[
        BatchEngine,
        typer.Option(
            help="local: processes on this machine; dask: analysis on a Dask cluster "
            "(needs the dask extra)."
        ),
    ] = BatchEngine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="With --engine dask: a running scheduler (tcp://HOST:8786). "
            "Default: a local cluster of --workers processes for this run."
        ),
    ] = None,
    debug: Debug = False,
    fetch: FetchOptions,
) -> None:
    """Check every statement a list names; store each result as it finishes; resume if run again.

    Exit codes: 0 the run finished (failed items are results, in the store); 2 usage
    error; 4 internal error; 130 interrupted (finished items are kept).
    """
    store_path = store or default_store(source)
    checked_list = source
    if registry is not None:
        checked_list = guarded(lambda: _resolve(source, registry, store_path, stderr), debug)
        url_column = "registry_url"

    def run() -> None:
        # Imported here: a batch loads spaCy and the fetch stage, which `--help` must not wait for.
        from msa_check.batch.run import run_batch

        run_batch(
            checked_list, store_path, check_options=check, workers=workers,
            fetch_threads=fetch_threads, per_host=per_host, fetch_options=fetch,
            refresh=refresh, retry_failed=retry_failed,
            retry_worker_deaths=retry_worker_deaths, url_column=url_column,
            engine=engine.value, scheduler=scheduler, progress=_listener(progress, stderr),
        )  # fmt: skip

    try:
        guarded(run, debug)
    except KeyboardInterrupt:
        stored = _stored_count(store_path)
        held = f"{counted(stored, 'result')} {'is' if stored == 1 else 'are'} in {store_path}"
        stderr.print(f"msa-check: interrupted; {held}: run the same command again to resume",
                     markup=False)  # fmt: skip
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    summary = guarded(lambda: summarise_store(store_path), debug)
    from msa_check.batch.console import summary_tables

    PipeSafeConsole(highlight=False).print(summary_tables(summary))
    deaths = sum(
        n for (error_class, _), n in summary.failures.items() if error_class == "WorkerDied"
    )
    if deaths and retry_failed and not retry_worker_deaths:
        stderr.print(f"{counted(deaths, 'item')} that killed the analysis process "
                     f"{'was' if deaths == 1 else 'were'} not retried "
                     "(--retry-worker-deaths tries them again)", markup=False)  # fmt: skip
    stderr.print(f"Results in {store_path}; export them with: msa-check export {store_path}",
                 markup=False)  # fmt: skip


def export_command(
    store: Annotated[Path, typer.Argument(help="A results store written by msa-check batch.")],
    output_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="File format.")
    ] = ExportFormat.csv,
    shape: Annotated[
        Shape,
        typer.Option(help="wide: one row per item; long: one row per evidence sentence."),
    ] = Shape.wide,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    debug: Debug = False,
) -> None:
    """Export a results store as CSV, JSON lines, an .xlsx workbook or Parquet (columns:
    docs/batch.md). xlsx needs the xlsx extra and parquet the parquet extra.

    Exit codes: 0 written; 2 usage error (no such store, a damaged one, xlsx or parquet
    without --output, the format's extra not installed); 4 internal error.
    """
    count = guarded(lambda: export_to(store, output, output_format, shape, sys.stdout), debug)
    if output is not None:
        stderr.print(f"{counted(count, 'row')} written to {output}", markup=False)


def _resolve(source: Path, registry: Path, store_path: Path, stderr: Console) -> Path:
    """Write the list with each row's statement URL from the registry; say what was not found."""
    from msa_check.batch.registry_lookup import RegistryIndex
    from msa_check.batch.registry_resolve import resolve_supplier_list

    output = store_path.with_name(store_path.name + ".registry.csv")
    with RegistryIndex.open(registry) as index:
        found = resolve_supplier_list(source, index, output)
    stderr.print(
        f"registry: {found.found} of {found.rows} suppliers found in {registry}, "
        f"{found.kept} had their own URL, {len(found.not_found)} not found"
        + (f" ({', '.join(found.not_found[:5])}{' ...' if len(found.not_found) > 5 else ''})"
           if found.not_found else "")
        + f"; the list with URLs is {output}",
        markup=False,
    )  # fmt: skip
    return output


def _listener(mode: ProgressMode, stderr: Console) -> ProgressListener | None:
    from msa_check.batch.progress import BarProgress, LogProgress

    if mode is ProgressMode.none:
        return None
    # The note on pacing names the flag that changes the interval.
    if mode is ProgressMode.bar or (mode is ProgressMode.auto and stderr.is_terminal):
        return BarProgress(stderr, setting="--host-interval")
    return LogProgress(stderr, setting="--host-interval")


def _stored_count(path: Path) -> int:
    try:
        with ResultStore.open(path, create=False) as results:
            return results.count()
    except MsaCheckError:
        return 0  # no store yet: nothing was kept
