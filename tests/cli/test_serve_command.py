"""`msa-check serve` as a command: the missing extra, a busy port, port 0, the no-login warning."""

from __future__ import annotations

import socket
import sys
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from msa_check.cli import app
from msa_check.cli.serve import INSTALL_LINE
from msa_check.errors import ExitCode
from tests.serve.serve_process import start_serve, stop_serve

runner = CliRunner()


def test_without_the_serve_extra_it_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if not installed: import fails
    result = runner.invoke(app, ["serve", "--store", str(tmp_path)])
    assert result.exit_code == ExitCode.USAGE
    assert INSTALL_LINE in result.stderr
    assert "uvicorn is missing" in result.stderr


def test_a_port_in_use_is_a_usage_error_and_another_host_warns(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(
            app, ["serve", "--host", "0.0.0.0", "--port", str(port), "--store", str(tmp_path)]
        )
    assert result.exit_code == ExitCode.USAGE
    assert "it has no login" in result.stderr
    assert f"cannot listen on 0.0.0.0:{port}" in result.stderr


def test_port_0_listens_on_a_port_the_system_picks_and_prints_its_url(tmp_path: Path) -> None:
    process, address = start_serve(["--store", str(tmp_path / "store")], tmp_path / "serve.log")
    try:
        port = int(address.rsplit(":", 1)[1])
        assert address == f"http://127.0.0.1:{port}" and port != 0
        with urllib.request.urlopen(address + "/past", timeout=10) as response:
            assert response.status == 200 and b"Past checks" in response.read()
    finally:
        assert stop_serve(process) == 0
