"""What the PDF stream-inflation pre-scan costs beside reading the PDF, on corpus PDFs.

Run: python benchmarks/pdf_inflation_scan.py [N]   (N corpus PDFs, default 10)
Prints, per PDF and in all, the seconds of the pre-scan and of extract_pdf_document, and
their ratio, measured side by side in one run (the machine is shared, so only ratios mean
much).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from msa_check.extract.pdf import extract_pdf_document
from msa_check.extract.pdf_inflation import check_stream_inflation

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "pdfs"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    scan_total = read_total = 0.0
    for path in sorted(CORPUS.glob("*.pdf"))[:count]:
        content = path.read_bytes()
        started = time.perf_counter()
        check_stream_inflation(content)
        scanned = time.perf_counter() - started
        started = time.perf_counter()
        try:
            extract_pdf_document(content)
        except Exception as exc:  # a scanned or broken corpus PDF still costs its read
            print(f"  ({path.name}: {type(exc).__name__})")
        read = time.perf_counter() - started
        scan_total += scanned
        read_total += read
        print(f"{path.name:40} {len(content) / 1e6:6.1f} MB  scan {scanned:6.3f} s  "
              f"read {read:6.2f} s  scan/read {scanned / read:.3f}")  # fmt: skip
    print(f"all: scan {scan_total:.2f} s, read {read_total:.2f} s, "
          f"scan/read {scan_total / read_total:.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
