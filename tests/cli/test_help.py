"""Every command's `--help` reads at 80 columns (issue 17 item 5): no line wider, the
descriptions beside the options not squeezed, plain type names, every option explained,
Rich markup not eaten, and the exit codes at the end."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from msa_check.cli import app

WIDTH = 80
# Click puts the descriptions at most 30 + 2 columns in, then wraps them in what is left:
# at 80 columns, 46 or more. Rich's panels left about 15.
DESCRIPTION_COLUMN_AT_MOST = 34


def _command_paths() -> tuple[list[list[str]], list[list[str]]]:
    """Every group of the app (the app itself first) and every command, as the words that
    name them."""
    groups: list[list[str]] = [[]]
    commands: list[list[str]] = []

    def walk(group: typer.Typer, prefix: list[str]) -> None:
        for command in group.registered_commands:
            assert command.name, "every command is registered with its name"
            commands.append([*prefix, command.name])
        for sub in group.registered_groups:
            assert sub.typer_instance is not None and sub.typer_instance.info.name
            name = sub.typer_instance.info.name
            groups.append([*prefix, name])
            walk(sub.typer_instance, [*prefix, name])

    walk(app, [])
    return groups, commands


GROUPS, LEAVES = _command_paths()
COMMANDS = GROUPS + LEAVES


def _help(path: list[str]) -> str:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": str(WIDTH)})
    assert result.exit_code == 0, result.output
    return result.output


def test_every_command_is_listed() -> None:
    assert ["check"] in COMMANDS and ["rules", "validate"] in COMMANDS
    assert ["classifier", "train"] in COMMANDS and ["registry", "find"] in COMMANDS
    assert len(LEAVES) >= 13


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "msa-check")
def test_help_fits_80_columns_with_room_for_the_descriptions(path: list[str]) -> None:
    text = _help(path)
    assert all(len(line) <= WIDTH for line in text.splitlines()), text
    assert not re.search(r"<[a-z][\w\[\], ]*>", text), f"typer type names in: {text}"
    assert "╭" not in text and "│" not in text  # Click's plain layout, not Rich panels
    in_options = False
    for line in text.splitlines():
        if line in ("Options:", "Arguments:", "Commands:"):
            in_options = True
        elif in_options and line.startswith("   ") and line.strip():
            indent = len(line) - len(line.lstrip())
            assert indent <= DESCRIPTION_COLUMN_AT_MOST, f"squeezed: {line!r}"


@pytest.mark.parametrize("path", LEAVES, ids=" ".join)
def test_every_option_has_help_and_the_help_ends_with_the_exit_codes(path: list[str]) -> None:
    command = typer.main.get_command(app)
    for word in path:
        command = command.commands[word]  # type: ignore[attr-defined]
    for param in command.params:
        assert param.help, f"{' '.join(path)}: {param.name} has no help"  # type: ignore[attr-defined]
    last = _help(path).strip().split("\n\n")[-1]
    assert last.lstrip().startswith("Exit codes: 0 "), f"{' '.join(path)} ends: {last}"


def test_plain_type_names_and_markup_kept() -> None:
    text = _help(["check"])
    assert "-r, --rules TEXT" in text and "-o, --output PATH" in text
    assert "--max-pages INTEGER" in text and "--max-mb NUMBER" in text
    assert "-f, --format [console|json|markdown|html]" in text
    assert "Usage: msa-check check [OPTIONS] SOURCE" in text
    assert "[ocr]" in text  # Rich read it as markup and dropped it
    assert "0 every mandatory criterion checked is met" in " ".join(text.split())


def test_the_commands_list_gives_each_first_sentence_whole() -> None:
    text = " ".join(_help([]).split())
    assert "criterion by criterion, with quoted evidence." in text
    assert "..." not in text.split("Commands:")[1]
    assert "-V, --version" in text and "--install-completion" in text
    assert text.endswith("130 interrupted.")  # the app's own exit codes close its help


def test_a_missing_argument_is_named_as_the_usage_line_names_it() -> None:
    result = CliRunner().invoke(app, ["check"])
    assert result.exit_code == 2
    assert "Usage: msa-check check [OPTIONS] SOURCE" in result.output
    assert "Missing argument 'SOURCE'" in result.output
