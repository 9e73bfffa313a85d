"""What the msa-check commands share: how errors reach the user, and the fetch options."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from typing import Annotated, TypeVar

import typer
from rich.console import Console

from msa_check.errors import ExitCode, MsaCheckError
from msa_check.fetch import FetchOptions

T = TypeVar("T")
MEGABYTE = 1024 * 1024
# soft_wrap: an error is one line a script can read, however narrow the terminal.
stderr = Console(stderr=True, highlight=False, soft_wrap=True)


def error_exit(error: MsaCheckError) -> typer.Exit:
    """Print `msa-check: error: MESSAGE` on stderr; return the Exit to raise."""
    stderr.print(f"msa-check: error: {error.message}", markup=False)
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


# The fetch options of `check` and `batch`, declared once.
MaxMb = Annotated[
    float, typer.Option("--max-mb", min=0.001, help="Refuse statements larger than this (MB).")
]
ConnectTimeout = Annotated[float, typer.Option(min=0.1, help="Seconds to connect.")]
ReadTimeout = Annotated[float, typer.Option(min=0.1, help="Seconds of silence from a server.")]
Deadline = Annotated[
    float, typer.Option(min=0.1, help="Seconds for everything one source takes, retries included.")
]
Retries = Annotated[int, typer.Option(min=0, help="Retries of a 429, 502-504 or reset.")]
HostInterval = Annotated[
    float, typer.Option(min=0, help="Least seconds between two requests to one host.")
]
Robots = Annotated[bool, typer.Option("--robots/--ignore-robots", help="Obey robots.txt.")]
Cache = Annotated[bool, typer.Option(help="Keep and reuse fetched answers on disk.")]
CacheDir = Annotated[
    str | None,
    typer.Option(help="Where the cache lives. Default: $XDG_CACHE_HOME/msa-check or ~/.cache."),
]
Offline = Annotated[bool, typer.Option(help="Answer only from the cache; fetch nothing.")]
Discover = Annotated[
    bool,
    typer.Option(
        help="From a homepage, find its statement; from a statement, check the homepage link."
    ),
]
MaxPages = Annotated[int | None, typer.Option(min=1, help="Read at most this many PDF pages.")]
Ocr = Annotated[
    bool,
    typer.Option(help="Read scanned PDFs by OCR (needs msa-check[ocr] and the tesseract program)."),
]


def fetch_options(
    *,
    max_mb: float,
    connect_timeout: float,
    read_timeout: float,
    deadline: float,
    retries: int,
    host_interval: float,
    robots: bool,
    cache: bool,
    cache_dir: str | None,
    offline: bool,
) -> FetchOptions:
    return FetchOptions(
        connect_timeout=connect_timeout,
        read_timeout=read_timeout,
        max_bytes=int(max_mb * MEGABYTE),
        total_deadline=deadline,
        retries=retries,
        host_interval=host_interval,
        respect_robots=robots,
        use_cache=cache,
        cache_dir=cache_dir,
        offline=offline,
    )
