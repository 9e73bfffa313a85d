"""`msa-check rules ...`: list, show, validate and document rule sets."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from msa_check.cli.exits import PipeSafeConsole, error_exit, stderr
from msa_check.cli.help import HELP_SETTINGS
from msa_check.errors import ExitCode, MsaCheckError, UsageError
from msa_check.report.console_table import ID_COLUMN_MOST, MANDATORY_MARK, WIDE, wrap_identifier
from msa_check.rules.schema import CheckedBy

if TYPE_CHECKING:
    from msa_check.rules.catalogue import CatalogueEntry
    from msa_check.rules.schema import RuleSet

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
    stdout = _stdout()
    stdout.print(rule_sets_table(entries))
    for origin in origins_of_user_sets(entries):
        stdout.print(origin)


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
    table = criteria_table(rule_set)
    stdout = _stdout()
    stdout.print(table)
    if rule_set.extends:
        stdout.print(f"Extends {rule_set.extends}. File: {rule_set.path}", markup=False)


# Both tables are read at 80 columns (a pipe, a default terminal) as well as wide: ids and
# names are never wrapped inside a word (a long criterion id wraps after an underscore, as
# in the check report), titles and references wrap at words, and nothing is cut.


def rule_sets_table(entries: Sequence[CatalogueEntry]) -> Table:
    """`rules list`: one row a rule set."""
    table = Table(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True,
        caption="criteria: how many (how many mandatory)", caption_justify="left",
    )  # fmt: skip
    table.add_column("id", no_wrap=True)
    table.add_column("criteria", justify="right", no_wrap=True)
    table.add_column("version", no_wrap=True)
    table.add_column("where", no_wrap=True)
    table.add_column("title", ratio=1)
    for entry in entries:
        rule_set = entry.rule_set
        mandatory = sum(1 for c in rule_set.criteria if c.mandatory)
        table.add_row(
            Text(rule_set.id, style="bold"),
            f"{len(rule_set.criteria)} ({mandatory})",
            rule_set.version,
            rule_set.jurisdiction or "",
            rule_set.title,
        )
    return table


def origins_of_user_sets(entries: Sequence[CatalogueEntry]) -> list[RenderableType]:
    """Under the table, at its full width: where each user rule set was named."""
    return [
        _PathWords(f"{entry.rule_set.id}: {entry.name} (via {entry.origin})")
        for entry in entries
        if entry.origin != "bundled"
    ]


@dataclass(frozen=True)
class _PathWords:
    """Words wrapped at spaces, and a path too long for a line wrapped after a "/"."""

    text: str

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width, 8)
        lines = textwrap.wrap(self.text, width, break_long_words=False, break_on_hyphens=False)
        pieces = [piece for line in lines for piece in wrap_identifier(line, width, "/")]
        yield Text("\n".join(pieces))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(min(8, options.max_width), min(len(self.text), options.max_width))


class _CriteriaTable:
    """`rules show`: each criterion's id (`*` if mandatory), then its title and, below it,
    its legal reference and what it is judged on when that is not the text."""

    def __init__(self, rule_set: RuleSet) -> None:
        self.rule_set = rule_set

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        rule_set = self.rule_set
        longest = max((len(c.id) + len(MANDATORY_MARK) for c in rule_set.criteria), default=9)
        # Whole ids where there is room; at 80 columns a long one wraps at its underscores.
        most = ID_COLUMN_MOST if options.max_width < WIDE else 2 * ID_COLUMN_MOST
        id_width = max(min(longest, most), len("criterion"))
        table = Table(
            title=f"{rule_set.title} ({rule_set.id}, version {rule_set.version})",
            title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
            expand=True, leading=1, caption=f"{MANDATORY_MARK.strip()} mandatory",
            caption_justify="left",
        )  # fmt: skip
        table.add_column("criterion", width=id_width, no_wrap=True)
        table.add_column("title; legal reference", ratio=1)
        for criterion in rule_set.criteria:
            name = criterion.id + (MANDATORY_MARK if criterion.mandatory else "")
            about = Text(criterion.title)
            if criterion.reference is not None:
                reference = criterion.reference
                about.append(f"\n{reference.law}, {reference.section}", style="dim")
            if criterion.checked_by is not CheckedBy.TEXT:
                about.append(f"\njudged on the {criterion.checked_by.value}", style="dim")
            table.add_row(Text("\n".join(wrap_identifier(name, id_width)), style="bold"), about)
        yield table


def criteria_table(rule_set: RuleSet) -> RenderableType:
    return _CriteriaTable(rule_set)


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
    from msa_check.rules.backtracking import backtracking_warnings
    from msa_check.rules.examples import run_examples
    from msa_check.rules.loading import RuleValidationError, load_rule_set

    nlp = load_pipeline()
    stdout = _stdout()
    failed = False
    for path in paths:
        try:
            rule_set = load_rule_set(path, spacy_checks=True)  # a bundled file's too
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
