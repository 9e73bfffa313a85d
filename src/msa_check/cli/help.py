"""`--help` that reads at 80 columns: Click's plain layout with plain type names.

Typer's Rich panels squeezed each option's description into about 15 columns at 80,
showed types as `<list[str]>` and ate `[ocr]` as Rich markup. Every command of the app is
built as a ReadableCommand (see `readable_help`): two columns, the description wrapped
beside the option, types named as Click names them (TEXT, PATH, INTEGER, NUMBER, or the
choices), arguments in capitals.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

if TYPE_CHECKING:
    from typer._click import Context, HelpFormatter

_TYPE_NAMES: dict[Any, str] = {str: "TEXT", Path: "PATH", int: "INTEGER", float: "NUMBER"}


def plain_metavar(option: TyperOption) -> str | None:
    """TEXT, PATH, INTEGER, NUMBER or [a|b|c] for an option's value; None for a flag."""
    if option.is_flag or option.count:
        return None
    descriptor = option.type_descriptor
    if descriptor.choices:
        return "[" + "|".join(str(getattr(c, "value", c)) for c in descriptor.choices) + "]"
    annotation = descriptor.annotation
    if descriptor.is_list:
        (annotation,) = get_args(annotation)
    return _TYPE_NAMES.get(annotation, getattr(annotation, "__name__", "VALUE").upper())


EXIT_CODES = "Exit codes:"


def exit_codes_last(command: TyperCommand | TyperGroup) -> None:
    """Move the "Exit codes: ..." paragraph of a command's docstring to its epilog, so its
    help ends with them, after the options, where a reader looks for them."""
    paragraphs = (command.help or "").split("\n\n")
    codes = [p for p in paragraphs if p.lstrip().startswith(EXIT_CODES)]
    if codes and not command.epilog:
        command.help = "\n\n".join(p for p in paragraphs if p not in codes)
        command.epilog = " ".join(" ".join(codes).split())


def _argument_name(argument: TyperArgument) -> str:
    name = (argument.metavar or argument.name or "value").upper()
    return f"{name}..." if argument.nargs != 1 else name


class ReadableCommand(TyperCommand):
    """A typer command whose help reads at 80 columns (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        exit_codes_last(self)
        for param in self.params:
            if isinstance(param, TyperArgument) and param.metavar is None and param.name:
                param.metavar = param.name.upper()  # "Missing argument 'SOURCE'", as in usage
            if not isinstance(param, TyperOption):
                continue
            if param.metavar is None:
                param.metavar = plain_metavar(param)
            if param.is_flag and param.secondary_opts and param.default is False:
                # "[default: no-debug]" says only that an off switch is off.
                param.show_default = False

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                name = _argument_name(param)
                pieces.append(name if param.required else f"[{name}]")
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if isinstance(param, TyperArgument):
                arguments.append((_argument_name(param), record[1]))
            else:
                options.append(record)
        for heading, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(heading):
                    formatter.write_dl(rows)


# Enough for any command's first sentence: the commands list wraps it rather than cut it.
_SHORT_HELP_LIMIT = 200


class ReadableGroup(TyperGroup):
    """A typer group whose commands list gives each command's whole first sentence, wrapped
    (Click cuts it to the width left, e.g. "Check one statement and report, criterion...")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        exit_codes_last(self)

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(_SHORT_HELP_LIMIT)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


# What every typer.Typer of the CLI is made with: plain help, commands listed whole.
HELP_SETTINGS: dict[str, Any] = {"cls": ReadableGroup, "rich_markup_mode": None}


def readable_help(app: typer.Typer) -> None:
    """Build every command of `app` and of its sub-apps as a ReadableCommand (each app is
    made with `cls=ReadableGroup, rich_markup_mode=None`, see HELP_SETTINGS)."""
    for command in app.registered_commands:
        if command.cls in (None, TyperCommand):
            command.cls = ReadableCommand
    for group in app.registered_groups:
        if group.typer_instance is not None:
            readable_help(group.typer_instance)


__all__ = ["HELP_SETTINGS", "ReadableCommand", "ReadableGroup", "plain_metavar", "readable_help"]
