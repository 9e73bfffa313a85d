"""`msa-check registry find`: a supplier's statement in the UK registry's published CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from msa_check.batch.registry_lookup import RegistryIndex, RegistryMatch
from msa_check.cli.exits import PipeSafeConsole, guarded
from msa_check.cli.help import HELP_SETTINGS
from msa_check.cli.options import Debug
from msa_check.errors import ExitCode

registry_app = typer.Typer(
    **HELP_SETTINGS,
    name="registry",
    help="Look suppliers up in the UK Modern Slavery Statement Registry's CSV.",
)

RegistryFile = Annotated[
    Path,
    typer.Option(
        "--registry",
        help="The registry's CSV export (indexed beside it in FILE.msa-index.sqlite on first use).",
    ),
]


@registry_app.command("find")
def find_command(
    query: Annotated[str, typer.Argument(help="A company name or a UK company number.")],
    registry: RegistryFile,
    limit: Annotated[int, typer.Option(min=1, help="Most matches to list.")] = 5,
    debug: Debug = False,
) -> None:
    """List the registry's statements for a name or company number, surest first, each with
    how it was found and how sure it is.

    Exit codes: 0 found; 1 nothing found; 2 usage error (no such file, not the registry's
    export); 4 internal error.
    """

    def find() -> list[RegistryMatch]:
        with RegistryIndex.open(registry) as index:
            return list(index.find(query, limit=limit))

    matches = guarded(find, debug)
    console = PipeSafeConsole(highlight=False)
    if not matches:
        console.print(f"No statement in {registry} for {query!r}.", markup=False)
        raise typer.Exit(ExitCode.MANDATORY_UNMET)
    for match in matches:
        parent = f", in the group statement of {match.parent_name}" if match.parent_name else ""
        console.print(
            f"{match.name} ({match.company_number or 'no company number'}), "
            f"{match.year or 'year not given'}{parent}: {match.url or 'no URL'}\n"
            f"  found by {match.how}, {match.sureness} ({match.score:g})",
            markup=False,
        )
