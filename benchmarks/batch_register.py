"""Batch runs at register scale, side by side in one run: items/s and memory of every process.

    python benchmarks/batch_register.py pdfs [--items 1000] [--runs pdfplumber,pdfium,dask]
    python benchmarks/batch_register.py text [--items 20000]
    python benchmarks/batch_register.py hosts [--items 300] [--hosts 60]

`pdfs`: N invented five-page PDFs (benchmarks/register_pdfs.py, each different) from a
server on 127.0.0.1 with pacing, robots.txt, retries and the cache off, run once per
engine named in --runs: `pdfplumber` (the local engine with --pdf-engine pdfplumber, the
engine before issue 16), `pdfium` (the local engine with the default PDF engine), `dask`
(--engine dask on a LocalCluster of --workers processes). Prints items/s, the peak of the
summed RSS of this process and all its descendants, ratios, whether the stores of the
pdfium and dask runs export the same rows, and an estimate for 90,000 PDFs.

`text`: N short text statements (tests/batch/supplier_server.py) with pacing off, checked
by `msa-check batch` in a child process (this one serves them), so the processes measured
are the batch's own; prints the summed RSS and PSS of those processes at 5%, 25%, 50% and
100% of the items (1k/5k/10k/20k of 20k) and each process's peak RSS.

`hosts`: the same PDFs with the batch's defaults (1 s between requests to a host, robots.txt
read, the answer cache on, 3 retries): on one host, then spread over --hosts addresses
127.0.0.2, 127.0.0.3, ... (all loopback on Linux), to show what pacing costs a one-host
list and that a many-host list does not pay it.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT))  # for tests.batch.supplier_server
sys.path.insert(0, str(ROOT / "benchmarks"))

from batch_throughput import _descendants, _status_kib  # noqa: E402
from register_pdfs import five_page_pdf, serving  # noqa: E402

from msa_check.batch import run_batch  # noqa: E402
from msa_check.batch.export import TIME_COLUMNS, Shape  # noqa: E402
from msa_check.batch.export_formats import ExportFormat, export_store  # noqa: E402
from msa_check.check_options import CheckOptions  # noqa: E402
from msa_check.extract.pdf_engine import PdfEngine  # noqa: E402
from msa_check.fetch import FetchOptions  # noqa: E402

PAGES = 5
# Pacing, retries, robots.txt and the cache off: the figure is the engine's, not the wait's.
NO_PACING: dict[str, Any] = {"host_interval": 0.0, "retries": 0, "respect_robots": False,
                             "use_cache": False, "allow_private_urls": True}  # fmt: skip


def fetch_options(**wanted: Any) -> FetchOptions:
    """FetchOptions with those of `wanted` this version knows (allow_private_urls is new)."""
    known = {f.name for f in fields(FetchOptions)}
    return FetchOptions(**{k: v for k, v in wanted.items() if k in known})


class TreeMemory:
    """The summed RSS of this process and all its descendants, read from /proc 4 times a second.

    RSS counts a page shared by two processes twice, so the sum is an upper bound; it is
    what `ps` shows per process, added up. PSS (smaps_rollup) shares each page among the
    processes that map it, so its sum is the memory the tree really holds (the forked
    workers share much of spaCy with the forkserver).
    """

    def __init__(self, interval: float = 0.25, root: int | None = None) -> None:
        self.root = os.getpid() if root is None else root  # the tree measured
        self.peak_kib = 0
        self.peak_pss_kib = 0
        self.processes = 0  # most processes seen at once
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def pids(self) -> list[int]:
        return [self.root, *_descendants(self.root)]

    def now_kib(self) -> int:
        pids = self.pids()
        self.processes = max(self.processes, len(pids))
        return sum(_status_kib(pid, "VmRSS:") for pid in pids)

    def now_pss_kib(self) -> int:
        return sum(_status_kib(pid, "Pss:", "smaps_rollup") for pid in self.pids())

    def _sample(self) -> None:
        while not self._stop.wait(self._interval):
            self.peak_kib = max(self.peak_kib, self.now_kib())
            self.peak_pss_kib = max(self.peak_pss_kib, self.now_pss_kib())


@dataclass
class Measured:
    name: str
    items: int
    checked: int
    failed: int
    seconds: float
    peak_mb: float
    peak_pss_mb: float
    processes: int
    client_cpu: (
        float  # CPU seconds of this process (fetch threads, writer, a LocalCluster's scheduler)
    )

    @property
    def rate(self) -> float:
        return self.items / self.seconds

    def line(self) -> str:
        return (f"{self.name:>11}: {self.items} items ({self.checked} checked, {self.failed} "
                f"failed) in {self.seconds:.1f} s = {self.rate:.2f} items/s; peak RSS of all "
                f"{self.processes} processes {self.peak_mb:.0f} MB; this process's CPU "
                f"{1000 * self.client_cpu / self.items:.0f} ms/item")  # fmt: skip


def measure(name: str, run: Callable[[Any], Any]) -> Measured:
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    with TreeMemory() as memory:
        counts = run(None).counts
    seconds = time.perf_counter() - start
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    done = counts.checked + counts.failed
    result = Measured(name, done, counts.checked, counts.failed, seconds,
                      memory.peak_kib / 1024, memory.peak_pss_kib / 1024, memory.processes,
                      cpu)  # fmt: skip
    print(result.line(), flush=True)
    return result


def export_rows(store: Path) -> list[tuple[str, ...]]:
    """The wide CSV export without the columns that differ between two runs of one list."""
    stream = io.StringIO()
    export_store(store, stream, ExportFormat.csv, Shape.wide)
    header, *rows = csv.reader(io.StringIO(stream.getvalue()))
    keep = [i for i, name in enumerate(header) if name not in TIME_COLUMNS]
    return [tuple(row[i] for i in keep) for row in rows]


def make_pdfs(count: int, folder: Path) -> dict[str, bytes]:
    """`count` different five-page PDFs, kept in `folder` so a rerun need not make them again."""
    folder.mkdir(parents=True, exist_ok=True)
    documents: dict[str, bytes] = {}
    started = time.perf_counter()
    for seed in range(1, count + 1):
        path = folder / f"statement-{seed}.pdf"
        if not path.exists():
            path.write_bytes(five_page_pdf(seed))
        documents[f"/statements/{seed}.pdf"] = path.read_bytes()
    mb = sum(len(b) for b in documents.values()) / 1024 / 1024
    print(f"{count} five-page PDFs ({mb:.1f} MB) ready in {time.perf_counter() - started:.0f} s")
    return documents


def pdfs_command(args: argparse.Namespace) -> None:
    documents = make_pdfs(args.items, Path(args.pdf_dir))
    runs = args.runs.split(",")
    results: dict[str, Measured] = {}
    with serving({"127.0.0.1": documents}) as (server,), tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "suppliers.txt"
        source.write_text("\n".join(server.url(p) for p in documents) + "\n", encoding="utf-8")
        options = fetch_options(**NO_PACING, read_timeout=30.0)
        engines = {"pdfplumber": ("local", "pdfplumber"), "pdfium": ("local", "pdfium"),
                   "dask": ("dask", "pdfium")}  # fmt: skip
        for name in runs:
            engine, pdf_engine = engines[name]
            store = folder / f"{name}.sqlite"
            check = CheckOptions(pdf_engine=PdfEngine(pdf_engine))
            results[name] = measure(name, lambda _, s=store, e=engine, c=check: run_batch(
                source, s, check_options=c, workers=args.workers, fetch_options=options,
                engine=e))  # fmt: skip
        if "pdfium" in results and "pdfplumber" in results:
            print(f"pdfium / pdfplumber items/s: "
                  f"{results['pdfium'].rate / results['pdfplumber'].rate:.2f}x; peak memory "
                  f"{results['pdfium'].peak_mb / results['pdfplumber'].peak_mb:.2f}x")  # fmt: skip
            print(f"rows the same in both stores: {_same(folder, 'pdfplumber', 'pdfium')}")
        if "pdfium" in results and "dask" in results:
            print(
                f"dask / local items/s: {results['dask'].rate / results['pdfium'].rate:.2f}x; "
                f"peak memory {results['dask'].peak_mb / results['pdfium'].peak_mb:.2f}x"
            )
            print(f"rows the same in both stores: {_same(folder, 'pdfium', 'dask')}")
    if "pdfium" in results:
        estimate(results["pdfium"], results.get("dask"), args)


def _same(folder: Path, one: str, other: str) -> str:
    first, second = export_rows(folder / f"{one}.sqlite"), export_rows(folder / f"{other}.sqlite")
    differing = sum(a != b for a, b in zip(sorted(first), sorted(second), strict=False))
    if len(first) == len(second) and not differing:
        return f"yes, all {len(first)}"
    return f"no: {len(first)} vs {len(second)} rows, {differing} differ"


def estimate(local: Measured, dask: Measured | None, args: argparse.Namespace) -> None:
    """Wall time for 90,000 PDFs from the measured rates and stated fetch assumptions."""
    total, latency, threads = args.estimate_items, args.latency, args.fetch_threads
    requests = 2  # the statement, and the homepage its link is checked on
    print(f"\nestimate for {total:,} five-page PDFs, assuming each takes {requests} requests "
          f"of {latency} s on average (download and server time; statements on many hosts, "
          f"so the 1 s pacing of one host binds only on hosts holding over "
          f"{threads} statements in flight), and {threads} fetch threads:")  # fmt: skip
    fetch_rate = threads / (requests * latency)
    analysis = local.rate
    one = total / min(analysis, fetch_rate)
    print(f"  this machine: analysis {analysis:.2f} items/s (measured, pacing off), fetching "
          f"{fetch_rate:.1f} items/s ({threads} threads / {requests * latency:.1f} s): "
          f"{_hours(one)}")  # fmt: skip
    per_machine = dask.rate if dask is not None else analysis
    client_limit = dask.items / dask.client_cpu if dask is not None and dask.client_cpu else 0
    cluster = 10 * per_machine
    wanted_threads = int(cluster * requests * latency) + 1
    limits = [cluster, args.cluster_fetch_threads / (requests * latency)]
    if client_limit:
        limits.append(client_limit)
    ten = total / min(limits)
    print(f"  10 machines (Dask, client fetching with {args.cluster_fetch_threads} threads): "
          f"analysis 10 x {per_machine:.2f} = {cluster:.1f} items/s"
          + (" (the dask run's rate per machine)" if dask is not None else "")
          + (f"; the client's own CPU allows {client_limit:.0f} items/s "
             f"({1000 / client_limit:.0f} ms/item measured)" if client_limit else "")
          + f"; fetching needs >= {wanted_threads} threads to keep up: {_hours(ten)}")  # fmt: skip


def _hours(seconds: float) -> str:
    return f"{seconds / 3600:.1f} h" if seconds >= 3600 else f"{seconds / 60:.0f} min"


def text_command(args: argparse.Namespace) -> None:
    """`msa-check batch` in a child process; this one serves the statements and measures it.

    The child's tree is exactly the batch's processes (the command, the forkserver, the
    analysis workers, the resource tracker), without this process's server and imports.
    """
    from tests.batch.supplier_server import SupplierServer

    marks = [args.items // 20, args.items // 4, args.items // 2, args.items]
    with SupplierServer() as server, tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "suppliers.txt"
        urls = (server.url(f"/statement/{n}.{'txt' if n % 2 else 'html'}")
                for n in range(1, args.items + 1))  # fmt: skip
        source.write_text("\n".join(urls) + "\n", encoding="utf-8")
        store = Path(tmp) / "text.sqlite"
        command = [sys.executable, "-m", "msa_check", "batch", str(source), "--store", str(store),
                   "--workers", str(args.workers), "--allow-private-urls", "--ignore-robots",
                   "--host-interval", "0", "--no-cache", "--retries", "0"]  # fmt: skip
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 text=True, encoding="utf-8")  # fmt: skip
        assert child.stderr is not None
        seen: list[tuple[int, float, float, float]] = []  # done, RSS MB, PSS MB, peak RSS MB
        hwm: dict[int, tuple[str, int]] = {}  # pid -> role, VmHWM KiB
        with TreeMemory(root=child.pid) as memory:
            for line in child.stderr:  # the progress lines: "msa-check batch: 501/600 (84%)"
                done = re.search(r"(\d+)/\d+ \(", line)
                while done and marks and int(done.group(1)) >= marks[0]:
                    marks.pop(0)
                    now, pss = memory.now_kib() / 1024, memory.now_pss_kib() / 1024
                    seen.append((int(done.group(1)), now, pss, max(now, memory.peak_kib / 1024)))
                    hwm.update({pid: (_role(pid, child.pid), _status_kib(pid, "VmHWM:"))
                                for pid in memory.pids()})  # fmt: skip
            child.wait()
        seconds = time.perf_counter() - started
        store_mb = store.stat().st_size / 1024 / 1024
    print(f"text: {args.items} items in {seconds:.1f} s = {args.items / seconds:.2f} items/s "
          f"(exit {child.returncode}); {memory.processes} processes")  # fmt: skip
    for done, now, pss, peak in seen:
        print(f"  after {done:>6} items: all processes RSS {now:.0f} MB, PSS {pss:.0f} MB; "
              f"peak RSS so far {peak:.0f} MB")  # fmt: skip
    print("  peak RSS (VmHWM) of each process: " + ", ".join(
        f"{role} {kib / 1024:.0f} MB" for role, kib in sorted(hwm.values())))  # fmt: skip
    print(f"  store {store_mb:.0f} MB; peak of all processes: RSS {memory.peak_kib / 1024:.0f} MB, "
          f"PSS {memory.peak_pss_kib / 1024:.0f} MB (target <= 500 MB)")  # fmt: skip


def _role(pid: int, client: int) -> str:
    """What a process of the batch is, from its command line."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return "gone"
    if pid == client:
        return "client"
    if "resource_tracker" in command:
        return "resource tracker"
    if "forkserver" in command:
        parent = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1]
        return "forkserver" if int(parent) == client else "worker"
    return "worker"


