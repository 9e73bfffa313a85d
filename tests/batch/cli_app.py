"""The batch commands on a typer app of their own, until cli.py registers them.

`python -c "from tests.batch.cli_app import main; main()" batch ...` runs the command as
`python -m msa_check batch ...` will.
"""

from __future__ import annotations

import typer

from msa_check.cli.batch import batch_command, export_command

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
app.command("batch")(batch_command)
app.command("export")(export_command)


@app.callback()
def main_options() -> None:
    """Batch commands."""


def main() -> None:
    app(prog_name="msa-check")
