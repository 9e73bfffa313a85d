"""`check` and the address rule end to end: a public page may not lead to an internal one
unless --allow-private-urls; an internal URL given directly (or as --homepage) may be
fetched. 127.0.0.2 plays a public address (the classifier is swapped for the test)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner

from msa_check.cli import app
from msa_check.errors import ExitCode
from msa_check.fetch import addresses
from msa_check.fetch.addresses import AddressClass, classify_address

HARBOUR = Path(__file__).parents[2] / "samples" / "harbour-logistics-no-steps.txt"
LOCAL = ["--host-interval", "0", "--retries", "0", "--no-cache"]
runner = CliRunner()


def _public_stand_in(address: str) -> AddressClass:
    return AddressClass.PUBLIC if address == "127.0.0.2" else classify_address(address)


@pytest.fixture
def public_site(monkeypatch: pytest.MonkeyPatch) -> Iterator[HTTPServer]:
    monkeypatch.setattr(addresses, "classify_address", _public_stand_in)
    server = HTTPServer(host="127.0.0.2", port=0)
    server.start()
    server.expect_request("/robots.txt").respond_with_data("", status=404)
    try:
        yield server
    finally:
        server.clear()
        server.stop()


def _links_to(url: str) -> str:
    link = f"<a href='{url}'>Modern slavery statement</a>"
    return f"<html><body><h1>Acme</h1><footer>{link}</footer></body></html>"


def test_public_homepage_linking_only_to_loopback(
    public_site: HTTPServer, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/msa.txt").respond_with_data(HARBOUR.read_bytes())
    internal = httpserver.url_for("/msa.txt")
    public_site.expect_request("/").respond_with_data(_links_to(internal), content_type="text/html")
    home = public_site.url_for("/")

    refused = runner.invoke(app, ["check", home, *LOCAL])
    assert refused.exit_code == ExitCode.SOURCE, refused.output
    assert "a loopback address, reached from a public address" in refused.stderr
    assert "(use --allow-private-urls to allow it)" in refused.stderr
    assert not [entry for entry, _ in httpserver.log if entry.path == "/msa.txt"]

    allowed = runner.invoke(app, ["check", home, *LOCAL, "--allow-private-urls"])
    assert allowed.exit_code == ExitCode.MANDATORY_UNMET, allowed.stderr  # the no-steps sample
    assert "Quayfold Harbour Logistics" in allowed.stdout


def test_internal_statement_given_directly(public_site: HTTPServer, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/").respond_with_data(
        _links_to("/msa.txt"), content_type="text/html"
    )
    httpserver.expect_request("/msa.txt").respond_with_data(HARBOUR.read_bytes())
    result = runner.invoke(app, ["check", httpserver.url_for("/msa.txt"), *LOCAL, "-f", "json"])
    assert result.exit_code == ExitCode.MANDATORY_UNMET, result.stderr
    report = json.loads(result.stdout)
    assert report["discovery"]["homepage_links"], report["discovery"]  # its homepage was read


def test_internal_homepage_named_for_a_public_statement(
    public_site: HTTPServer, httpserver: HTTPServer
) -> None:
    public_site.expect_request("/msa.txt").respond_with_data(HARBOUR.read_bytes())
    statement = public_site.url_for("/msa.txt")
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/").respond_with_data(_links_to(statement), content_type="text/html")
    result = runner.invoke(
        app,
        ["check", statement, "--homepage", httpserver.url_for("/"), *LOCAL, "-f", "json"],
    )
    assert result.exit_code == ExitCode.MANDATORY_UNMET, result.stderr
    report = json.loads(result.stdout)
    assert report["discovery"]["homepage_links"], report  # the named homepage was read


def test_refuse_private_urls_refuses_an_internal_url_given_directly(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request("/msa.txt").respond_with_data(HARBOUR.read_bytes())
    result = runner.invoke(
        app, ["check", httpserver.url_for("/msa.txt"), *LOCAL, "--refuse-private-urls"]
    )
    assert result.exit_code == ExitCode.SOURCE, result.output
    assert "loopback address" in result.stderr
    assert not [entry for entry, _ in httpserver.log if entry.path == "/msa.txt"]


def test_allow_and_refuse_private_urls_together_is_a_usage_error() -> None:
    result = runner.invoke(
        app, ["check", str(HARBOUR), "--allow-private-urls", "--refuse-private-urls"]
    )
    assert result.exit_code == ExitCode.USAGE
    assert "cannot both be given" in result.stderr
