"""The batch progress says done/total, failures, rate and time left in 80 columns, and
says when fetches wait for a host's turn (with the setting that changes the interval)."""

from __future__ import annotations

import io
import time
from collections import Counter
from pathlib import Path

from rich.console import Console

from msa_check.batch import run_batch
from msa_check.batch.console import summary_tables
from msa_check.batch.items import ItemOutcome
from msa_check.batch.progress import BarProgress, LogProgress
from msa_check.batch.run import BatchCounts
from msa_check.batch.summary import StoreSummary
from msa_check.check_options import CheckOptions
from tests.batch.conftest import local_fetch_options, write_list
from tests.batch.supplier_server import SupplierServer

FLAG = "--host-interval"


def shown(bar: BarProgress, width: int = 80) -> list[str]:
    screen = Console(file=io.StringIO(), width=width, color_system=None)
    screen.print(bar.renderable())
    return screen.file.getvalue().splitlines()  # type: ignore[attr-defined]


def started_bar(counts: BatchCounts) -> BarProgress:
    bar = BarProgress(Console(file=io.StringIO(), width=80), setting=FLAG)
    bar.start(BatchCounts(counts.total))
    time.sleep(0.01)  # a rate needs some time gone
    bar.update(counts, None)
    return bar


def test_the_bar_shows_done_of_total_failures_rate_and_eta_in_80_columns() -> None:
    bar = started_bar(BatchCounts(total=20000, checked=922, failed=12, skipped=300))
    try:
        lines = shown(bar)
    finally:
        bar.stop(BatchCounts(total=20000, checked=922, failed=12, skipped=300))
    assert len(lines) == 1 and len(lines[0]) <= 80
    assert "1234/20000 · 12 failed · 300 stored before · " in lines[0]
    assert "/s · ETA " in lines[0]


def test_the_bar_says_when_fetches_wait_for_a_hosts_turn() -> None:
    counts = BatchCounts(total=200, checked=3)
    bar = started_bar(counts)
    try:
        assert len(shown(bar)) == 1  # no wait yet: no note
        bar.paced("https://example.org", 0.9, 1.0)
        bar.paced("https://example.com", 0.1, 1.0)  # too short a wait to mention
        lines = shown(bar)
        bar.paced("https://shop.example.com", 0.8, 1.0)
        two_hosts = shown(bar)
    finally:
        bar.stop(counts)
    assert len(lines) == 2
    assert lines[1] == "waiting 1 s between requests to example.org; --host-interval to change"
    # A longer note is wrapped at a word, never cut: every line still fits 80 columns.
    assert all(len(line) <= 80 for line in two_hosts)
    assert " ".join(line.strip() for line in two_hosts[1:]) == (
        "waiting 1 s between requests to shop.example.com and 1 other host; "
        "--host-interval to change"
    )


def test_log_lines_say_done_of_total_and_pacing_once() -> None:
    log = io.StringIO()
    progress = LogProgress(Console(file=log, width=80), setting=FLAG)
    progress.start(BatchCounts(total=10))
    progress.paced("http://127.0.0.1:8080", 1.0, 1.0)
    progress.paced("http://127.0.0.1:8080", 2.0, 1.0)  # said once, not per request
    progress.stop(BatchCounts(total=10, checked=7, failed=3))
    lines = log.getvalue().splitlines()
    assert lines[0] == "msa-check batch: 10 items to check"
    assert lines[1] == (
        "msa-check batch: waiting 1 s between requests to 127.0.0.1:8080; --host-interval to change"
    )
    assert lines[2].startswith("msa-check batch: 10/10 (100%) · 7 checked · 3 failed · ")
    assert len(lines) == 3


def test_one_item_is_one_item_to_check() -> None:
    log = io.StringIO()
    LogProgress(Console(file=log, width=80), setting=FLAG).start(BatchCounts(total=1))
    assert log.getvalue().splitlines()[0] == "msa-check batch: 1 item to check"


class Recording:
    def __init__(self) -> None:
        self.waits: list[tuple[str, float, float]] = []

    def start(self, counts: BatchCounts) -> None:
        pass

    def update(self, counts: BatchCounts, outcome: ItemOutcome | None) -> None:
        pass

    def stop(self, counts: BatchCounts) -> None:
        pass

    def paced(self, host: str, wait: float, interval: float) -> None:
        self.waits.append((host, wait, interval))


def test_a_one_host_batch_tells_its_listener_of_the_waits(
    supplier_server: SupplierServer, tmp_path: Path
) -> None:
    urls = [supplier_server.url(f"/statement/{n}.txt") for n in range(1, 5)]
    listener = Recording()
    run = run_batch(write_list(tmp_path / "one-host.txt", urls), tmp_path / "s.sqlite",
                    workers=1, progress=listener, check_options=CheckOptions(discover=False),
                    fetch_options=local_fetch_options(host_interval=0.4))  # fmt: skip
    assert run.counts.checked == 4
    host = supplier_server.url("")
    # Two fetch at once (2 per host); the others wait their turn, up to 0.4 s each.
    assert len(listener.waits) >= 2
    assert all(h == host and 0 < w <= 4 * 0.4 and i == 0.4 for h, w, i in listener.waits)


def test_the_end_of_run_summary_keeps_long_criterion_names_whole_at_80_columns() -> None:
    # ca-s211.structure_activities_supply_chains was cut to "…supply…" at 80 columns.
    names = ["structure_activities_supply_chains", "policies_due_diligence", "risk"]
    summary = StoreSummary(
        items=3, checked=3,
        verdicts={("ca-s211", name): Counter({"met": 1, "missing": 2}) for name in names},
    )  # fmt: skip
    for width in (80, 120):
        screen = Console(file=io.StringIO(), width=width, color_system=None)
        screen.print(summary_tables(summary))
        text = screen.file.getvalue()  # type: ignore[attr-defined]
        assert "…" not in text and max(len(line) for line in text.splitlines()) <= width
        cells = [line.split()[0] for line in text.splitlines() if line.strip()[:1].isalpha()]
        assert "ca-s211.structure_activities_supply_chains" in "".join(cells)
        assert "ca-s211.policies_due_diligence" in cells
