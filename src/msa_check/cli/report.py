"""`msa-check report STORE`: the supplier dashboard of a batch, or its table as a file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from msa_check.cli.exits import guarded, stderr
from msa_check.cli.options import Debug
from msa_check.report.dashboard_output import DashboardFormat, write_dashboard


def report_command(
    store: Annotated[Path, typer.Argument(help="A results store written by msa-check batch.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    output_format: Annotated[
        DashboardFormat,
        typer.Option(
            "--format", "-f", help="html: the dashboard page; csv, xlsx, json: its table."
        ),
    ] = DashboardFormat.html,
    title: Annotated[str | None, typer.Option(help="The page's title.")] = None,
    debug: Debug = False,
) -> None:
    """The supplier dashboard of a batch: ratings, verdicts per criterion, one row and one
    section per supplier (rules: docs/batch.md).

    Exit codes: 0 written; 2 usage error (no such store, xlsx without --output); 4 internal
    error.
    """
    destination = sys.stdout if output is None else output
    count = guarded(lambda: write_dashboard(store, destination, output_format, title), debug)
    if output is not None:
        stderr.print(f"{count} suppliers written to {output}", markup=False)
