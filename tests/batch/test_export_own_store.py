"""`export` never writes over the results store it reads."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from msa_check.cli import app
from msa_check.errors import ExitCode

HARBOUR = Path(__file__).parents[2] / "samples" / "harbour-logistics-no-steps.txt"
runner = CliRunner()


def test_export_refuses_to_overwrite_its_own_store(tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text(f"{HARBOUR}\n", encoding="utf-8")
    store = tmp_path / "s.sqlite"
    batch = runner.invoke(app, ["batch", str(listing), "--store", str(store), "--workers", "1"])
    assert batch.exit_code == 0, batch.stderr
    result = runner.invoke(app, ["export", str(store), "--output", str(store)])
    assert result.exit_code == ExitCode.USAGE
    assert "is the results store itself" in result.stderr
    assert runner.invoke(app, ["export", str(store)]).stdout.count("\n") == 2  # header + row
