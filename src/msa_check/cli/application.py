"""The msa-check command: the typer app, its commands and `main`.

Each command lives in a module of its own beside this one; everything that matters
happens in functions a test can call without the CLI.
"""

from __future__ import annotations

from typing import Annotated

import typer

from msa_check import __version__
from msa_check.cli.batch import batch_command, export_command
from msa_check.cli.check import check_command
from msa_check.cli.classifier import classifier_app
from msa_check.cli.compare import compare_command
from msa_check.cli.evaluate import evaluate_command
from msa_check.cli.help import HELP_SETTINGS, readable_help
from msa_check.cli.registry import registry_app
from msa_check.cli.report import report_command
from msa_check.cli.rules import rules_app
from msa_check.cli.serve import serve_command

app = typer.Typer(
    **HELP_SETTINGS,
    name="msa-check",
    no_args_is_help=True,
    add_completion=True,  # --install-completion and --show-completion (bash, zsh, fish, PowerShell)
    pretty_exceptions_enable=False,
)
app.command("check")(check_command)
app.add_typer(rules_app)
app.command("evaluate")(evaluate_command)
app.add_typer(classifier_app)
app.command("batch")(batch_command)
app.command("export")(export_command)
app.command("report")(report_command)
app.add_typer(registry_app)
app.command("compare")(compare_command)
app.command("serve")(serve_command)
readable_help(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"msa-check {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Check modern slavery statements against the law, with quoted evidence.

    Exit codes: 0 every mandatory criterion checked is met; 1 a mandatory criterion missing
    or only partly met, or no statement found from the homepage; 2 usage or rule-file
    error; 3 the statement could not be fetched or read; 4 an internal error in msa-check
    (please report it); 5 not a modern slavery statement; 6 stale (its period ended over
    18 months ago); 130 interrupted.
    """


def main() -> None:
    app(prog_name="msa-check")


if __name__ == "__main__":
    main()
