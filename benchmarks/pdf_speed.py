"""PDF reading speed: ms per page of each engine vs pypdfium2's own plain text extraction.

Run: .venv/bin/python benchmarks/pdf_speed.py [--before-src DIR] [--repeats N] [PDF ...]
Without PDFs it reads the shared corpus PDFs, the sample PDF and the generated layouts of
tests/extract/pdf_layouts.py. The engines' times are the whole extract_pdf_document
(words, layout, blocks, headings); the baseline is PdfTextPage.get_text_range() on every
page, which keeps no positions or fonts.

Each reader runs in a worker process of its own, over the same pages, in turn, REPEATS
times, and the fastest run counts; the time is the worker's CPU time (time.process_time),
as the machine is shared and the wall clock would count waiting for a core. Even so,
only the ratios measured side by side here mean much. With `--before-src DIR` a second
worker runs the default engine of an earlier checkout (PYTHONPATH=DIR/src; e.g. `git
archive main | tar -x -C DIR`), interleaved with this one's, so both meet the same load.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.extract.pdf_layouts import LAYOUTS  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "pdfs"
NOW, BEFORE = "now", "before"


def plain_text(content: bytes) -> None:
    document = pdfium.PdfDocument(content)
    for page in document:
        page.get_textpage().get_text_range()


def inputs(paths: list[str]) -> dict[str, bytes]:
    if paths:
        return {Path(p).name: Path(p).read_bytes() for p in paths}
    found = {p.name: p.read_bytes() for p in sorted(CORPUS.glob("*.pdf"))}
    found.update({p.name: p.read_bytes() for p in sorted((ROOT / "samples").glob("*.pdf"))})
    found.update({f"generated: {name}": make() for name, make in LAYOUTS.items()})
    return found


def _readers() -> dict[str, Callable[[bytes], object]]:
    from msa_check.extract.pdf import PdfEngine, extract_pdf_document

    return {
        "pdfplumber": lambda c: extract_pdf_document(c, engine=PdfEngine.PDFPLUMBER),
        "pdfium": lambda c: extract_pdf_document(c, engine=PdfEngine.PDFIUM),
        "plain": plain_text,
    }


def worker(paths: list[str]) -> None:
    """Time one reader over one input per request line ("name", "reader"): CPU seconds.

    The process's CPU time, not the wall clock: on a machine shared with other work, the
    wall clock counts the time the process waited for a core.
    """
    import msa_check

    documents, readers = inputs(paths), _readers()
    pages = {name: len(pdfium.PdfDocument(content)) for name, content in documents.items()}
    print(json.dumps({"code": msa_check.__file__, "pages": pages}), flush=True)
    for request in sys.stdin:
        name, reader = json.loads(request)
        start = time.process_time()
        readers[reader](documents[name])
        print(time.process_time() - start, flush=True)


class Worker:
    def __init__(self, paths: list[str], src: str | None) -> None:
        env = dict(os.environ)
        if src is not None:
            env["PYTHONPATH"] = os.pathsep.join([src, env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--worker", *paths],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        hello = json.loads(self._line())
        self.code: str = hello["code"]
        self.pages: dict[str, int] = hello["pages"]

    def _line(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit("a benchmark worker stopped (see its error above)")
        return line

    def time(self, name: str, reader: str) -> float:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps([name, reader]) + "\n")
        self.process.stdin.flush()
        return float(self._line())

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pdfs", nargs="*")
    parser.add_argument("--before-src", help="an earlier checkout to time beside this one")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.pdfs)
        return
    workers = {NOW: Worker(args.pdfs, None)}
    if args.before_src:
        workers[BEFORE] = Worker(args.pdfs, str(Path(args.before_src) / "src"))
    for label, running in workers.items():
        print(f"{label}: {running.code}")
    # (worker, reader): the readers timed; the earlier checkout's default engine only.
    timed = [(NOW, "pdfplumber"), (NOW, "pdfium"), (NOW, "plain")]
    if BEFORE in workers:
        timed.append((BEFORE, "pdfium"))
    try:
        report(workers, timed, args.repeats)
    finally:
        for running in workers.values():
            running.close()


def report(workers: dict[str, Worker], timed: list[tuple[str, str]], repeats: int) -> None:
    before = BEFORE in workers
    header = f"{'file':36} pages  plumber  pdfium  plain (ms/page)  pdfium/plain  plumber/plain"
    print(header + ("  before  before/plain  before/now" if before else ""))
    totals = dict.fromkeys(timed, 0.0)
    pages_total = 0
    for name, pages in workers[NOW].pages.items():
        best = dict.fromkeys(timed, float("inf"))
        for _ in range(repeats):
            for key in timed:  # interleaved, so every reader meets the same load
                best[key] = min(best[key], workers[key[0]].time(name, key[1]))
        for key, seconds in best.items():
            totals[key] += seconds
        pages_total += pages
        print(_row(name[:36], pages, best, before))
    print(_row("all pages", pages_total, totals, before))
    plumber, pdfium_now = totals[(NOW, "pdfplumber")], totals[(NOW, "pdfium")]
    print(f"pdfium engine is {plumber / pdfium_now:.1f}x faster than pdfplumber")
    if before:
        print(f"now is {totals[(BEFORE, 'pdfium')] / pdfium_now:.2f}x faster than before")


def _row(name: str, pages: int, seconds: dict[tuple[str, str], float], before: bool) -> str:
    plain = seconds[(NOW, "plain")]
    ms = {key: 1000 * value / pages for key, value in seconds.items()}
    row = (
        f"{name:36} {pages:5} {ms[(NOW, 'pdfplumber')]:8.1f} {ms[(NOW, 'pdfium')]:7.1f}"
        f" {ms[(NOW, 'plain')]:6.2f}           {seconds[(NOW, 'pdfium')] / plain:10.1f}x"
        f" {seconds[(NOW, 'pdfplumber')] / plain:13.1f}x"
    )
    if before:
        old = seconds[(BEFORE, "pdfium")]
        row += (
            f" {ms[(BEFORE, 'pdfium')]:7.1f} {old / plain:12.1f}x"
            f" {old / seconds[(NOW, 'pdfium')]:10.2f}x"
        )
    return row


if __name__ == "__main__":
    main()