def hosts_command(args: argparse.Namespace) -> None:
    documents = make_pdfs(args.items, Path(args.pdf_dir))
    paths = list(documents)
    spread: dict[str, dict[str, bytes]] = {}
    for index, path in enumerate(paths):
        host = f"127.0.0.{2 + index % args.hosts}"
        spread.setdefault(host, {})[path] = documents[path]
    defaults = {"allow_private_urls": True}  # loopback stands in for the web; else defaults
    results = {}
    with (
        tempfile.TemporaryDirectory() as tmp,
        serving({"127.0.0.1": documents, **spread}) as servers,
    ):
        one, *many = servers
        lists = {"one host": [one.url(p) for p in paths],
                 f"{args.hosts} hosts": [s.url(p) for s in many for p in s.documents]}  # fmt: skip
        for name, urls in lists.items():
            source = Path(tmp) / f"{name.replace(' ', '-')}.txt"
            source.write_text("\n".join(urls) + "\n", encoding="utf-8")
            options = fetch_options(
                **defaults, cache_dir=str(Path(tmp) / f"cache-{len(urls)}-{name[0]}")
            )
            store = Path(tmp) / f"{source.stem}.sqlite"
            results[name] = measure(name, lambda _, s=source, t=store, o=options: run_batch(
                s, t, workers=args.workers, fetch_options=o))  # fmt: skip
    first, second = results.values()
    print(f"{second.name} / {first.name} items/s: {second.rate / first.rate:.1f}x")


