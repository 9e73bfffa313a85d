"""`msa-check check --brief` and `--width N`: the console report a buyer reads (issue 17)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rich.cells import cell_len
from typer.testing import CliRunner

from msa_check.cli import app
from msa_check.errors import ExitCode

HARBOUR = Path(__file__).parents[2] / "samples" / "harbour-logistics-no-steps.txt"
runner = CliRunner()


def _check(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", str(HARBOUR), "--no-discover", *args])
    return result.exit_code, result.stdout, result.stderr


def _widest(text: str) -> int:
    return max(cell_len(line) for line in text.splitlines())


def test_brief_keeps_the_headline_flags_and_verdicts_and_the_exit_code() -> None:
    code, out, _ = _check("--brief", "--width", "80")
    assert code == ExitCode.MANDATORY_UNMET
    assert "Does NOT meet the mandatory requirements" in out and "FLAG no_steps" in out
    assert "steps_taken *" in out and "~ partial" in out
    assert "Evidence" not in out and "Questions for the supplier" not in out
    assert _widest(out) <= 80


def test_width_sets_the_width_on_stdout_and_in_a_file(tmp_path: Path) -> None:
    _, wide, _ = _check("--width", "120")
    assert 80 < _widest(wide) <= 120
    report = tmp_path / "report.txt"
    code, _, _ = _check("--width", "80", "--output", str(report))
    assert code == ExitCode.MANDATORY_UNMET
    assert _widest(report.read_text(encoding="utf-8")) <= 80


def test_a_pipe_gets_80_columns() -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home())}  # no COLUMNS: a plain pipe
    done = subprocess.run(
        [sys.executable, "-m", "msa_check", "check", str(HARBOUR), "--no-discover"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == ExitCode.MANDATORY_UNMET, done.stderr
    assert _widest(done.stdout) == 80


def test_brief_with_another_format_is_a_usage_error() -> None:
    code, out, err = _check("--brief", "--format", "json")
    assert code == ExitCode.USAGE and not out
    assert "--brief shortens the console report" in err
    code, _, _ = _check("--width", "20")
    assert code == ExitCode.USAGE  # narrower than 40 columns cannot hold the table
