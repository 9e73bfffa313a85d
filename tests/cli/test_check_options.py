"""with_check_options: the check options declared once, received as one CheckOptions, in
the order the command's help lists them."""

from __future__ import annotations

from typing import Annotated

import pytest
import typer
from typer.testing import CliRunner

from msa_check.check_options import CheckOptions
from msa_check.cli.options import with_check_options
from msa_check.extract.pdf_engine import PdfEngine

received: list[CheckOptions] = []


@with_check_options()
def _command(
    source: Annotated[str, typer.Argument(help="A source.")],
    before: Annotated[bool, typer.Option(help="Before the check options.")] = False,
    *,
    check: CheckOptions,
    after: Annotated[bool, typer.Option(help="After them.")] = False,
) -> None:
    received.append(check)


@with_check_options(classifier=False)
def _without_classifier(*, check: CheckOptions) -> None:
    received.append(check)


def _run(command: object, args: list[str]) -> CheckOptions:
    app = typer.Typer()
    app.command()(command)
    received.clear()
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    (options,) = received
    return options


def test_no_option_given_is_the_defaults() -> None:
    assert _run(_command, ["a.txt"]) == CheckOptions()


def test_each_option_reaches_its_field() -> None:
    given = ["a.txt", "-r", "uk-msa-s54,au-msa-s16", "--rules", "ca-s211", "--model", "m"]
    given += ["--classifier", "c", "--no-discover", "--max-pages", "3", "--max-chars", "9"]
    given += ["--ocr", "--pdf-engine", "pdfplumber", "--treat-as-statement", "--after"]
    assert _run(_command, given) == CheckOptions(
        rules=("uk-msa-s54,au-msa-s16", "ca-s211"),
        model="m",
        classifier_model="c",
        discover=False,
        max_pages=3,
        max_chars=9,
        ocr=True,
        pdf_engine=PdfEngine.PDFPLUMBER,
        treat_as_statement=True,
    )


def test_rules_first_and_the_others_where_check_stands() -> None:
    app = typer.Typer()
    app.command()(_command)
    text = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "200"}).output
    order = ["--rules", "--before", "--model", "--classifier", "--discover", "--max-pages"]
    order += ["--max-chars", "--ocr", "--pdf-engine", "--treat-as-statement", "--after"]
    places = [text.index(option) for option in order]
    assert places == sorted(places), text


def test_without_the_classifier_option() -> None:
    assert _run(_without_classifier, ["--max-pages", "2"]) == CheckOptions(max_pages=2)
    app = typer.Typer()
    app.command()(_without_classifier)
    result = CliRunner().invoke(app, ["--classifier", "c"])
    assert result.exit_code == 2 and "No such option" in result.output


def test_a_command_without_check_is_refused() -> None:
    def command(*, debug: bool = False) -> None: ...

    with pytest.raises(TypeError, match="declares no `check: CheckOptions`"):
        with_check_options()(command)
