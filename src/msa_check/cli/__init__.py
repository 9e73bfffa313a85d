"""The command line: the typer app (`app`), its entry point (`main`), one module per command."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from msa_check.lazy_exports import lazy_exports

VERSION_FLAGS = ("--version", "-V")

# The app is built on first use: importing every command's module costs a few tenths of a
# second, which `msa-check --version` need not pay.
__getattr__ = lazy_exports(__name__, {"app": "application"})

if TYPE_CHECKING:
    from msa_check.cli.application import app


def main() -> None:
    """Run msa-check on the command line's arguments.

    `msa-check --version` (or `-V`) alone is answered before any command is imported, so a
    script asking for the version waits for nothing; anywhere else the app's own eager
    `--version` option answers it.
    """
    arguments = sys.argv[1:]
    if len(arguments) == 1 and arguments[0] in VERSION_FLAGS:
        from msa_check import __version__

        print(f"msa-check {__version__}")
        return
    from msa_check.cli.application import main as run_app

    run_app()


__all__ = ["app", "main"]
