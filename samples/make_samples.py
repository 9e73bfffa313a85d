"""Generate the bundled sample statements for msa-check.

Run from anywhere with ``python samples/make_samples.py``; the outputs are written next to
this script:

- ``northwind-components-2025.pdf``: a strong statement, built with fpdf2 from
  ``source/northwind-components-2025.md``;
- ``brightwave-retail.html``: a weak, boilerplate statement on a retailer's web page;
- ``harbour-logistics-no-steps.txt``: a "no steps" statement under s54(4)(b);
- ``northwind-components-2024.txt``: Northwind's weaker statement of the year before, much
  of it carried over into 2025, for ``msa-check compare``; copied from
  ``source/northwind-components-2024.md`` (plain text that reads as Markdown);
- ``kestrel-devices-2026.txt``: an electronics supplier strong on audits and weak on worker
  voice, for the ``electronics`` and ``monitoring`` sets; copied from
  ``source/kestrel-devices-2026.md``.

Every company, person, address and number in them is invented. The output is
deterministic: the PDF carries a fixed creation date, so re-runs are byte-identical.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

HERE = Path(__file__).resolve().parent
SOURCE_DIR = HERE / "source"

PDF_SOURCE = SOURCE_DIR / "northwind-components-2025.md"
PDF_OUTPUT = HERE / "northwind-components-2025.pdf"
HTML_OUTPUT = HERE / "brightwave-retail.html"
TEXT_OUTPUT = HERE / "harbour-logistics-no-steps.txt"
PREVIOUS_YEAR_SOURCE = SOURCE_DIR / "northwind-components-2024.md"
PREVIOUS_YEAR_OUTPUT = HERE / "northwind-components-2024.txt"
ELECTRONICS_SOURCE = SOURCE_DIR / "kestrel-devices-2026.md"
ELECTRONICS_OUTPUT = HERE / "kestrel-devices-2026.txt"

PAGE_BREAK = "<!-- page -->"
FIXED_DATE = datetime(2025, 6, 12, 9, 0, 0, tzinfo=timezone.utc)

FONT = "Helvetica"
TITLE_SIZE = 18
HEADING_SIZE = 14
BODY_SIZE = 10.5
FOOTER_SIZE = 8
BODY_LINE = 5.2
BULLET_INDENT = 6.0
FOOTER_TEXT = "Northwind Components Ltd - Modern Slavery Statement 2025 (invented sample)"

# The core fonts only cover latin-1: map the typographic characters an editor might add.
LATIN1_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u2022": "-",
        "\u00a0": " ",
    }
)


@dataclass(frozen=True)
class Block:
    """One block of the source: a title, heading, paragraph (one or more lines) or bullets."""

    kind: str
    lines: tuple[str, ...]


def to_latin1(text: str) -> str:
    """Return ``text`` with typographic characters mapped; fail loudly on anything else."""
    mapped = text.translate(LATIN1_MAP)
    mapped.encode("latin-1")  # raises UnicodeEncodeError naming the offending character
    return mapped


def split_blocks(chunk: str) -> Iterator[Block]:
    """Split one page of the markdown-like source into blocks separated by blank lines."""
    for raw in chunk.strip().split("\n\n"):
        lines = tuple(to_latin1(line.strip()) for line in raw.strip().splitlines())
        if not lines:
            continue
        if lines[0].startswith("## "):
            yield Block("heading", (lines[0][3:],))
        elif lines[0].startswith("# "):
            yield Block("title", (lines[0][2:],))
        elif all(line.startswith("- ") for line in lines):
            yield Block("bullets", tuple(line[2:] for line in lines))
        else:
            yield Block("paragraph", lines)


def parse_pages(source: str) -> list[list[Block]]:
    """Parse the source into pages of blocks; pages are separated by ``PAGE_BREAK``."""
    return [list(split_blocks(chunk)) for chunk in source.split(PAGE_BREAK)]


class StatementPDF(FPDF):
    """An A4 document with a footer carrying the sample notice and the page number."""

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(FONT, size=FOOTER_SIZE)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, FOOTER_TEXT, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(0, 0, 0)


def new_pdf() -> StatementPDF:
    """Create the document with fixed metadata, so that re-runs are byte-identical."""
    pdf = StatementPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(left=18, top=18, right=18)
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_lang("en-GB")
    pdf.set_title("Northwind Components Ltd - Modern Slavery Statement 2025")
    pdf.set_author("Northwind Components Ltd (invented sample company)")
    pdf.set_subject("Sample modern slavery statement written for msa-check; all details invented")
    pdf.set_creator("msa-check samples/make_samples.py")
    return pdf


def write_title(pdf: FPDF, text: str) -> None:
    pdf.set_font(FONT, style="B", size=TITLE_SIZE)
    pdf.multi_cell(0, 9, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)


def write_heading(pdf: FPDF, text: str) -> None:
    if pdf.will_page_break(30):  # keep a heading with at least a few lines of its content
        pdf.add_page()
    pdf.ln(3)
    pdf.start_section(text)
    pdf.set_font(FONT, style="B", size=HEADING_SIZE)
    pdf.multi_cell(0, 7, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)


def write_paragraph(pdf: FPDF, lines: tuple[str, ...]) -> None:
    pdf.set_font(FONT, size=BODY_SIZE)
    for line in lines:
        pdf.multi_cell(0, BODY_LINE, line, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2.5)


def write_bullets(pdf: FPDF, items: tuple[str, ...]) -> None:
    pdf.set_font(FONT, size=BODY_SIZE)
    text_width = pdf.epw - BULLET_INDENT
    for item in items:
        pdf.set_x(pdf.l_margin + 1.5)
        pdf.cell(BULLET_INDENT - 1.5, BODY_LINE, "-")
        pdf.multi_cell(text_width, BODY_LINE, item, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(1)
    pdf.ln(1.5)


WRITERS = {
    "title": lambda pdf, block: write_title(pdf, block.lines[0]),
    "heading": lambda pdf, block: write_heading(pdf, block.lines[0]),
    "paragraph": lambda pdf, block: write_paragraph(pdf, block.lines),
    "bullets": lambda pdf, block: write_bullets(pdf, block.lines),
}


def build_pdf(pages: list[list[Block]]) -> bytes:
    """Lay the pages out; fail if any page overflowed, which would move content around."""
    pdf = new_pdf()
    for number, blocks in enumerate(pages, start=1):
        pdf.add_page()
        for block in blocks:
            WRITERS[block.kind](pdf, block)
        if pdf.page_no() != number:
            raise RuntimeError(f"source page {number} overflowed onto page {pdf.page_no()}")
    return bytes(pdf.output())


BRIGHTWAVE_HTML = """\
<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Modern Slavery Statement 2024 | Brightwave Retail</title>
  <meta name="description" content="Brightwave Retail's statement on modern slavery.">
  <link rel="stylesheet" href="/assets/css/site.css">