def main() -> None:
    from msa_check.batch.run import default_workers

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    pdfs = commands.add_parser("pdfs", help="five-page PDFs, engines side by side")
    pdfs.add_argument("--items", type=int, default=1000)
    pdfs.add_argument("--runs", default="pdfplumber,pdfium,dask")
    pdfs.add_argument("--estimate-items", type=int, default=90_000)
    pdfs.add_argument("--latency", type=float, default=1.5, help="assumed s per request")
    pdfs.add_argument("--fetch-threads", type=int, default=8, help="for the estimate")
    pdfs.add_argument("--cluster-fetch-threads", type=int, default=64, help="for the estimate")
    text = commands.add_parser("text", help="short text items: memory as the run goes")
    text.add_argument("--items", type=int, default=20_000)
    hosts = commands.add_parser("hosts", help="the defaults (pacing on), one host vs many")
    hosts.add_argument("--items", type=int, default=300)
    hosts.add_argument("--hosts", type=int, default=60)
    for command in (pdfs, text, hosts):
        command.add_argument("--workers", type=int, default=default_workers())
        command.add_argument(
            "--pdf-dir", default=str(Path(tempfile.gettempdir()) / "msa-check-register-pdfs")
        )
    args = parser.parse_args()
    {"pdfs": pdfs_command, "text": text_command, "hosts": hosts_command}[args.command](args)


if __name__ == "__main__":
    main()
