"""The msa-check command: parse options, build the parts, run, map the result to an exit code.

Everything that matters happens in functions a test can call without the CLI; this
module only wires them together and turns errors into one clear line on stderr.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from msa_check import __version__
from msa_check.checker import Checker, load_rule_sets
from msa_check.cli_batch import batch_command, export_command
from msa_check.cli_classifier import classifier_app
from msa_check.cli_common import (
    Debug,
    Discover,
    MaxPages,
    Ocr,
    PipeSafeConsole,
    RuleNames,
    SpacyModel,
    guarded,
    silence_broken_pipe,
    stderr,
    with_fetch_options,
)
from msa_check.cli_compare import compare_command
from msa_check.cli_evaluate import evaluate_command
from msa_check.cli_rules import rules_app
from msa_check.errors import ExitCode, UsageError
from msa_check.fetch import FetchOptions
from msa_check.models import Report
from msa_check.nlp import DEFAULT_MODEL, load_pipeline
from msa_check.report import print_report
from msa_check.rules.catalogue import choose_rule_sets

app = typer.Typer(
    name="msa-check",
    help="Check modern slavery statements against the law, with quoted evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(rules_app)
app.command("evaluate")(evaluate_command)
app.add_typer(classifier_app)
app.command("batch")(batch_command)
app.command("export")(export_command)
app.command("compare")(compare_command)


class OutputFormat(str, Enum):
    console = "console"
    json = "json"
    markdown = "markdown"
    html = "html"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"msa-check {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Check modern slavery statements against the law, with quoted evidence.

    Exit codes: 0 every mandatory criterion met; 1 a mandatory criterion missing or only
    partly met; 2 usage or rule-file error; 3 the statement could not be fetched or read;
    4 an internal error in msa-check (please report it); 130 interrupted.
    """


@app.command()
@with_fetch_options
def check(
    source: Annotated[
        str, typer.Argument(help="A URL (a statement or a homepage), a local file, or - for stdin.")
    ],
    rules: RuleNames = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Report format.")
    ] = OutputFormat.console,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    model: SpacyModel = DEFAULT_MODEL,
    classifier: Annotated[
        str | None,
        typer.Option(help="Use this classifier model (name or folder) for every classifier rule."),
    ] = None,
    discover: Discover = True,
    max_pages: MaxPages = None,
    ocr: Ocr = False,
    debug: Debug = False,
    *,
    fetch: FetchOptions,
) -> None:
    """Check one statement and report, criterion by criterion, with quoted evidence."""

    def run() -> Report:
        # Validate rules and the model before any fetch: a typo should not cost a download.
        checker = Checker(
            load_rule_sets(choose_rule_sets(rules).names),
            load_pipeline(model),
            classifier_model=classifier,
            ocr=ocr,
        )
        return checker.check_source(source, fetch, max_pages=max_pages, discover=discover)

    try:
        report = guarded(run, debug)
        _write(report, output_format.value, output, debug)
    except KeyboardInterrupt:
        stderr.print("msa-check: interrupted", markup=False)
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    raise typer.Exit(ExitCode.OK if report.mandatory_met else ExitCode.MANDATORY_UNMET)


def _write(report: Report, fmt: str, output: Path | None, debug: bool) -> None:
    if output is None:
        try:
            print_report(report, fmt, PipeSafeConsole(highlight=False))
            sys.stdout.flush()  # a closed pipe may show only here, not in print
        except BrokenPipeError:
            silence_broken_pipe()  # `| head`: the exit code still tells the verdict
        return

    def write_file() -> None:
        try:
            with output.open("w", encoding="utf-8") as file:
                print_report(report, fmt, Console(file=file, width=100, color_system=None))
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from exc

    guarded(write_file, debug)
    stderr.print(f"Report written to {output}")


def main() -> None:
    app(prog_name="msa-check")


if __name__ == "__main__":
    main()
