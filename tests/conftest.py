"""PDFs made for the tests with fpdf2: real files, each built to test one thing."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image, ImageDraw

from msa_check.rules.loading import build_rule_set
from msa_check.rules.schema import RuleSet

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus" / "pdfs"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FOOTER = "Example Trading Ltd | Modern Slavery Statement 2024"
LINE_HEIGHT = 6


def _new_pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(20, 20, 20)
    return pdf


def _lines(pdf: FPDF, *lines: str, size: float = 11, style: str = "") -> None:
    """Write each string on its own line, as a typesetter's line breaks would."""
    pdf.set_font("Helvetica", style=style, size=size)
    for line in lines:
        pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT", h=LINE_HEIGHT)


def _gap(pdf: FPDF) -> None:
    pdf.ln(LINE_HEIGHT)


def _footer(pdf: FPDF, number: int) -> None:
    pdf.set_font("Helvetica", size=9)
    pdf.set_xy(20, 280)
    pdf.cell(text=FOOTER)
    pdf.set_xy(180, 280)
    pdf.cell(text=str(number))


def build_statement_pdf() -> FPDF:
    """Three pages: a large title, bold and larger headings, a list, footers, page numbers."""
    pdf = _new_pdf()
    pdf.set_title("Modern Slavery Statement 2024")
    pdf.add_page()
    _lines(pdf, "Modern Slavery Statement 2024", size=20, style="B")
    _gap(pdf)
    _lines(
        pdf,
        "This statement is made under section 54 of the Modern Slavery Act 2015 and covers",
        "the financial year ending 31 March 2024 for Example Trading Ltd.",
    )
    _gap(pdf)
    _lines(pdf, "Our Structure and Supply Chains", style="B")
    _lines(
        pdf,
        "We employ 1,200 people in the United Kingdom and buy clothing from 85 suppliers",
        "in Turkey, India and Bangladesh. All of our employ-",
        "ees and agency workers are covered by this statement.",
    )
    _footer(pdf, 1)
    pdf.add_page()
    _lines(pdf, "Due Diligence", size=15, style="B")
    _lines(pdf, "Before we place an order, every new supplier must:")
    for item in ("sign our Supplier Code of Conduct;", "pass an ethical audit;"):
        _lines(pdf, f"- {item}")
    _gap(pdf)
    _lines(pdf, "We audited 40 factories this year and found two cases of retained passports.")
    _footer(pdf, 2)
    pdf.add_page()
    _lines(pdf, "Approval", style="B")
    _lines(
        pdf,
        "This statement was approved by the board of directors of Example Trading Ltd on",
        "12 June 2024.",
    )
    _footer(pdf, 3)
    return pdf


@pytest.fixture(scope="session")
def statement_pdf() -> bytes:
    return bytes(build_statement_pdf().output())


@pytest.fixture(scope="session")
def open_encrypted_pdf() -> bytes:
    """Encrypted with an owner password only: anyone may open and read it."""
    pdf = build_statement_pdf()
    pdf.set_encryption(owner_password="owner-secret")
    return bytes(pdf.output())


@pytest.fixture(scope="session")
def password_pdf() -> bytes:
    pdf = build_statement_pdf()
    pdf.set_encryption(owner_password="owner-secret", user_password="reader-secret")
    return bytes(pdf.output())


@pytest.fixture(scope="session")
def scanned_pdf() -> bytes:
    """Two pages that are only pictures of text, as a scanner makes them."""
    pdf = _new_pdf()
    for _ in range(2):
        image = Image.new("RGB", (400, 200), "white")
        ImageDraw.Draw(image).rectangle((20, 20, 380, 40), fill="black")
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        pdf.add_page()
        pdf.image(buffer, x=20, y=20, w=170)
    return bytes(pdf.output())


@pytest.fixture(scope="session")
def ligature_pdf() -> bytes:
    """Text with ligature glyphs and a soft hyphen at a line end, in a Unicode font."""
    if not DEJAVU.exists():
        pytest.skip("the DejaVu Sans font is not installed")
    pdf = _new_pdf()
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(DEJAVU))
    pdf.set_font("DejaVu", size=11)
    for line in (
        "Our staff receive ﬁnancial crime and ofﬁce",
        "training; employ\u00ad",
        "ees too.",
    ):
        pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT", h=LINE_HEIGHT)
    return bytes(pdf.output())


LEFT_COLUMN = (
    "Our suppliers in Turkey and India",
    "are audited every year by an",
    "independent firm we appoint.",
)
RIGHT_COLUMN = (
    "Workers can report concerns to",
    "a confidential hotline run in",
    "eleven languages, day and night.",
)


@pytest.fixture(scope="session")
def two_column_pdf() -> bytes:
    """A full-width heading over two columns whose lines sit side by side."""
    pdf = _new_pdf()
    pdf.add_page()
    _lines(pdf, "How We Check Our Supply Chain", size=16, style="B")
    pdf.set_font("Helvetica", size=10)
    for row, (left, right) in enumerate(zip(LEFT_COLUMN, RIGHT_COLUMN, strict=True)):
        y = 40 + row * 5
        pdf.set_xy(20, y)
        pdf.cell(text=left)
        pdf.set_xy(110, y)
        pdf.cell(text=right)
    return bytes(pdf.output())


@pytest.fixture(scope="session")
def overprinted_pdf() -> bytes:
    """A heading drawn twice, a third of a point apart: how some tools fake bold."""
    pdf = _new_pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for x in (20, 20.3):
        pdf.set_xy(x, 20)
        pdf.cell(text="Our Suppliers")
    pdf.set_xy(20, 30)
    pdf.cell(text="We audited every supplier this year.")
    return bytes(pdf.output())


@pytest.fixture
def corpus_pdf() -> Callable[[str], bytes]:
    """The bytes of a real statement from the shared corpus; skips if the corpus is absent."""

    def read(name: str) -> bytes:
        path = CORPUS / f"{name}.pdf"
        if not path.exists():
            pytest.skip(f"the shared PDF corpus is not at {CORPUS}")
        return path.read_bytes()

    return read


@pytest.fixture(autouse=True)
def private_http_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Give each test its own HTTP cache folder.

    The fetch cache is on by default and keyed by URL, and pytest-httpserver serves every
    test from one port, so a shared cache would answer one test with another's bytes (and
    write to the user's ~/.cache).
    """
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))


def one_criterion_rule_set(criterion: dict[str, object]) -> RuleSet:
    """A rule set of one criterion, with placeholder id, title and examples unless given."""
    base = {
        "id": "hotline",
        "title": "Hotline",
        "examples": {"pass": ["x"], "fail": ["y"]},
    }
    return build_rule_set({"id": "t", "title": "T", "criteria": [{**base, **criterion}]})
