"""How long `msa-check batch` takes over a supplier list, and its peak memory.

    python benchmarks/batch_throughput.py [--items 1000] [--workers N] [--bad-every 0]

Starts a web server on 127.0.0.1 serving made-up supplier statements (HTML, text and
small PDFs, their contents varied by seed; see tests/batch/supplier_server.py), writes a
list of N of their URLs, and runs the batch into a fresh SQLite store as the command
does (fetch threads with a per-host limit, one analysis process per core). Prints wall
time, items/s and peak memory: max RSS of this process, and of the largest child process
(each analysis worker), as resource.getrusage reports them. Targets on the 2-core
project machine: 1,000 items in 60 s or less; under 500 MB at 1,000 and at 20,000 items.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT))  # for tests.batch.supplier_server

from msa_check.batch import run_batch  # noqa: E402
from msa_check.batch.run import default_workers  # noqa: E402
from msa_check.fetch import FetchOptions  # noqa: E402
from tests.batch.supplier_server import SupplierServer  # noqa: E402

# A server on this machine: no pacing between requests, no retries, no robots.txt, no cache.
LOCAL = {"host_interval": 0.0, "retries": 0, "respect_robots": False, "use_cache": False}


def fetch_options(read_timeout: float) -> FetchOptions:
    known = set(FetchOptions.__dataclass_fields__)
    chosen = {k: v for k, v in LOCAL.items() if k in known}
    return FetchOptions(read_timeout=read_timeout, **chosen)  # type: ignore[arg-type]


def megabytes(kilobytes: int) -> float:
    return kilobytes / 1024  # ru_maxrss and VmHWM are in KiB on Linux


class MemorySampler:
    """Peak memory of this process and its descendants, sampled from /proc during a run.

    getrusage(RUSAGE_CHILDREN) sees only children this process has waited for, and the
    analysis workers are children of the forkserver; so /proc is read instead: VmHWM,
    each process's own peak RSS, and PSS (smaps_rollup), which shares each page among
    the processes that share it, so their sum is the real total (forked workers share
    much of spaCy with the forkserver).
    """

    def __init__(self, interval: float = 0.25) -> None:
        self.peak_rss: dict[int, int] = {}  # pid -> KiB
        self.peak_total_pss = 0  # KiB, the largest sum over one sample
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(self._interval):
            pids = [os.getpid(), *_descendants(os.getpid())]
            for pid in pids:
                self.peak_rss[pid] = max(self.peak_rss.get(pid, 0), _status_kib(pid, "VmHWM:"))
            total = sum(_pss_kib(pid) for pid in pids)
            self.peak_total_pss = max(self.peak_total_pss, total)


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    pending = [pid]
    while pending:
        for task in Path(f"/proc/{pending.pop()}/task").glob("*/children"):
            try:
                children = [int(c) for c in task.read_text().split()]
            except OSError:
                continue
            found += children
            pending += children
    return found


def _status_kib(pid: int, field: str, name: str = "status") -> int:
    try:
        for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _pss_kib(pid: int) -> int:
    return _status_kib(pid, "Pss:", "smaps_rollup")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--bad-every", type=int, default=0, help="every Nth URL fails")
    args = parser.parse_args()
    with SupplierServer(slow_seconds=2.0) as server, tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "suppliers.txt"
        with source.open("w", encoding="utf-8") as lines:
            for url in server.supplier_urls(args.items, bad_every=args.bad_every):
                lines.write(url + "\n")
        store = Path(folder) / "results.sqlite"
        start = time.perf_counter()
        with MemorySampler() as sampled:
            run = run_batch(source, store, workers=args.workers, fetch_options=fetch_options(1.0))
        seconds = time.perf_counter() - start
        store_mb = store.stat().st_size / 1024 / 1024
    counts = run.counts
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"{counts.total} items ({counts.checked} checked, {counts.failed} failed), "
          f"{args.workers} analysis processes")  # fmt: skip
    print(
        f"wall time {seconds:.1f} s, {counts.total / seconds:.1f} items/s; store {store_mb:.1f} MB"
    )
    processes = sorted(sampled.peak_rss.values(), reverse=True)
    listed = ", ".join(f"{megabytes(k):.0f}" for k in processes)
    print(f"peak RSS (getrusage): this process {megabytes(own):.0f} MB, "
          f"waited-for children {megabytes(children):.0f} MB")  # fmt: skip
    print(f"peak RSS of each process (/proc VmHWM): {listed} MB")
    print(f"peak memory of all processes together (sum of PSS): "
          f"{megabytes(sampled.peak_total_pss):.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
