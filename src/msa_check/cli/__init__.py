"""The command line: the typer app (`app`), its entry point (`main`), one module per command."""

from msa_check.cli.app import app, main

__all__ = ["app", "main"]
