"""Startup time of the command line: `msa-check --version` and `--help` beside `python -c pass`.

Run: .venv/bin/python benchmarks/startup.py [--repeats N]
Each command runs in a fresh interpreter, the commands in turn, REPEATS rounds, and the
median wall time of each counts (the machine is shared, so only the ratios measured side
by side here mean anything). "import the stages" is what every command paid before the
imports were made lazy: the checker (spaCy, the PDF and HTML readers, requests) and the
batch runner, imported at the top of the CLI modules. The floors are what Typer's help
costs before any msa-check module: Typer and Rich (`msa-check --help`), and with the
pydantic that Typer converts option values with (a command's help: the app's own options
are converted on the way to the command).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

PYTHON = sys.executable
COMMANDS: dict[str, list[str]] = {
    "python -c pass": [PYTHON, "-c", "pass"],
    "msa-check --version": [PYTHON, "-m", "msa_check", "--version"],
    "msa-check -V": [PYTHON, "-m", "msa_check", "-V"],
    "msa-check --help": [PYTHON, "-m", "msa_check", "--help"],
    "msa-check check --help": [PYTHON, "-m", "msa_check", "check", "--help"],
    "msa-check batch --help": [PYTHON, "-m", "msa_check", "batch", "--help"],
    "floor: typer, rich": [PYTHON, "-c", "import typer.main, rich.console"],
    "floor: + pydantic": [PYTHON, "-c", "import typer.main, rich.console, typer._adapters"],
    "import the stages": [PYTHON, "-c", "import msa_check.checker, msa_check.batch.run"],
}


def _seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    repeats = parser.parse_args().repeats
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for command in COMMANDS.values():
        _seconds(command)  # once first, so every command starts with warm .pyc files
    for _ in range(repeats):
        for name, command in COMMANDS.items():
            times[name].append(_seconds(command))
    baseline = statistics.median(times["python -c pass"])
    print(f"median of {repeats} runs each, commands in turn; ratio to `python -c pass`")
    for name, runs in times.items():
        median = statistics.median(runs)
        print(f"{name:<24} {median:6.3f} s  {median / baseline:6.1f}x  (min {min(runs):.3f} s)")


if __name__ == "__main__":
    main()
