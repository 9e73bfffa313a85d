"""Shell completion (issue 17 item 5): the script Typer installs, and the completions it
asks the installed `msa-check` for, run as a shell runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(sys.executable).parent / "msa-check"


def _complete(words: str, index: int) -> list[str]:
    """What bash completion gets for the word at `index` of `words`."""
    env = {**os.environ, "_MSA_CHECK_COMPLETE": "complete_bash", "COMP_WORDS": words}
    env["COMP_CWORD"] = str(index)
    done = subprocess.run([str(SCRIPT)], capture_output=True, text=True, env=env, check=True)
    return done.stdout.split()


def test_commands_options_and_choices_complete() -> None:
    assert _complete("msa-check ch", 1) == ["check"]
    assert "--format" in _complete("msa-check check --for", 2)
    assert _complete("msa-check check --format ", 3) == ["console", "json", "markdown", "html"]
    assert "validate" in _complete("msa-check rules ", 2)


def test_show_and_install_completion_from_bash(tmp_path: Path) -> None:
    # Typer finds the shell from the processes above it, so bash runs the command here.
    env = {**os.environ, "HOME": str(tmp_path)}
    shown = subprocess.run(
        ["bash", "-c", f"'{SCRIPT}' --show-completion"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    # The output in the message: a failure once seen under load said only "exit status 1".
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert "_MSA_CHECK_COMPLETE=complete_bash" in shown.stdout
    installed = subprocess.run(
        ["bash", "-c", f"'{SCRIPT}' --install-completion"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert "bash completion installed" in installed.stdout
    script = tmp_path / ".bash_completions" / "msa-check.sh"
    assert "_MSA_CHECK_COMPLETE=complete_bash" in script.read_text(encoding="utf-8")
    assert str(script) in (tmp_path / ".bashrc").read_text(encoding="utf-8")
