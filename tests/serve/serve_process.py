"""`msa-check serve` as a process of its own, on a port it is given by the system.

Started with `--port 0`, the server binds a free port itself and prints its URL, which is
read back here: a port picked free by the test beforehand could be taken by another
process between the pick and the server's bind.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

URL_LINE = re.compile(r"msa-check serve: (http://\S+?)/ \(Ctrl-C to stop\)")
STARTUP_SECONDS = 60.0


def start_serve(
    arguments: Sequence[str], log: Path, environment: Mapping[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    """`msa-check serve --port 0 ARGUMENTS` writing to `log`; it and its address, answering."""
    command = [sys.executable, "-m", "msa_check", "serve", "--port", "0", *arguments]
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=output, env=environment)
    deadline = time.monotonic() + STARTUP_SECONDS
    address = None
    while address is None or not _answers(address):
        if address is None:
            found = URL_LINE.search(log.read_text(encoding="utf-8", errors="replace"))
            address = found.group(1) if found else None
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            process.wait()
            pytest.fail("serve did not start: " + log.read_text(encoding="utf-8"))
        time.sleep(0.25)
    return process, address


def stop_serve(process: subprocess.Popen[bytes]) -> int:
    """Ctrl-C (SIGINT), as a user stops it; its exit code."""
    process.send_signal(signal.SIGINT)
    return process.wait(30)


def _answers(address: str) -> bool:
    try:
        with urllib.request.urlopen(address + "/", timeout=2):
            return True
    except OSError:
        return False