</head>
<body>
  <div class="cookie-banner" id="cookie-banner" role="dialog" aria-label="Cookie consent">
    <p>We use cookies to give you the best shopping experience, to remember your basket and
    to show you offers we think you will like. You can accept all cookies or manage your
    preferences at any time.</p>
    <button type="button" id="cookie-accept">Accept all cookies</button>
    <button type="button" id="cookie-manage">Manage preferences</button>
  </div>

  <header class="site-header">
    <a class="logo" href="/">Brightwave</a>
    <nav class="site-nav" aria-label="Main">
      <ul>
        <li><a href="/women">Women</a></li>
        <li><a href="/men">Men</a></li>
        <li><a href="/home">Home &amp; Living</a></li>
        <li><a href="/sale">Sale</a></li>
        <li><a href="/stores">Find a store</a></li>
        <li><a href="/basket">Basket (0)</a></li>
      </ul>
    </nav>
  </header>

  <main id="content">
    <h1>Modern Slavery Statement 2024</h1>

    <h2>Introduction</h2>
    <p>At Brightwave we are committed to acting ethically and with integrity in all our
    business relationships. We have a zero tolerance approach to modern slavery and human
    trafficking of any kind, and we are committed to doing the right thing for the people
    who make our products.</p>

    <h2>About Brightwave</h2>
    <p>Brightwave is one of the UK's favourite fashion and homeware retailers, with stores
    across the country and a growing online business. We work with a wide range of
    suppliers around the world who share our values.</p>

    <h2>Our commitment</h2>
    <p>We take our responsibilities seriously. We have a number of policies in place that
    reflect our values, and we expect our suppliers to act ethically and to comply with
    all applicable laws, including those relating to slavery and human trafficking.</p>
    <p>We believe that everyone has the right to be treated fairly and with respect, and we
    will not knowingly work with any business that is involved in modern slavery.</p>

    <h2>Looking ahead</h2>
    <p>We are committed to continually improving our approach and will keep this statement
    under review. We remain dedicated to ensuring that modern slavery has no place in our
    business or our supply chains.</p>
  </main>

  <footer class="site-footer">
    <ul>
      <li><a href="/help">Help &amp; delivery</a></li>
      <li><a href="/privacy">Privacy &amp; cookies</a></li>
      <li><a href="/terms">Terms &amp; conditions</a></li>
      <li><a href="/modern-slavery-statement">Modern slavery statement</a></li>
    </ul>
    <p>&copy; Brightwave Retail Group Ltd (an invented sample company for msa-check).
    Company number 09999902 (sample value).</p>
  </footer>

  <script>
    (function () {
      var banner = document.getElementById("cookie-banner");
      var accept = document.getElementById("cookie-accept");
      if (window.localStorage.getItem("bw-cookies") === "accepted") {
        banner.hidden = true;
      }
      accept.addEventListener("click", function () {
        window.localStorage.setItem("bw-cookies", "accepted");
        banner.hidden = true;
      });
    })();
  </script>
