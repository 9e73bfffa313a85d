"""The msa-check command: parse options, build the parts, run, map the result to an exit code.

Everything that matters happens in functions a test can call without the CLI; this
module only wires them together and turns errors into one clear line on stderr.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console

from msa_check import __version__
from msa_check.check import Checker, load_rule_sets
from msa_check.cli_evaluate import evaluate_command
from msa_check.cli_rules import rules_app
from msa_check.errors import ExitCode, MsaCheckError, UsageError
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
stderr = Console(stderr=True, highlight=False, soft_wrap=True)
T = TypeVar("T")
MEGABYTE = 1024 * 1024


class OutputFormat(str, Enum):
    console = "console"
    json = "json"
    markdown = "markdown"


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
    4 an internal error in msa-check (please report it).
    """


@app.command()
def check(
    source: Annotated[
        str, typer.Argument(help="A URL (http/https), a local file, or - for stdin.")
    ],
    rules: Annotated[
        list[str] | None,
        typer.Option(
            "--rules",
            "-r",
            help="Rule set name or YAML path; repeat or comma-separate. "
            "Default: $MSA_CHECK_RULES, else the config file's rules, else uk-msa-s54.",
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Report format.")
    ] = OutputFormat.console,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    model: Annotated[
        str, typer.Option(help="spaCy pipeline: blank:en (default) or an installed one.")
    ] = DEFAULT_MODEL,
    max_mb: Annotated[
        float, typer.Option("--max-mb", min=0.001, help="Refuse statements larger than this.")
    ] = 50.0,
    connect_timeout: Annotated[float, typer.Option(min=0.1, help="Seconds to connect.")] = 10.0,
    read_timeout: Annotated[float, typer.Option(min=0.1, help="Seconds between bytes.")] = 30.0,
    max_pages: Annotated[
        int | None, typer.Option(min=1, help="Read at most this many PDF pages.")
    ] = None,
    debug: Annotated[bool, typer.Option(help="Show tracebacks of errors.")] = False,
) -> None:
    """Check one statement and report, criterion by criterion, with quoted evidence."""
    fetch_options = FetchOptions(
        connect_timeout=connect_timeout,
        read_timeout=read_timeout,
        max_bytes=int(max_mb * MEGABYTE),
    )

    def run() -> Report:
        # Validate rules and the model before any fetch: a typo should not cost a download.
        checker = Checker(load_rule_sets(choose_rule_sets(rules).names), load_pipeline(model))
        return checker.check_source(source, fetch_options, max_pages=max_pages)

    report = _guarded(run, debug)
    _write(report, output_format.value, output, debug)
    raise typer.Exit(ExitCode.OK if report.mandatory_met else ExitCode.MANDATORY_UNMET)


def _write(report: Report, fmt: str, output: Path | None, debug: bool) -> None:
    if output is None:
        print_report(report, fmt, Console(highlight=False))
        return

    def write_file() -> None:
        try:
            with output.open("w", encoding="utf-8") as file:
                print_report(report, fmt, Console(file=file, width=100, color_system=None))
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from exc

    _guarded(write_file, debug)
    stderr.print(f"Report written to {output}")


def _guarded(action: Callable[[], T], debug: bool) -> T:
    """Run `action`; turn our errors into one line on stderr and their exit code."""
    try:
        return action()
    except MsaCheckError as exc:
        if debug:
            traceback.print_exc()
        stderr.print(f"msa-check: error: {exc.message}", markup=False)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        stderr.print("msa-check: interrupted", markup=False)
        raise typer.Exit(130) from None
    except Exception as exc:  # a bug in msa-check: say so, without a traceback unless asked
        if debug:
            traceback.print_exc()
        stderr.print(
            f"msa-check: internal error: {type(exc).__name__}: {exc} "
            "(run with --debug for the traceback, and please report it)",
            markup=False,
        )
        raise typer.Exit(ExitCode.INTERNAL) from None


def main() -> None:
    app(prog_name="msa-check")


if __name__ == "__main__":
    main()
