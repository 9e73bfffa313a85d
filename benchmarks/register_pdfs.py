"""Invented five-page statements as PDFs, and a web server on 127.0.0.x that serves them.

Used by benchmarks/batch_register.py. Each PDF follows from a seed: which sections it
has, its numbers, names and countries, its layout (one or two columns, a table of risks or
not, a running header and page numbers), so a batch of 1,000 holds 1,000 different files
of the size and shape of a register PDF (about 2,000 words over five pages). The server
answers `/` with a homepage linking to its statements (the homepage-link criterion reads
it) and `/robots.txt` with an allow-all file, as a polite crawler finds on a real site.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from fpdf import FPDF
from fpdf.enums import XPos, YPos

SECTORS = ("clothing", "electronics", "food", "logistics", "construction", "cleaning", "toys")
COUNTRIES = ("Turkey", "India", "Bangladesh", "China", "Malaysia", "Poland", "Brazil", "Vietnam")
NAMES = ("Avery", "Brook", "Carver", "Dale", "Ellis", "Fenwick", "Garland", "Hale", "Irwin")
RISKS = ("forced overtime", "recruitment fees", "retained passports", "debt bondage",
         "child labour", "withheld wages", "unsafe housing")  # fmt: skip

# Each page: a heading and paragraphs, formatted with the statement's own values. A
# paragraph is kept or dropped by the seed, so statements differ in what they disclose.
PAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Our structure, business and supply chains",
        (
            "This statement is made by {name} under section 54 of the Modern Slavery Act 2015 "
            "for the financial year ending 31 March {year}. It sets out the steps we took "
            "during the year to prevent modern slavery and human trafficking in our business "
            "and in our supply chains.",
            "We are a {sector} business with {staff} employees in the United Kingdom and "
            "{offices} offices in Europe. Our turnover this year was {turnover} million pounds.",
            "We buy from {suppliers} direct suppliers in {country}, {country2} and the United "
            "Kingdom, and from many more indirect suppliers of packaging, transport, cleaning "
            "and facilities services. Most of our direct spend is with {top} suppliers with "
            "whom we have worked for more than five years.",
            "Our supply chain has several tiers. Raw materials are grown or mined, processed "
            "by mills and refiners, made into components and finished goods, then shipped to "
            "our warehouses. We map the first two tiers and are extending the map to the third.",
        ),
    ),
    (
        "Policies in relation to slavery and human trafficking",
        (
            "Our Anti-Slavery Policy sets out our commitment to act ethically and with "
            "integrity in all our business relationships. It is reviewed every year by the "
            "board and was last updated in {month} {year}.",
            "Our Supplier Code of Conduct requires every supplier to prohibit forced, bonded "
            "and child labour, to pay at least the legal minimum wage, to let workers keep "
            "their identity documents and to charge no recruitment fees.",
            "Our whistleblowing policy lets any worker, in our business or a supplier's, raise "
            "a concern in confidence through a hotline run by an independent provider, in "
            "{languages} languages.",
            "Our responsible recruitment policy applies the Employer Pays Principle: no worker "
            "should pay for a job. Labour agencies we use must show how they recruit.",
        ),
    ),
    (
        "Due diligence and risk assessment",
        (
            "We assessed the risk of modern slavery across our supply chain by country, sector "
            "and type of work, using public indices and what our auditors found. We identified "
            "{sector} suppliers in {country} as our highest risk.",
            "We audited {audits} supplier sites this year; {unannounced} of the audits were "
            "unannounced. Every new supplier completed a modern slavery questionnaire before "
            "we placed an order, and {declined} were not taken on.",
            "Where an audit finds a problem we agree a corrective action plan with the "
            "supplier and check it is carried out. We end a relationship only where the "
            "supplier will not improve, because leaving can harm the workers.",
            "This year we found {cases} cases of {risk} and worked with the suppliers to repay "
            "the workers; {repaid} workers were repaid a total of {repayment} thousand pounds.",
        ),
    ),
    (
        "Effectiveness and training",
        (
            "We measure our progress with key performance indicators: {kpi}% of suppliers "
            "signed our code this year, up from {kpi_before}% last year, and {closed}% of "
            "corrective actions were closed within ninety days.",
            "{trained}% of our staff completed modern slavery training this year, including "
            "every buyer and every manager who recruits. New staff take the course in their "
            "first month.",
            "We trained {supplier_trained} supplier managers in {country} on worker interviews "
            "and grievance handling, with a local non-governmental organisation.",
            "Next year we will extend audits to the second tier, publish our supplier list and "
            "report on the grievances raised through the hotline and how they were resolved.",
        ),
    ),
    (
        "Approval",
        (
            "This statement was approved by the board of directors of {name} on {day} "
            "{month} {year_after}.",
            "Signed by {person} {surname}, Director, on behalf of the board.",
        ),
    ),
)
MONTHS = ("January", "March", "May", "June", "July", "September", "October", "November")


def statement_values(seed: int) -> dict[str, object]:
    rng = random.Random(seed)
    year = rng.randint(2018, 2025)
    return {
        "name": f"{rng.choice(NAMES)} {rng.choice(SECTORS).title()} {seed} Ltd",
        "year": year, "year_after": year + 1, "sector": rng.choice(SECTORS),
        "staff": rng.randint(50, 9000), "offices": rng.randint(1, 30),
        "turnover": rng.randint(36, 4000), "suppliers": rng.randint(10, 900),
        "top": rng.randint(5, 60), "country": rng.choice(COUNTRIES),
        "country2": rng.choice(COUNTRIES), "month": rng.choice(MONTHS),
        "languages": rng.randint(3, 40), "audits": rng.randint(2, 80),
        "unannounced": rng.randint(0, 20), "declined": rng.randint(0, 9),
        "cases": rng.randint(0, 12), "risk": rng.choice(RISKS), "repaid": rng.randint(0, 400),
        "repayment": rng.randint(1, 900), "kpi": rng.randint(50, 99),
        "kpi_before": rng.randint(10, 49), "closed": rng.randint(30, 95),
        "trained": rng.randint(40, 100), "supplier_trained": rng.randint(3, 120),
        "day": rng.randint(1, 28), "person": rng.choice(NAMES), "surname": rng.choice(NAMES),
    }  # fmt: skip


def five_page_pdf(seed: int) -> bytes:
    """A five-page statement; its content and layout follow from `seed`."""
    rng = random.Random(seed * 7919 + 1)
    values = statement_values(seed)
    two_columns = rng.random() < 0.3
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=18)
    title = f"{values['name']} Modern Slavery Statement {values['year']}"
    for page_number, (heading, paragraphs) in enumerate(PAGES, start=1):
        pdf.add_page()
        _running_header(pdf, title, page_number)
        pdf.set_font("Helvetica", "B", 15 if page_number == 1 else 13)
        pdf.multi_cell(0, 7, title if page_number == 1 else heading, new_x=XPos.LMARGIN,
                       new_y=YPos.NEXT)  # fmt: skip
        if page_number == 1:
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(0, 6, heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
        kept = [p for p in paragraphs if page_number == 5 or rng.random() < 0.8]
        # Filler that restates the page's topic, so every page has a page of words.
        body = [p.format(**values) for p in kept]
        body += [_filler(rng, heading, values) for _ in range(rng.randint(3, 5))]
        if two_columns and page_number < 5:
            _two_columns(pdf, body)
        else:
            _one_column(pdf, body)
        if page_number == 3 and rng.random() < 0.5:
            _risk_table(pdf, rng)
    return bytes(pdf.output())


def _running_header(pdf: FPDF, title: str, page_number: int) -> None:
    pdf.set_font("Helvetica", "", 8)
    pdf.set_y(8)
    pdf.cell(0, 4, title, align="L")
    pdf.cell(0, 4, f"Page {page_number} of 5", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(20)


def _one_column(pdf: FPDF, paragraphs: list[str]) -> None:
    pdf.set_font("Helvetica", "", 10)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 5, paragraph, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(3)


def _two_columns(pdf: FPDF, paragraphs: list[str]) -> None:
    pdf.set_font("Helvetica", "", 9)
    with pdf.text_columns(ncols=2, gutter=8) as columns:
        for paragraph in paragraphs:
            columns.write(paragraph + "\n\n")


def _risk_table(pdf: FPDF, rng: random.Random) -> None:
    pdf.ln(2)
    pdf.set_font("Helvetica", "", 9)
    with pdf.table(col_widths=(50, 40, 40)) as table:
        table.row(("Risk", "Country", "Sites audited"))
        for risk in rng.sample(RISKS, 3):
            table.row((risk, rng.choice(COUNTRIES), str(rng.randint(1, 30))))


FILLER = (
    "As part of our work on {topic}, we reviewed what we did with {country} suppliers "
    "and with our own {sector} teams, and we recorded what we learned for next year.",
    "Our {topic} work is led by a steering group of {staff_small} senior managers which "
    "meets every {weeks} weeks and reports to the board twice a year.",
    "We discussed {topic} with {suppliers_small} of our suppliers this year, and asked "
    "each to tell us how they check the agencies that supply them with workers.",
    "In {year} we compared our approach to {topic} with that of other {sector} companies "
    "and joined an industry group that shares audit results and training.",
)


def _filler(rng: random.Random, heading: str, values: dict[str, object]) -> str:
    sentences = rng.sample(FILLER, 3)
    extra = {
        "topic": heading.lower(), "staff_small": rng.randint(3, 12),
        "weeks": rng.randint(2, 8), "suppliers_small": rng.randint(5, 90),
    }  # fmt: skip
    return " ".join(s.format(**values, **extra) for s in sentences)


class _Handler(BaseHTTPRequestHandler):
    server: StatementServer

    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            self._send(b"User-agent: *\nAllow: /\n", "text/plain")
        elif self.path == "/":
            links = "".join(f'<li><a href="{p}">Modern slavery statement</a></li>'
                            for p in self.server.documents)  # fmt: skip
            self._send(f"<html><body><ul>{links}</ul></body></html>".encode(), "text/html")
        elif (body := self.server.documents.get(self.path)) is not None:
            self._send(body, "application/pdf")
        else:
            self.send_error(404)

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # thousands of requests


class StatementServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str, documents: dict[str, bytes]) -> None:
        super().__init__((host, 0), _Handler)
        self.documents = documents

    def url(self, path: str) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}{path}"


@contextmanager
def serving(hosts: dict[str, dict[str, bytes]]) -> Iterator[list[StatementServer]]:
    """One server per host address (127.0.0.1, 127.0.0.2, ...), each with its documents."""
    servers = [StatementServer(host, documents) for host, documents in hosts.items()]
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in servers]
    for thread in threads:
        thread.start()
    try:
        yield servers
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
