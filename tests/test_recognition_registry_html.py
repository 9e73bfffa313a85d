"""The registry signal on web pages (fourth round): a registry's HTML page keeps its title
and its links beside the text, the title is a layout kind, the statement's address is taken
from a link when the text gives none, and the government registry's summary field names
count only in a field name's form."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from msa_check.batch import read_store, run_batch
from msa_check.cli import app
from msa_check.errors import ExitCode
from msa_check.extract import extract_document
from msa_check.extract.html import extract_html_document
from msa_check.models import FetchedSource, Link, Recognition, SourceKind, StatementSignal
from msa_check.recognition import recognise_wording
from msa_check.recognition_registry import listed_statement_link
from tests.batch.conftest import local_fetch_options, write_list

DESIGN_PAGE = (
    Path(__file__).parents[1]
    / "benchmarks/nonstatements/held_out_registry/govuk-group-summary-link-only.html"
)
STATEMENT_URL = "https://www.brackenfold-joinery.co.uk/about/modern-slavery-statement-2025"
# A government-registry statement summary as its HTML (an invented company): the header,
# the menu and the footer, where the registry's name and "Submit new statement" are, are
# dropped by the extractor; the link to the statement is only "View the full ...".
SUMMARY_PAGE = f"""<!DOCTYPE html><html lang="en"><head>
<title>Statement summary - Modern slavery statement registry - GOV.UK</title></head>
<body><header><p>GOV.UK</p><p>Modern slavery statement registry</p>
<nav><a href="/search">Search statements</a> <a href="/submit">Submit new statement</a></nav>
</header><main>
<h1>Brackenfold Joinery Ltd</h1>
<h2>Statement summary</h2>
<dl>
<dt>Legislation</dt><dd>UK Modern Slavery Act</dd>
<dt>Financial year</dt><dd>1 April 2024 to 31 March 2025</dd>
<dt>Link to the statement</dt>
<dd><a href="{STATEMENT_URL}">View the full modern slavery statement</a></dd>
<dt>Date the statement was approved by the board</dt><dd>3 September 2025</dd>
</dl>
<h2>Areas covered by the statement</h2>
<ul><li>Policies on slavery and human trafficking</li><li>Training about forced labour</li>
<li>Due diligence on modern slavery risks in the supply chain</li></ul>
</main>
<footer><a href="/accessibility">Accessibility statement</a> <a href="/cookies">Cookies</a>
</footer></body></html>"""
# A statement that carries a summary's fields as its own lines, and names the registry.
STATEMENT_WITH_FIELDS = """Brackenfold Joinery Ltd Modern Slavery Statement

Financial year: 2024
Legislation: Modern Slavery Act 2015

This statement is made pursuant to section 54 of the Modern Slavery Act 2015 and sets
out the steps taken during the financial year to ensure that slavery and human
trafficking is not taking place in our business or supply chains. It will be submitted
to the Modern Slavery Statement Registry.

