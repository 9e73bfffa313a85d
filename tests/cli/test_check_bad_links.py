"""Malformed URLs and links: a source error or a skipped link, never an internal error."""

from __future__ import annotations

from pathlib import Path

from pytest_httpserver import HTTPServer
from typer.testing import CliRunner

from msa_check.cli import app
from msa_check.errors import ExitCode

HARBOUR = Path(__file__).parents[2] / "samples" / "harbour-logistics-no-steps.txt"
runner = CliRunner()


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
