"""A web server on 127.0.0.1 serving supplier statements, good and bad, made up as asked.

Used by the batch tests and by benchmarks/batch_throughput.py. Each good statement is
a short text built from a seed, so the verdicts vary from supplier to supplier; it is
served as HTML, plain text or a PDF. The bad ones fail in the ways real suppliers' links
do: 404, a server too slow to answer, a redirect loop, a corrupt PDF, an image.
"""

from __future__ import annotations

import contextlib
import functools
import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

from fpdf import FPDF

GOOD_KINDS = ("html", "txt", "html", "pdf")  # one PDF in four
BAD_KINDS = ("missing", "slow", "loop", "corrupt", "image")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(32)
CORRUPT_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> broken \x00\x01\x02 no trailer\n"

SECTORS = ("clothing", "electronics", "food", "logistics", "construction", "cleaning")
COUNTRIES = ("Turkey", "India", "Bangladesh", "China", "Malaysia", "Poland", "Brazil")
NAMES = ("Avery", "Brook", "Carver", "Dale", "Ellis", "Fenwick", "Garland", "Hale")
PARTS: dict[str, str] = {
    "structure": "We are a {sector} business with {staff} employees in the United Kingdom "
    "and we buy from {suppliers} suppliers in {country} and {country2}.",
    "policies": "Our Anti-Slavery Policy and our Supplier Code of Conduct set out what we "
    "expect, and our whistleblowing policy lets any worker raise a concern.",
    "due_diligence": "We audited {audits} supplier sites this year, and every new supplier "
    "completed a modern slavery questionnaire before we placed an order.",
    "risk": "We assessed the risk of modern slavery across our supply chain and identified "
    "{sector} suppliers in {country} as our highest risk.",
    "effectiveness": "We measure our progress with key performance indicators: {kpi}% of "
    "suppliers signed our code this year, up from {kpi_before}% last year.",
    "training": "{trained}% of our staff completed modern slavery training this year, "
    "including every buyer.",
    "approval": "This statement was approved by the board of directors on 12 June 2025.",
    "signature": "Signed by {person} {surname}, Director.",
}


def statement_text(seed: int) -> str:
    """A short statement; which parts it has, and its numbers, follow from `seed`."""
    rng = random.Random(seed)
    name = f"{rng.choice(NAMES)} {rng.choice(SECTORS).title()} {seed} Ltd"
    values = {
        "sector": rng.choice(SECTORS), "staff": rng.randint(50, 5000),
        "suppliers": rng.randint(10, 900), "country": rng.choice(COUNTRIES),
        "country2": rng.choice(COUNTRIES), "audits": rng.randint(2, 80),
        "kpi": rng.randint(50, 99), "kpi_before": rng.randint(10, 49),
        "trained": rng.randint(40, 100), "person": rng.choice(NAMES), "surname": rng.choice(NAMES),
    }  # fmt: skip
    lines = [
        f"{name} Modern Slavery Statement",
        f"This statement is made by {name} under section 54 of the Modern Slavery Act 2015 "
        "for the financial year ending 31 March 2025.",
    ]
    if rng.random() < 0.1:
        lines.append(f"{name} has not taken any steps to ensure that slavery and human "
                     "trafficking is not taking place in its supply chains.")  # fmt: skip
    lines += [text.format(**values) for part, text in PARTS.items() if rng.random() < 0.7]
    return "\n\n".join(lines) + "\n"


def statement_html(seed: int) -> bytes:
    title, *paragraphs = statement_text(seed).strip().split("\n\n")
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    page = f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"
    return page.encode("utf-8")


@functools.lru_cache(maxsize=64)
def statement_pdf(seed: int) -> bytes:
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for paragraph in statement_text(seed).strip().split("\n\n"):
        pdf.multi_cell(w=0, h=5, text=paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    return bytes(pdf.output())


def good_path(number: int) -> str:
    kind = GOOD_KINDS[number % len(GOOD_KINDS)]
    return f"/statement/{number}.{kind}"


def bad_path(number: int) -> str:
    kind = BAD_KINDS[number % len(BAD_KINDS)]
    return f"/{kind}/{number}"


class _Handler(BaseHTTPRequestHandler):
    server: SupplierHTTPServer

    def do_GET(self) -> None:
        parts = self.path.strip("/").split("/")
        route, name = [*parts, ""][:2]
        number = int("".join(c for c in name.split(".")[0] if c.isdigit()) or 0)
        if route == "statement":
            self._statement(name, number)
        elif route == "slow":
            time.sleep(self.server.slow_seconds)
            self._send(200, b"too late", "text/plain")
        elif route == "loop":
            self.send_response(302)
            self.send_header("Location", f"/loop/{number}")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif route == "corrupt":
            self._send(200, CORRUPT_PDF, "application/pdf")
        elif route == "image":
            self._send(200, PNG, "image/png")
        else:
            self._send(404, b"not found", "text/plain")

    def _statement(self, name: str, number: int) -> None:
        if name.endswith(".pdf"):
            self._send(200, statement_pdf(number % 64), "application/pdf")
        elif name.endswith(".txt"):
            self._send(200, statement_text(number).encode("utf-8"), "text/plain; charset=utf-8")
        else:
            self._send(200, statement_html(number), "text/html; charset=utf-8")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)  # unless the client gave up waiting: that is the test

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: thousands of requests


class SupplierHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    slow_seconds = 2.0

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hung up on a slow answer is expected


class SupplierServer:
    """Start with `with SupplierServer() as server:`; `server.url(path)` is a full URL."""

    def __init__(self, slow_seconds: float = 2.0) -> None:
        self._server = SupplierHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.slow_seconds = slow_seconds
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> SupplierServer:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}{path}"

    def supplier_urls(self, count: int, bad_every: int = 0) -> list[str]:
        """`count` URLs; with `bad_every` = 5, items 5, 10, 15... are bad (a fifth)."""
        return [
            self.url(bad_path(n // bad_every) if bad_every and n % bad_every == 0 else good_path(n))
            for n in range(1, count + 1)
        ]
