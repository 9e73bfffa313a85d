"""The HTML report: one self-contained, accessible file, checked by parsing it."""

from __future__ import annotations

import dataclasses
import itertools
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from typer.testing import CliRunner

from msa_check.cli import app
from msa_check.models import LegalReference, Report
from msa_check.report import render_text
from msa_check.report.html_style import STYLE
from tests.sample_dates import northwind_exit_code

NORTHWIND = Path(__file__).parents[2] / "samples" / "northwind-components-2025.pdf"
SOURCE_URLS = {"https://example.com/msa", "https://www.example.com/msa-2025.pdf"}
LAW_URLS = {"https://example.org/s54"}


def soup_of(report: Report) -> BeautifulSoup:
    return BeautifulSoup(render_text(report, "html"), "html.parser")


def test_a_complete_document_in_english(report_with_metadata: Report) -> None:
    text = render_text(report_with_metadata, "html")
    soup = BeautifulSoup(text, "html.parser")
    assert text.startswith("<!DOCTYPE html>\n") and text.endswith("</html>\n")
    html = soup.find("html")
    assert isinstance(html, Tag) and html["lang"] == "en"
    assert soup.find("meta", charset="utf-8") is not None
    assert soup.title is not None
    assert soup.title.string == "Modern slavery statement check: Example Retail plc"


def test_headings_run_h1_h2_h3_without_skipping(report_with_metadata: Report) -> None:
    levels = [
        int(h.name[1]) for h in soup_of(report_with_metadata).find_all(re.compile("^h[1-6]$"))
    ]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
    assert 3 in levels


def test_every_table_has_header_cells_with_a_scope(report_with_metadata: Report) -> None:
    soup = soup_of(report_with_metadata)
    tables = soup.find_all("table")
    assert len(tables) >= 4
    for table in tables:
        headers = table.find_all("th")
        assert headers and all(th.get("scope") in ("col", "row") for th in headers)


def test_nothing_is_fetched_and_only_the_source_and_the_law_are_linked(
    report_with_metadata: Report,
) -> None:
    soup = soup_of(report_with_metadata)
    assert soup.find_all(["script", "link", "img", "iframe", "object", "embed"]) == []
    assert not soup.find_all(src=True)
    assert "url(" not in STYLE and "@import" not in STYLE
    external = {a["href"] for a in soup.find_all("a", href=True) if not a["href"].startswith("#")}
    assert external == SOURCE_URLS | LAW_URLS
    anchors = {a["href"][1:] for a in soup.find_all("a", href=True) if a["href"].startswith("#")}
    assert anchors and all(soup.find(id=anchor) for anchor in anchors)


def test_only_http_addresses_become_links(report_with_metadata: Report) -> None:
    result = report_with_metadata.results[0]
    bad = LegalReference("Modern Slavery Act 2015", "s54", "javascript:alert(1)")
    criteria = (dataclasses.replace(result.criteria[0], reference=bad), *result.criteria[1:])
    report = dataclasses.replace(
        report_with_metadata, results=(dataclasses.replace(result, criteria=criteria),)
    )
    text = render_text(report, "html")
    assert "javascript:" not in text
    assert "Modern Slavery Act 2015, s54" in BeautifulSoup(text, "html.parser").get_text()


def test_quotes_are_marked_with_their_page_and_text_is_escaped(
    report_with_metadata: Report,
) -> None:
    soup = soup_of(report_with_metadata)
    marks = [m.get_text() for m in soup.find_all("mark")]
    assert "We buy cotton | polyester from 40 suppliers in [bold]Turkey[/bold]." in marks
    assert "Signed: Jane <Doe>, Company Secretary, 12 June 2025" in marks  # a flag's quote
    assert soup.find_all("doe") == [] and soup.find_all("bold") == []
    wheres = [p.get_text() for p in soup.find_all("p", class_="where")]
    assert 'p. 2 · section "Our supply chains"' in wheres
    assert any(w.endswith("says this is planned") for w in wheres)


def test_verdicts_flags_and_provenance_are_in_words(report_with_metadata: Report) -> None:
    soup = soup_of(report_with_metadata)
    badges = {b.get_text() for b in soup.find_all(class_="verdict")}
    assert badges == {"✔ met", "✘ missing", "◐ partial", "○ not checked"}
    text = " ".join(soup.get_text(" ").split())
    assert "✘ Does NOT meet the mandatory requirements:" in text
    assert "⚑ Not approved by the board (flag approval_not_board) : Approved by 'Exec" in text
    assert "⚑ Not signed by a director (flag signatory_not_director)" in text
    assert "⚠ No steps (alert no-steps) : The statement says the organisation has taken" in text
    assert "(raised by: Signed by a director )" in text and "approval_not_board:" not in text
    assert "Approved by Executive Committee (NOT the board), undated" in text
    assert "ab" * 32 in text and "msa-check 0.1.0" in text
    assert "UK Modern Slavery Act s54 (uk-msa, version 1.2)" in text


def test_a_report_without_flags_says_there_are_none(sample_report: Report) -> None:
    soup = soup_of(sample_report)
    flags = soup.find(id="flags")
    assert flags is not None and flags.find_next("p").get_text().startswith("No flags")


def relative_luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def test_text_colours_meet_wcag_aa_contrast() -> None:
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", STYLE)
    pairs = []
    for selector, body in rules:
        colour = re.search(r"(?<![-\w])color:\s*(#[0-9a-f]{6})", body)
        background = re.search(r"background:\s*(#[0-9a-f]{6})", body)
        if colour:
            pairs.append(
                (
                    selector.strip(),
                    colour.group(1),
                    background.group(1) if background else "#ffffff",
                )
            )
    assert len(pairs) >= 8
    for selector, colour, background in pairs:
        light, dark = sorted(
            (relative_luminance(colour), relative_luminance(background)), reverse=True
        )
        ratio = (light + 0.05) / (dark + 0.05)
        assert ratio >= 4.5, f"{selector}: {colour} on {background} is {ratio:.2f}:1"


def test_the_print_style_keeps_badges_and_prints_link_addresses() -> None:
    assert "@media print" in STYLE
    print_rules = STYLE[STYLE.index("@media print") :]
    assert "print-color-adjust: exact" in print_rules and "attr(href)" in print_rules
    assert "break-inside: avoid" in print_rules


@pytest.mark.skipif(not NORTHWIND.exists(), reason="sample missing")
def test_check_writes_an_html_report_of_the_sample(tmp_path: Path) -> None:
    output = tmp_path / "report.html"
    result = CliRunner().invoke(
        app, ["check", str(NORTHWIND), "--format", "html", "-o", str(output)]
    )
    assert result.exit_code == northwind_exit_code(), result.stderr
    soup = BeautifulSoup(output.read_text(encoding="utf-8"), "html.parser")
    assert soup.h1 is not None
    assert soup.h1.get_text() == "Modern slavery statement check: Northwind Components Ltd"
    text = " ".join(soup.get_text(" ").split())
    assert "Approved by Board of Directors (the board), 2025-06-12" in text
    assert any("p. 4" in p.get_text() for p in soup.find_all("p", class_="where"))
    assert not soup.find_all(["script", "link", "img"])
