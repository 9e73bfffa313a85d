"""`msa-check serve` as a command: the missing extra, a busy port, the no-login warning."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from msa_check.cli import app
from msa_check.cli.serve import INSTALL_LINE
from msa_check.errors import ExitCode

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
