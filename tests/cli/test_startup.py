"""`msa-check --version` and `--help` load no heavy library: spaCy, the PDF and HTML readers,
numpy and requests wait until a statement is analysed (issue 17: 2.4 s for --version).

Each check runs in a fresh interpreter, since this test process has long imported them all.
Speed itself is measured side by side by benchmarks/startup.py, not asserted here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "harbour-logistics-no-steps.txt"
HEAVY = ("spacy", "thinc", "pdfplumber", "pdfminer", "pypdfium2", "numpy", "bs4", "requests")

# Imports the app, runs the help of the app and of every command (in-process, as typer's
# runner does), then prints which heavy modules were loaded on the way.
_PROBE = """
import json, sys
from typer.testing import CliRunner
from msa_check.cli import app
runner = CliRunner()
commands = [[], ["check"], ["batch"], ["export"], ["report"], ["compare"], ["evaluate"],
            ["rules"], ["rules", "validate"], ["classifier"], ["classifier", "train"],
            ["registry"], ["registry", "find"]]
codes = [runner.invoke(app, [*command, "--help"]).exit_code for command in commands]
print(json.dumps({"codes": codes, "loaded": [m for m in HEAVY if m in sys.modules]}))
"""


def _probe(code: str) -> dict[str, list[object]]:
    done = subprocess.run(
        [sys.executable, "-c", f"HEAVY = {HEAVY!r}\n{code}"],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, list[object]] = json.loads(done.stdout)
    return result


def test_help_of_every_command_imports_no_heavy_library() -> None:
    result = _probe(_PROBE)
    assert set(result["codes"]) == {0}
    assert result["loaded"] == []


def test_checking_a_statement_does_load_them() -> None:
    # The probe can fail: the same check after analysing a statement finds spaCy loaded.
    result = _probe(
        "import json, sys\n"
        "from msa_check.api import check\n"
        f"check({str(SAMPLE)!r}, discover=False)\n"
        "print(json.dumps({'loaded': [m for m in HEAVY if m in sys.modules]}))"
    )
    assert "spacy" in result["loaded"]


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_answers_without_importing_the_commands(flag: str) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys\n"
            f"sys.argv = ['msa-check', {flag!r}]\n"
            "from msa_check.cli import main\n"
            "main()\n"
            "print(sorted(m for m in sys.modules if m.startswith('msa_check.cli.')))\n"
            f"print([m for m in {HEAVY!r} + ('typer', 'rich') if m in sys.modules])",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    version, commands, heavy = done.stdout.splitlines()
    assert version.startswith("msa-check ")
    assert commands == "[]" and heavy == "[]"


def test_the_app_is_the_typer_app_whichever_module_is_imported_first() -> None:
    # The app's module once shared the name `app` with the package's lazy export: importing
    # the submodule first (as a test that walks every module does) made `msa_check.cli.app`
    # the module, and `runner.invoke(app, ...)` failed with an AttributeError.
    code = (
        "import importlib, typer\n"
        "importlib.import_module('msa_check.cli.application')\n"
        "from msa_check.cli import app\n"
        "print(isinstance(app, typer.Typer))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"
