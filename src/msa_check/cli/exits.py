"""How a command ends when something goes wrong: an error as one line on stderr, naming the
flag that fixes it, with its exit code; a reader that leaves (`| head`), quietly."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TypeVar

import typer
from rich.console import Console

from msa_check.errors import ExitCode, MsaCheckError, Setting

T = TypeVar("T")
# soft_wrap: an error is one line a script can read, however narrow the terminal.
stderr = Console(stderr=True, highlight=False, soft_wrap=True)


# The flag that sets each setting a core error may name (see errors.Setting).
SETTING_FLAGS: Mapping[Setting, str] = MappingProxyType(
    {
        Setting.MAX_PAGES: "--max-pages",
        Setting.MAX_CHARS: "--max-chars",
        Setting.OCR: "--ocr",
        Setting.DEADLINE: "--deadline",
        Setting.MAX_BYTES: "--max-mb",
        Setting.IGNORE_ROBOTS: "--ignore-robots",
        Setting.CACHE_FOLDER: "--cache-dir or --no-cache",
        Setting.NO_CACHE: "--no-cache",
        Setting.MODEL: "--model",
        Setting.URL_COLUMN: "--url-column",
        Setting.OUTPUT_FILE: "--output FILE.xlsx",
        Setting.OUTPUT_PARQUET: "--output FILE.parquet",
        Setting.CSV_FORMAT: "--format csv",
        Setting.OTHER_STORE: "--store with another path",
        Setting.REFRESH_OR_OTHER_STORE: "--refresh (redo every item) or --store with another path",
        Setting.DASK_ENGINE: "--engine dask",
        Setting.UNLABELLED: "--unlabelled",
        Setting.NO_VECTORS: "--architecture ensemble (or drop --unlabelled)",
        Setting.ALLOW_PRIVATE_URLS: "--allow-private-urls",
    }
)


def error_exit(error: MsaCheckError) -> typer.Exit:
    """Print `msa-check: error: MESSAGE` on stderr, naming the flag that fixes it, if one does;
    return the Exit to raise."""
    stderr.print(f"msa-check: error: {error.worded(SETTING_FLAGS)}", markup=False)
    return typer.Exit(error.exit_code)


def silence_broken_pipe() -> None:
    """The reader of our output has gone (`| head`): send the rest nowhere, quietly."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


class PipeSafeConsole(Console):
    """A console for stdout that, when the reader goes (`| head`), stops writing quietly.

    Rich's own answer to a broken pipe is to exit with code 1, which would misreport a
    verdict; this one lets the command finish and exit with the code it means.
    """

    def on_broken_pipe(self) -> None:
        self.quiet = True
        silence_broken_pipe()


def guarded(action: Callable[[], T], debug: bool) -> T:
    """Run `action`; turn errors into one line on stderr and their exit code.

    KeyboardInterrupt passes through: each command knows what an interruption leaves.
    """
    try:
        return action()
    except MsaCheckError as exc:
        if debug:
            traceback.print_exc()
        raise error_exit(exc) from None
    except (KeyboardInterrupt, typer.Exit):
        raise
    except BrokenPipeError:
        silence_broken_pipe()  # not an error: whoever read our output has what it wanted
        raise typer.Exit(ExitCode.OK) from None
    except Exception as exc:  # a bug in msa-check: say so, without a traceback unless asked
        if debug:
            traceback.print_exc()
        stderr.print(
            f"msa-check: internal error: {type(exc).__name__}: {exc} "
            "(run with --debug for the traceback, and please report it)",
            markup=False,
        )
        raise typer.Exit(ExitCode.INTERNAL) from None