</body>
</html>
"""

HARBOUR_TEXT = """\
QUAYFOLD HARBOUR LOGISTICS LTD
Modern Slavery Statement for the financial year ending 31 December 2024

This statement is made by Quayfold Harbour Logistics Ltd (company number 09999903, sample
value) under section 54(4)(b) of the Modern Slavery Act 2015.

The company has not taken any steps during the financial year ending 31 December 2024 to
ensure that slavery and human trafficking is not taking place in any of its supply chains
or in any part of its own business.

The board of directors will consider during the financial year ending 31 December 2025
whether the company should take such steps.

This statement was approved by the board of directors of Quayfold Harbour Logistics Ltd on
20 March 2025.

Signed:
Tobias Wrenfield-Marsh
Director
20 March 2025
"""


def write_text_file(path: Path, text: str) -> None:
    """Write UTF-8 text with LF line endings, whatever the platform."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def main() -> None:
    pages = parse_pages(PDF_SOURCE.read_text(encoding="utf-8"))
    PDF_OUTPUT.write_bytes(build_pdf(pages))
    write_text_file(HTML_OUTPUT, BRIGHTWAVE_HTML)
    write_text_file(TEXT_OUTPUT, HARBOUR_TEXT)
    write_text_file(PREVIOUS_YEAR_OUTPUT, PREVIOUS_YEAR_SOURCE.read_text(encoding="utf-8"))
    write_text_file(ELECTRONICS_OUTPUT, ELECTRONICS_SOURCE.read_text(encoding="utf-8"))
    for path in (PDF_OUTPUT, HTML_OUTPUT, TEXT_OUTPUT, PREVIOUS_YEAR_OUTPUT, ELECTRONICS_OUTPUT):
        print(f"wrote {path.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