We buy timber from twelve merchants. We assessed the risk of forced labour and child
labour in our supply chain, and trained our buyers to recognise modern slavery.
"""
runner = CliRunner()


def _registry(recognition: Recognition) -> StatementSignal:
    return next(s for s in recognition.signals if s.id == "registry")


def _document_of(page: str, name: str = "summary.html") -> tuple[str, str | None, tuple[Link, ...]]:
    content = page.encode()
    source = FetchedSource(name, SourceKind.FILE, content, hashlib.sha256(content).hexdigest(), "")
    document = extract_document(source)
    return document.text, document.title, document.links


def test_an_html_summary_page_keeps_its_title_and_links_beside_its_text() -> None:
    text, title, links = _document_of(SUMMARY_PAGE)
    assert title == "Statement summary - Modern slavery statement registry - GOV.UK"
    assert Link("View the full modern slavery statement", STATEMENT_URL) in links
    # The menu and the footer stay out: of the text and of the links.
    assert "Submit new statement" not in text and "Modern slavery statement registry" not in text
    assert STATEMENT_URL not in text and not any("ccessibility" in link.text for link in links)


def test_an_html_summary_page_is_a_registry_page_with_the_link_from_its_href() -> None:
    text, title, links = _document_of(SUMMARY_PAGE)
    recognition = recognise_wording(text, title, links)
    assert recognition.is_registry_page and not recognition.is_statement
    assert _registry(recognition).found == (
        "7 kind(s): registry title, summary, legislation, financial year, link to statement,"
        " approved, areas; 4 of them the page's layout"
    )
    assert recognition.statement_link == STATEMENT_URL
    # The link is only in the links: without them the page gives no address.
    assert recognise_wording(text, title).statement_link is None


def test_the_title_decides_a_summary_page_whose_text_has_one_layout_kind() -> None:
    # The design page of this round: its menu (with "Submit new statement") dropped, its
    # text has "Statement summary", "Legislation", "Financial year" and "Areas the
    # statement covers"; its title is the second layout kind.
    text, title, links = _document_of(DESIGN_PAGE.read_text(encoding="utf-8"))
    assert not recognise_wording(text, None, links).is_registry_page
    recognition = recognise_wording(text, title, links)
    assert recognition.is_registry_page
    assert (
        recognition.statement_link == "https://www.pennardgroup.com/sustainability/modern-slavery"
    )


def test_the_cli_reports_an_html_summary_page_with_its_statement_link(tmp_path: Path) -> None:
    page = tmp_path / "summary.html"
    page.write_text(SUMMARY_PAGE, encoding="utf-8")
    result = runner.invoke(app, ["check", str(page), "--format", "json"])
    assert result.exit_code == ExitCode.NOT_A_STATEMENT
    report = json.loads(result.stdout)
    assert report["status"] == "not_a_statement"
    assert report["recognition"]["statement_link"] == STATEMENT_URL
    console = runner.invoke(app, ["check", str(page), "--width", "120"])
    assert STATEMENT_URL in console.stdout and "check that instead" in console.stdout


def test_a_batch_gives_an_html_summary_page_s_link_in_its_reason(tmp_path: Path) -> None:
    page = tmp_path / "summary.html"
    page.write_text(SUMMARY_PAGE, encoding="utf-8")
    store = tmp_path / "results.sqlite"
    run_batch(write_list(tmp_path / "s.txt", [str(page)]), store, workers=1,
              fetch_options=local_fetch_options())  # fmt: skip
    [row] = read_store(store)
    assert row["overall_status"] == "not_a_statement"
    assert f"The statement itself is at {STATEMENT_URL}: check that instead." in row["error"]


def test_relative_links_are_read_against_the_pages_address_or_its_base() -> None:
    page = '<html><head><base href="/docs/"></head><body><p>We act. <a href="msa.pdf">Ours</a>'
    page += ' <a href="mailto:a@b.example">Mail</a> <a href="#top">Top</a></p></body></html>'
    read = extract_html_document(page.encode(), url="https://acme.example/about/index.html")
    assert read.links == (Link("Ours", "https://acme.example/docs/msa.pdf"),)
    assert read.text == "We act. Ours Mail Top"
    unknown = extract_html_document(page.replace('<base href="/docs/">', "").encode())
    assert unknown.links == (Link("Ours", "msa.pdf"),)  # a file: no address to read it against


def test_a_fetched_page_s_links_are_read_against_its_address() -> None:
    page = SUMMARY_PAGE.replace(STATEMENT_URL, "/company/brackenfold/statement.pdf").encode()
    url = "https://modern-slavery-statement-registry.service.gov.uk/statement-summary/4711"
    fetched = FetchedSource(
        url, SourceKind.URL, page, hashlib.sha256(page).hexdigest(), "", final_url=url
    )
    document = extract_document(fetched)
    # On the registry's own site: not the statement, and no other link looks like it.
    linked = "https://modern-slavery-statement-registry.service.gov.uk/company/brackenfold/"
    assert Link("View the full modern slavery statement", linked + "statement.pdf") in (
        document.links
    )
    recognition = recognise_wording(document.text, document.title, document.links)
    assert recognition.is_registry_page and recognition.statement_link is None


def test_a_statement_with_financial_year_and_legislation_lines_is_still_a_statement() -> None:
    recognition = recognise_wording(STATEMENT_WITH_FIELDS)
    registry = _registry(recognition)
    # A summary's fields a statement uses of itself: they only confirm.
    assert registry.found == (
        "3 kind(s): financial year, legislation, registry; 0 of them the page's layout"
    )
    assert registry.points == 0 and recognition.is_statement


def test_a_summary_field_counts_only_in_a_field_names_form() -> None:
    prose = (
        "Submit new statement\nDuring the financial year: we reviewed the areas covered by"
        " the statement: policies. Our legislation team\nlink to the statement, once approved."
    )
    assert _registry(recognise_wording(prose)).found.startswith("1 kind(s): submit;")
    own_lines = "Submit new statement\n\nLink to the statement\n\nhttps://acme.example/ours\n\n"
    own_lines += "Legislation\n\nUK Act"
    found = _registry(recognise_wording(own_lines)).found
    assert found == "3 kind(s): submit, link to statement, legislation; 2 of them the page's layout"
    assert recognise_wording(own_lines).is_registry_page
    first_line = "Link to the statement\n\nhttps://acme.example/ours\n\nSubmit new statement"
    assert _registry(recognise_wording(first_line + "\n\nLegislation\n")).found == (
        "3 kind(s): link to statement, submit, legislation; 2 of them the page's layout"
    )
    # A line that only starts with the name is prose broken over lines.
    broken = "Submit new statement\n\nLink to the statement below\nLegislation applies"
    assert _registry(recognise_wording(broken)).found.startswith("1 kind(s): submit;")


@pytest.mark.parametrize(
    ("title", "kinds"),
    [
        ("Brackenfold Joinery Ltd statement - Modern slavery statement registry - GOV.UK", 1),
        ("Brackenfold Joinery Ltd | Modern Slavery Registry", 1),
        ("Our statement, as submitted to the Modern Slavery Statement Registry - Brackenfold", 0),
    ],
)
def test_a_registry_title_alone_does_not_flag_a_statement(title: str, kinds: int) -> None:
    recognition = recognise_wording(STATEMENT_WITH_FIELDS, title)
    found = _registry(recognition).found
    assert found.startswith("4 kind(s): registry title," if kinds else "3 kind(s):")
    assert found.endswith(f"{kinds} of them the page's layout")
    assert recognition.is_statement and not recognition.is_registry_page


def test_the_link_labelled_as_the_statement_wins_and_registry_hosts_are_left_out() -> None:
    links = (
        Link("Guidance", "https://www.gov.uk/guidance/modern-slavery-statements.pdf"),
        Link("Search", "https://modern-slavery-statement-registry.service.gov.uk/search"),
        Link("View the full statement", "https://acme.example/about/ours"),
    )
    assert listed_statement_link("", links) == "https://acme.example/about/ours"
    assert listed_statement_link("", links[:2]) == (
        "https://www.gov.uk/guidance/modern-slavery-statements.pdf"
    )
    assert listed_statement_link("", links[1:2]) is None
    assert listed_statement_link("", (Link("Ours", "/relative/statement.pdf"),)) is None
    # An address in the text that looks like the statement comes first; one that does
    # not comes after the links.
    assert listed_statement_link("at https://acme.example/msa.pdf", links) == (
        "https://acme.example/msa.pdf"
    )
    assert listed_statement_link("see https://acme.example/cookies", links) == (
        "https://acme.example/about/ours"
    )
