"""`batch --model` is checked before any supplier is fetched."""

from __future__ import annotations

from pathlib import Path

from pytest_httpserver import HTTPServer
from typer.testing import CliRunner

from msa_check.cli import app
from msa_check.errors import ExitCode

runner = CliRunner()


def test_batch_with_a_model_that_is_not_installed_stops_before_fetching(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text(httpserver.url_for("/s.txt") + "\n", encoding="utf-8")
    result = runner.invoke(
        app, ["batch", str(listing), "--store", str(tmp_path / "s.sqlite"), "--model", "nosuch"]
    )
    assert result.exit_code == ExitCode.USAGE
    assert "'nosuch' is not installed" in result.stderr
    assert not httpserver.log
