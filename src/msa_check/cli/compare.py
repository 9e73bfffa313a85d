"""`msa-check compare OLD NEW`: two statements (two years of one company, say) side by side.

Each statement is read as `check` reads it (URL, homepage, file or "-"), checked against
the same rule sets, with the same reading options (`--max-chars`, `--ocr`, `--pdf-engine`,
`--treat-as-statement`), through the same Checker, and compared criterion by criterion by
msa_check.compare. Exit codes: 0 no criterion regressed; 1 a criterion regressed (its
verdict is worse in NEW); 2 usage or rule-file error; 3 a statement could not be fetched
or read; 4 internal error; 5 OLD or NEW is no statement (not a modern slavery statement,
or a homepage that leads to none), so no verdict was compared.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from msa_check.check_options import CheckOptions
from msa_check.cli.exits import PipeSafeConsole, guarded, stderr
from msa_check.cli.options import Debug, with_check_options, with_fetch_options
from msa_check.compare import Change, Comparison, compare_reports
from msa_check.errors import ExitCode, UsageError
from msa_check.fetch.options import FetchOptions
from msa_check.report.compare_json import render_comparison_json
from msa_check.report.compare_text import (
    comparison_renderables,
    render_comparison_console_text,
    render_comparison_markdown,
)

if TYPE_CHECKING:
    from msa_check.checker import Checker

STDIN = "-"


class CompareFormat(str, Enum):
    console = "console"
    json = "json"
    markdown = "markdown"


TEXT_RENDERERS: dict[CompareFormat, Callable[[Comparison], str]] = {
    CompareFormat.console: render_comparison_console_text,
    CompareFormat.json: render_comparison_json,
    CompareFormat.markdown: render_comparison_markdown,
}


def compare_sources(
    checker: Checker,
    old: str,
    new: str,
    options: FetchOptions,
    *,
    max_pages: int | None = None,
    discover: bool = True,
) -> Comparison:
    """Read, check and compare two statements; at most one of them may be stdin."""
    from msa_check.fetch import locate_statement

    if old == STDIN and new == STDIN:
        raise UsageError("only one of OLD and NEW can be - (standard input)")
    # Each side is read as `check` reads it; the sentences measure what was carried over.
    old_report, old_sentences = checker.check_located(
        locate_statement(old, options, discover=discover), max_pages=max_pages
    )
    new_report, new_sentences = checker.check_located(
        locate_statement(new, options, discover=discover), max_pages=max_pages
    )
    return compare_reports(old_report, new_report, old_sentences, new_sentences)


@with_fetch_options
@with_check_options()
def compare_command(
    old: Annotated[str, typer.Argument(help="The earlier statement: URL, file, or - for stdin.")],
    new: Annotated[str, typer.Argument(help="The later statement: URL, file, or - for stdin.")],
    output_format: Annotated[
        CompareFormat, typer.Option("--format", "-f", help="Comparison format.")
    ] = CompareFormat.console,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the comparison to this file.")
    ] = None,
    *,
    check: CheckOptions,
    debug: Debug = False,
    fetch: FetchOptions,
) -> None:
    """Compare two statements criterion by criterion: improved, regressed, carried over.

    Exit codes: 0 no criterion regressed; 1 a criterion's verdict is worse in NEW; 2 usage
    or rule-file error; 3 a statement could not be fetched or read; 4 internal error; 5 OLD
    or NEW is no statement (not a modern slavery statement, unless --treat-as-statement,
    or a homepage that leads to none), so no verdict was compared; 130 interrupted.
    """

    def run() -> Comparison:
        from msa_check.checker import Checker

        checker = Checker.from_options(check)
        return compare_sources(
            checker, old, new, fetch, max_pages=check.max_pages, discover=check.discover
        )

    try:
        comparison = guarded(run, debug)
        guarded(lambda: _write(comparison, output_format, output), debug)
    except KeyboardInterrupt:
        stderr.print("msa-check: interrupted", markup=False)
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    if output is not None:
        stderr.print(f"Comparison written to {output}")
    if not comparison.both_statements:
        raise typer.Exit(ExitCode.NOT_A_STATEMENT)
    regressed = comparison.with_change(Change.REGRESSED)
    raise typer.Exit(ExitCode.MANDATORY_UNMET if regressed else ExitCode.OK)


def _write(comparison: Comparison, fmt: CompareFormat, output: Path | None) -> None:
    if output is not None:
        try:
            output.write_text(TEXT_RENDERERS[fmt](comparison), encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from exc
        return
    if fmt is CompareFormat.console:
        console = PipeSafeConsole(highlight=False)
        for part in comparison_renderables(comparison):
            console.print(part)
        return
    sys.stdout.write(TEXT_RENDERERS[fmt](comparison))
