"""Defects found in review, each pinned by a test: pipes, exports, bad links, models."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pytest_httpserver import HTTPServer
from typer.testing import CliRunner

from msa_check.cli import app
from msa_check.errors import ExitCode

ROOT = Path(__file__).parents[2]
NORTHWIND = ROOT / "samples" / "northwind-components-2025.pdf"
HARBOUR = ROOT / "samples" / "harbour-logistics-no-steps.txt"
runner = CliRunner()


def test_a_closed_pipe_keeps_the_verdicts_exit_code_and_says_nothing() -> None:
    script = Path(sys.executable).parent / "msa-check"
    process = subprocess.Popen(
        [str(script), "check", str(NORTHWIND)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()  # as `| head -1` does
    error = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=60) == ExitCode.OK
    assert error == ""


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


def test_a_malformed_link_on_the_homepage_is_skipped(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/").respond_with_data(
        "<html><body><a href='http://[oops/x'>Modern slavery statement</a>"
        "<a href='/msa.txt'>Modern Slavery Statement</a></body></html>",
        content_type="text/html",
    )
    httpserver.expect_request("/msa.txt").respond_with_data(HARBOUR.read_bytes())
    result = runner.invoke(
        app, ["check", httpserver.url_for("/msa.txt"), "--host-interval", "0", "--no-cache"]
    )
    assert result.exit_code == ExitCode.MANDATORY_UNMET, result.stderr  # the no-steps sample
    assert "internal error" not in result.stderr


def test_a_malformed_url_is_a_source_error() -> None:
    result = runner.invoke(app, ["check", "http://[::1"])
    assert result.exit_code == ExitCode.SOURCE, result.stderr
