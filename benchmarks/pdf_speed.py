"""PDF reading speed: ms per page of each engine vs pypdfium2's own plain text extraction.

Run: .venv/bin/python benchmarks/pdf_speed.py [PDF ...]
Without arguments it reads the shared corpus PDFs, the sample PDF and the generated
layouts of tests/extract/pdf_layouts.py. Each reader runs over the same pages, in turn,
REPEATS times, and the fastest run counts (the machine is shared, so only the ratios
measured side by side here mean anything). The engines' times are the whole
extract_pdf_document (words, layout, blocks, headings); the baseline is
PdfTextPage.get_text_range() on every page, which keeps no positions or fonts.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from msa_check.extract.pdf import PdfEngine, extract_pdf_document  # noqa: E402
from tests.extract.pdf_layouts import LAYOUTS  # noqa: E402

REPEATS = 3
CORPUS = ROOT.parent / "shared" / "corpus" / "pdfs"


def plain_text(content: bytes) -> None:
    document = pdfium.PdfDocument(content)
    for page in document:
        page.get_textpage().get_text_range()


def _fastest(read: Callable[[bytes], object], content: bytes) -> float:
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        read(content)
        best = min(best, time.perf_counter() - start)
    return best


def inputs(paths: list[str]) -> dict[str, bytes]:
    if paths:
        return {Path(p).name: Path(p).read_bytes() for p in paths}
    found = {p.name: p.read_bytes() for p in sorted(CORPUS.glob("*.pdf"))}
    found.update({p.name: p.read_bytes() for p in sorted((ROOT / "samples").glob("*.pdf"))})
    found.update({f"generated: {name}": make() for name, make in LAYOUTS.items()})
    return found


def main() -> None:
    readers: dict[str, Callable[[bytes], object]] = {
        "pdfplumber": lambda c: extract_pdf_document(c, engine=PdfEngine.PDFPLUMBER),
        "pdfium": lambda c: extract_pdf_document(c, engine=PdfEngine.PDFIUM),
        "plain": plain_text,
    }
    totals = dict.fromkeys(readers, 0.0)
    pages_total = 0
    print(f"{'file':42} pages  pdfplumber  pdfium  plain  (ms/page)  pdfium/plain  plumber/plain")
    for name, content in inputs(sys.argv[1:]).items():
        pages = len(pdfium.PdfDocument(content))
        times = {label: _fastest(read, content) for label, read in readers.items()}
        for label, seconds in times.items():
            totals[label] += seconds
        pages_total += pages
        per_page = {label: 1000 * seconds / pages for label, seconds in times.items()}
        print(
            f"{name[:42]:42} {pages:5} {per_page['pdfplumber']:11.1f} {per_page['pdfium']:7.1f}"
            f" {per_page['plain']:6.2f}            {times['pdfium'] / times['plain']:10.1f}x"
            f" {times['pdfplumber'] / times['plain']:13.1f}x"
        )
    per_page = {label: 1000 * seconds / pages_total for label, seconds in totals.items()}
    print(
        f"{'all pages':42} {pages_total:5} {per_page['pdfplumber']:11.1f} {per_page['pdfium']:7.1f}"
        f" {per_page['plain']:6.2f}            {totals['pdfium'] / totals['plain']:10.1f}x"
        f" {totals['pdfplumber'] / totals['plain']:13.1f}x"
    )
    print(f"pdfium engine is {totals['pdfplumber'] / totals['pdfium']:.1f}x faster than pdfplumber")


if __name__ == "__main__":
    main()
