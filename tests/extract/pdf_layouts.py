"""PDFs of several layouts, made with fpdf2, on which the two PDF engines must agree.

Each is built to stress one part of reading a page: columns, a table, running headers and
footers, a page turned by /Rotate with its text drawn turned back, a rotated margin note.
"""

from __future__ import annotations

import io

import pypdfium2 as pdfium
from fpdf import FPDF

BODY = (
    "We audit our tier one suppliers every year and publish what the audits find.",
    "Workers can raise concerns through a confidential hotline in eleven languages.",
    "Our board approved this statement and the director signed it on 1 June 2025.",
)


def _pdf() -> FPDF:
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=10)
    return pdf


def two_columns() -> bytes:
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.text(50, 60, "Our Supply Chain and Due Diligence")
    pdf.set_font("Helvetica", size=10)
    for column, x in enumerate((50, 310)):
        for row in range(24):
            words = BODY[(row + column) % 3].split()
            pdf.text(x, 100 + row * 13, " ".join(words[row % 4 : row % 4 + 6]))
    return bytes(pdf.output())


def table() -> bytes:
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.text(50, 60, "Risk Assessment by Country")
    pdf.set_font("Helvetica", size=10)
    pdf.set_xy(50, 80)
    rows = [("Country", "Suppliers", "Risk", "Audited")]
    rows += [(c, str(n), r, a) for c, n, r, a in [
        ("Turkey", "14", "High", "Yes"), ("India", "22", "High", "Yes"),
        ("Portugal", "5", "Low", "No"), ("Vietnam", "9", "Medium", "Yes"),
    ]]  # fmt: skip
    with pdf.table(width=400, col_widths=(40, 20, 20, 20)) as grid:
        for cells in rows:
            line = grid.row()
            for cell in cells:
                line.cell(cell)
    pdf.set_xy(50, 240)
    pdf.multi_cell(400, 13, " ".join(BODY))
    return bytes(pdf.output())


def headers_and_footers() -> bytes:
    pdf = _pdf()
    for number in range(1, 5):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.text(50, 30, "Northwind Components Ltd - Modern Slavery Statement 2025")
        pdf.text(280, 815, f"Page {number} of 4")
        pdf.set_font("Helvetica", "B", 13)
        pdf.text(50, 90, f"Section {number}: Policies and Training")
        pdf.set_font("Helvetica", size=10)
        pdf.set_xy(50, 110)
        pdf.multi_cell(480, 13, " ".join(BODY * (number + 1)))
    return bytes(pdf.output())


def rotated_pages() -> bytes:
    """Page 2 is landscape by /Rotate 90, its text drawn turned so it reads upright;
    page 1 has a margin note set sideways, which both engines leave out."""
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.text(50, 60, "Our Business and Structure")
    pdf.set_font("Helvetica", size=10)
    for row, line in enumerate(BODY):
        pdf.text(50, 90 + row * 13, line)
    with pdf.rotation(90, 30, 500):
        pdf.text(30, 500, "Draft for board approval only")
    pdf.add_page()
    # Drawn turned a quarter counter-clockwise about the page's bottom-left corner, then
    # shifted back onto the page: a clockwise /Rotate shows it upright.
    with pdf.rotation(90, 0, 841.89):
        pdf.set_font("Helvetica", "B", 14)
        pdf.text(40, 841.89 + 40, "Training and Effectiveness")
        pdf.set_font("Helvetica", size=10)
        for row, line in enumerate(BODY):
            pdf.text(40, 841.89 + 70 + row * 13, line)
    document = pdfium.PdfDocument(bytes(pdf.output()))
    document[1].set_rotation(90)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


LAYOUTS = {
    "two columns": two_columns,
    "table": table,
    "headers and footers": headers_and_footers,
    "rotated pages": rotated_pages,
}
