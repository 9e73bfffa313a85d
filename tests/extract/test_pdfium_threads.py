"""PDFium is not thread-safe: reading PDFs on several threads of one process is serialised.

`serve` checks statements on threads and a Dask worker analyses on several; two PDFs read
at once there crashed the process with a segfault inside PDFium.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from msa_check.extract import PdfEngine
from msa_check.extract.pdf import extract_pdf_document
from msa_check.extract.pdf_pdfium import PDFIUM_LOCK

SAMPLE = Path(__file__).parents[2] / "samples" / "northwind-components-2025.pdf"


def _read() -> tuple[object, ...]:
    document = extract_pdf_document(SAMPLE.read_bytes(), engine=PdfEngine.PDFIUM)
    return document.blocks, document.page_count


def test_a_pdf_read_waits_while_another_thread_is_in_pdfium() -> None:
    results: list[tuple[object, ...]] = []
    with PDFIUM_LOCK:  # as another thread reading a PDF would hold it
        reader = threading.Thread(target=lambda: results.append(_read()))
        reader.start()
        reader.join(timeout=1.0)
        assert reader.is_alive() and not results  # it waits for the lock
    reader.join(timeout=60)
    assert not reader.is_alive()
    assert results == [_read()]


def test_pdfs_read_on_many_threads_at_once_read_as_one_at_a_time() -> None:
    alone = _read()
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda _: _read(), range(8)))
    assert together == [alone] * 8
