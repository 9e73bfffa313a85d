"""PDFium (the default) and pdfplumber read the same pages, blocks, headings and verdicts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from msa_check.checker import Checker, load_rule_sets
from msa_check.errors import ExtractError
from msa_check.extract import PdfEngine, extract_document
from msa_check.extract.pdf import extract_pdf_document
from msa_check.fetch.local import read_file, source_from_bytes
from msa_check.models import Document, FetchedSource, SourceKind
from msa_check.nlp import load_pipeline
from tests.extract.pdf_layouts import LAYOUTS

SAMPLES = Path(__file__).parents[2] / "samples"
CORPUS_PDFS = ("PM_group_2019", "VWR_statement", "coke_1")


def _reading(document: Document) -> tuple[object, ...]:
    """All extraction gives: blocks with kinds (headings), pages, sections, offsets, title."""
    return (
        document.blocks,
        document.pages,
        document.sections,
        document.text,
        document.title,
        document.page_count,
        document.warnings,
    )


def _both(content: bytes) -> tuple[Document, Document]:
    return (
        extract_pdf_document(content, engine=PdfEngine.PDFIUM),
        extract_pdf_document(content, engine=PdfEngine.PDFPLUMBER),
    )


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_the_engines_read_generated_layouts_alike(layout: str) -> None:
    pdfium, plumber = _both(LAYOUTS[layout]())
    assert pdfium.blocks, "the layout has text, so some must be read"
    assert _reading(pdfium) == _reading(plumber)


def test_a_page_turned_by_rotate_is_read_and_a_sideways_note_is_not() -> None:
    document, _ = _both(LAYOUTS["rotated pages"]())
    on_page_two = [block.text for block in document.blocks if block.page == 2]
    assert on_page_two[0] == "Training and Effectiveness"
    assert not any("Draft for board" in block.text for block in document.blocks)


def _verdicts(checker: Checker, fetched: FetchedSource) -> list[tuple[str, str, tuple[str, ...]]]:
    report = checker.check_fetched(fetched)
    return [
        (criterion.id, criterion.verdict.value, tuple(e.text for e in criterion.evidence))
        for result in report.results
        for criterion in result.criteria
    ]


@pytest.fixture(scope="module")
def checkers() -> tuple[Checker, Checker]:
    rule_sets, nlp = load_rule_sets(["uk-msa-s54", "disclosure-quality"]), load_pipeline()
    return (
        Checker(rule_sets, nlp, pdf_engine=PdfEngine.PDFIUM),
        Checker(rule_sets, nlp, pdf_engine=PdfEngine.PDFPLUMBER),
    )


@pytest.mark.parametrize("name", CORPUS_PDFS)
def test_the_engines_agree_on_real_statements(
    name: str, corpus_pdf: Callable[[str], bytes], checkers: tuple[Checker, Checker]
) -> None:
    content = corpus_pdf(name)
    pdfium, plumber = _both(content)
    assert _reading(pdfium) == _reading(plumber)
    fetched = source_from_bytes(f"{name}.pdf", SourceKind.FILE, content)
    assert _verdicts(checkers[0], fetched) == _verdicts(checkers[1], fetched)


def test_the_engines_agree_on_the_sample_statement(checkers: tuple[Checker, Checker]) -> None:
    fetched = read_file(str(SAMPLES / "northwind-components-2025.pdf"), 10_000_000)
    pdfium, plumber = (extract_document(fetched, pdf_engine=engine) for engine in PdfEngine)
    assert _reading(pdfium) == _reading(plumber)
    assert _verdicts(checkers[0], fetched) == _verdicts(checkers[1], fetched)


@pytest.mark.parametrize("engine", list(PdfEngine))
def test_bytes_that_are_not_a_pdf_are_refused_by_either_engine(engine: PdfEngine) -> None:
    with pytest.raises(ExtractError, match="corrupt or truncated"):
        extract_pdf_document(b"%PDF-1.7\n" + b"\x00" * 200, engine=engine)


def _redrawn_later() -> bytes:
    """Headings drawn again after the rest of the page, a third of a point to the right
    (PDFium itself drops a text object repeated straight after itself, not these)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for shift, rows in ((0.0, range(6)), (0.3, range(0, 6, 2))):
        for row in rows:
            pdf.set_xy(20 + shift, 20 + 8 * row)
            pdf.cell(text=f"Heading {row} of the statement")
    return bytes(pdf.output())


def test_a_line_drawn_again_later_on_the_page_is_read_once_by_both_engines() -> None:
    pdfium, plumber = _both(_redrawn_later())
    assert [block.text for block in pdfium.blocks] == [
        f"Heading {row} of the statement" for row in range(6)
    ]
    assert _reading(pdfium) == _reading(plumber)
