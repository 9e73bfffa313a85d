"""`msa-check check`: one statement, criterion by criterion, with quoted evidence."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from msa_check.check_options import CheckOptions
from msa_check.cli.exits import PipeSafeConsole, guarded, silence_broken_pipe, stderr
from msa_check.cli.options import Debug, with_check_options, with_fetch_options
from msa_check.errors import STATUS_EXIT_CODES, ExitCode, UsageError
from msa_check.fetch.options import FetchOptions
from msa_check.report import FORMATS, print_report
from msa_check.report.wording import TEXT_WIDTH

if TYPE_CHECKING:
    from msa_check.models import Report

# One table of formats: the renderer map in report/ (a format added there is an option here).
OutputFormat = Enum("OutputFormat", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]
DEFAULT_FORMAT = OutputFormat("console")


@with_fetch_options
@with_check_options()
def check_command(
    source: Annotated[
        str, typer.Argument(help="A URL (a statement or a homepage), a local file, or - for stdin.")
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Report format.")
    ] = DEFAULT_FORMAT,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    *,
    check: CheckOptions,
    homepage: Annotated[
        str | None,
        typer.Option(
            help="The organisation's homepage (http/https URL), where the statement's homepage"
            " link is checked when the statement is elsewhere (a document host, another domain).",
        ),
    ] = None,
    brief: Annotated[
        bool, typer.Option(help="Console report: only the headline, the flags and the verdicts.")
    ] = False,
    width: Annotated[
        int | None,
        typer.Option(
            min=40,
            help="Console report width in columns."
            " Default: the terminal's; 80 in a pipe; 100 in an --output file.",
        ),
    ] = None,
    debug: Debug = False,
    fetch: FetchOptions,
) -> None:
    """Check one statement and report, criterion by criterion, with quoted evidence.

    Exit codes: 0 every mandatory criterion checked is met; 1 one is missing or partial,
    or the homepage leads to no statement; 2 usage error; 3 the statement could not be
    fetched or read; 4 internal error; 5 not a modern slavery statement (unless
    --treat-as-statement); 6 stale (its period ended over 18 months ago); 130 interrupted.
    """

    def run() -> Report:
        # Imported here: the checker loads spaCy and the readers, which `--help` must not wait for.
        from msa_check.checker import Checker

        if brief and output_format.value != "console":
            raise UsageError(
                f"--brief shortens the console report, not --format {output_format.value}"
            )
        if homepage is not None and not homepage.lower().startswith(("http://", "https://")):
            raise UsageError(f"--homepage {homepage!r} is not an http or https URL")
        # Validate rules and the model before any fetch: a typo should not cost a download.
        checker = Checker.from_options(check)
        return checker.check_source(
            source, fetch, max_pages=check.max_pages, discover=check.discover, homepage=homepage
        )

    try:
        report = guarded(run, debug)
        _write(report, output_format.value, output, debug, brief=brief, width=width)
    except KeyboardInterrupt:
        stderr.print("msa-check: interrupted", markup=False)
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    raise typer.Exit(STATUS_EXIT_CODES[report.status.value])


def _write(
    report: Report, fmt: str, output: Path | None, debug: bool, *, brief: bool, width: int | None
) -> None:
    if output is None:
        try:
            print_report(report, fmt, PipeSafeConsole(highlight=False, width=width), brief=brief)
            sys.stdout.flush()  # a closed pipe may show only here, not in print
        except BrokenPipeError:
            silence_broken_pipe()  # `| head`: the exit code still tells the verdict
        return

    def write_file() -> None:
        try:
            with output.open("w", encoding="utf-8") as file:
                console = Console(file=file, width=width or TEXT_WIDTH, color_system=None)
                print_report(report, fmt, console, brief=brief)
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from exc

    guarded(write_file, debug)
    stderr.print(f"Report written to {output}")
