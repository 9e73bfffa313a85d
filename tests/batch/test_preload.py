"""The forkserver prebuilds the run's Checker; workers forked from it take that one."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from msa_check.batch.work import PRELOAD_ENV, announce_preload, announced_options
from msa_check.check_options import CheckOptions

# Run in a fresh interpreter: the forkserver is started once per process, so in the test
# session it holds whatever the first batch test announced.
SCRIPT = """
import multiprocessing, sys
from msa_check.batch.process_pool import ProcessPoolKeeper
from msa_check.check_options import CheckOptions
import probe_worker

if __name__ == "__main__":
    options = CheckOptions(rules=("uk-msa-s54",))
    other = CheckOptions(rules=("au-msa-s16",))
    first = ProcessPoolKeeper(1, options)  # announces `options` before the forkserver starts
    print(first.pool.submit(probe_worker.took_prebuilt).result())
    second = ProcessPoolKeeper(1, other)  # the forkserver runs already: built in the worker
    print(second.pool.submit(probe_worker.took_prebuilt).result())
    first.shutdown(wait=True)
    second.shutdown(wait=True)
"""
PROBE = """
from msa_check.batch import work
from msa_check.batch.preload import preloaded_checker

def took_prebuilt():
    assert work._options is not None
    return preloaded_checker(work._options) is work._checker
"""


@pytest.mark.skipif(sys.platform != "linux", reason="the forkserver start method")
def test_workers_take_the_forkservers_checker_only_when_built_for_their_settings(
    tmp_path: Path,
) -> None:
    (tmp_path / "probe_worker.py").write_text(textwrap.dedent(PROBE), encoding="utf-8")
    (tmp_path / "run.py").write_text(textwrap.dedent(SCRIPT), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(tmp_path / "run.py")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "False"]


def test_announced_options_are_read_back_as_they_were(monkeypatch: pytest.MonkeyPatch) -> None:
    # Not batch.preload itself: importing it builds a Checker and freezes the collector.
    options = CheckOptions(rules=("uk-msa-s54", "au-msa-s16"), max_pages=5, max_chars=1000)
    monkeypatch.setenv(PRELOAD_ENV, "")  # so the announcement is undone after the test
    announce_preload(options)
    assert announced_options() == options
    for damaged in ('{"rules": ["x"]}', "[1]", "{", '{"rules": ["x"], "oops": 1}'):
        monkeypatch.setenv(PRELOAD_ENV, damaged)  # damaged: nothing prebuilt
        assert announced_options() is None
