"""`check | head -1`: a reader that closes the pipe early changes neither output nor exit code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.sample_dates import northwind_exit_code

NORTHWIND = Path(__file__).parents[2] / "samples" / "northwind-components-2025.pdf"


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
    assert process.wait(timeout=60) == northwind_exit_code()
    assert error == ""
