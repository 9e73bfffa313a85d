"""`msa-check rules ...`: list, show, validate and document rule sets."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from msa_check.cli.help import HELP_SETTINGS
from msa_check.cli.options import PipeSafeConsole, error_exit, stderr
from msa_check.errors import ExitCode, MsaCheckError, UsageError

rules_app = typer.Typer(
    **HELP_SETTINGS,
    name="rules",
    help="List, show, validate and document rule sets.",
    no_args_is_help=True,
)


def _stdout() -> Console:
    # Made per command, so the width follows the terminal (or COLUMNS) of this run.
    return PipeSafeConsole(highlight=False)


@rules_app.command("list")
def list_rule_sets(
    rules: Annotated[
        list[str] | None,
        typer.Option("--rules", "-r", help="Also list these user rule files."),
    ] = None,
) -> None:
    """Bundled rule sets and the user's own (from --rules, MSA_CHECK_RULES, the config file).

    Exit codes: 0 listed; 2 a rule file that cannot be read.
    """
    from msa_check.rules.catalogue import catalogue

    try:
        entries = catalogue(rules or [])
    except MsaCheckError as error:
        raise error_exit(error) from None
    table = Table(box=box.SIMPLE_HEAD, caption="criteria: how many (how many mandatory)")
    table.add_column("id", no_wrap=True)
    table.add_column("criteria", justify="right", no_wrap=True)
    table.add_column("version", no_wrap=True)
    table.add_column("where", no_wrap=True)
    table.add_column("title", ratio=2, min_width=16)
    user_sets = any(entry.origin != "bundled" for entry in entries)
    if user_sets:
        table.add_column("from", ratio=1, overflow="fold")
    for entry in entries:
        rule_set = entry.rule_set
        row: list[RenderableType] = [
            Text(rule_set.id, style="bold"),
            f"{len(rule_set.criteria)} ({sum(1 for c in rule_set.criteria if c.mandatory)})",
            rule_set.version,
            rule_set.jurisdiction or "",
            rule_set.title,
        ]
        if user_sets:
            bundled = entry.origin == "bundled"
            row.append("bundled" if bundled else f"{entry.name} (via {entry.origin})")
        table.add_row(*row)
    _stdout().print(table)


@rules_app.command("show")
def show_rule_set(
    name: Annotated[str, typer.Argument(help="A bundled rule set's id or a rule file's path.")],
) -> None:
    """The criteria of one rule set: ids, titles, legal references, mandatory flags.

    Exit codes: 0 shown; 2 no such rule set, or a rule file that does not validate.
    """
    from msa_check.rules.loading import load_rule_set

    try:
        rule_set = load_rule_set(name)
    except MsaCheckError as error:
        raise error_exit(error) from None
    title = f"{rule_set.title} ({rule_set.id}, version {rule_set.version})"
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("criterion", no_wrap=True)
    table.add_column("title", ratio=2)
    table.add_column("reference", ratio=1)
    table.add_column("mandatory", no_wrap=True)
    table.add_column("judged on", no_wrap=True)
    for criterion in rule_set.criteria:
        reference = criterion.reference
        table.add_row(
            Text(criterion.id, style="bold"),
            criterion.title,
            f"{reference.law}, {reference.section}" if reference else "",
            "yes" if criterion.mandatory else "no",
            criterion.checked_by.value,
        )
    stdout = _stdout()
    stdout.print(table)
    if rule_set.extends:
        stdout.print(f"Extends {rule_set.extends}. File: {rule_set.path}")


@rules_app.command("validate")
def validate_rule_files(
    paths: Annotated[list[str], typer.Argument(help="Rule files (or bundled names) to check.")],
) -> None:
    """Check rule files against the schema and run their examples.

    Exit codes: 0 every file is valid and its examples pass; 2 any problem (each one is
    printed on stderr).
    """
    # Imported here: running the examples loads spaCy, which `--help` must not wait for.
    from msa_check.nlp import load_pipeline
    from msa_check.rules.examples import run_examples
    from msa_check.rules.loading import RuleValidationError, load_rule_set
    from msa_check.rules.validate import backtracking_warnings

    nlp = load_pipeline()
    stdout = _stdout()
    failed = False
    for path in paths:
        try:
            rule_set = load_rule_set(path)
        except RuleValidationError as error:
            failed = True
            for problem in error.problems:
                stderr.print(str(problem), markup=False)
            continue
        except MsaCheckError as error:
            failed = True
            # Errors of reading the file already start with its name (and line).
            where = "" if error.message.startswith(path) else f"{path}: "
            stderr.print(f"{where}{error.message}", markup=False)
            continue
        for warning in backtracking_warnings(rule_set):
            stderr.print(f"{path}: warning: {warning}", markup=False)
        try:
            outcomes = list(run_examples(rule_set, nlp))
        except MsaCheckError as error:  # e.g. a classifier model that does not load
            failed = True
            stderr.print(f"{path}: {error.message}", markup=False)
            continue
        wrong = [o for o in outcomes if not o.ok]
        for outcome in wrong:
            stderr.print(f"{path}: example fails: {outcome.describe()}", markup=False)
        failed = failed or bool(wrong)
        if not wrong:
            stdout.print(
                f"ok: {path} ({rule_set.id}: {len(rule_set.criteria)} criteria, "
                f"{len(outcomes)} examples pass)",
                markup=False,
            )
    if failed:
        raise typer.Exit(ExitCode.USAGE)


@rules_app.command("docs")
def write_reference(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")
    ] = None,
) -> None:
    """The Markdown criteria reference of the bundled rule sets, generated from the files.

    Exit codes: 0 written; 2 the output file cannot be written.
    """
    from msa_check.rules.loading import bundled_rule_sets, load_rule_set
    from msa_check.rules.reference import render_reference

    try:
        text = render_reference([load_rule_set(name) for name in bundled_rule_sets()])
        if output is None:
            typer.echo(text, nl=False)
            return
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from exc
    except MsaCheckError as error:
        raise error_exit(error) from None
    stderr.print(f"Reference written to {output}")
