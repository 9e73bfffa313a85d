"""HTML extraction: page chrome out, statement structure in, any encoding."""

from __future__ import annotations

import pytest

from msa_check.errors import ExtractError
from msa_check.extract.html import extract_html_document
from msa_check.models import BlockKind, ContentKind
from tests.extract.well_formed import assert_well_formed

STATEMENT_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Modern Slavery Statement 2024 | Example Trading</title>
  <style>.hero { color: red }</style>
  <script>window.analytics = "TRACKING SCRIPT";</script>
</head>
<body>
  <header class="site-header"><a href="/">SITE LOGO</a></header>
  <nav><ul><li>Home</li><li>NAVIGATION LINK</li></ul></nav>
  <div id="onetrust-cookie-banner"><p>We use cookies to improve your experience.</p>
    <button>Accept all</button></div>
  <div class="consent-modal" aria-label="Privacy choices"><p>CONSENT TEXT</p></div>
  <main>
    <article>
      <header><h1>Modern Slavery Statement</h1></header>
      <p>This statement covers the year to 31 March 2024.<br>It is made under section 54.</p>
      <h2>Our Supply Chains</h2>
      <div>We buy from <strong>85 suppliers</strong> in
        <a href="/map">Turkey</a> and India.
        <p>Each supplier signs our code.</p>
        Audits follow within a year.
      </div>
      <h2>Due Diligence</h2>
      <ul>
        <li>Risk assessment of every new supplier</li>
        <li><p>Unannounced audits</p></li>
      </ul>
      <table><tr><td>Audits in 2024</td><td>40</td></tr></table>
      <p hidden>HIDDEN TEXT</p>
      <!-- an HTML COMMENT -->
    </article>
  </main>
  <aside>RELATED ARTICLES</aside>
  <form><label>NEWSLETTER SIGN-UP</label></form>
  <footer>COPYRIGHT FOOTER</footer>
  <noscript>PLEASE ENABLE JAVASCRIPT</noscript>
</body>
</html>
"""


def test_page_chrome_is_dropped() -> None:
    document = extract_html_document(STATEMENT_PAGE.encode())
    assert_well_formed(document)
    for chrome in (
        "TRACKING SCRIPT",
        "SITE LOGO",
        "NAVIGATION LINK",
        "cookies",
        "Accept all",
        "CONSENT TEXT",
        "RELATED ARTICLES",
        "NEWSLETTER",
        "COPYRIGHT FOOTER",
        "JAVASCRIPT",
        "HIDDEN TEXT",
        "COMMENT",
        "color: red",
    ):
        assert chrome not in document.text


def test_headings_become_sections_and_the_title_comes_from_title() -> None:
    document = extract_html_document(STATEMENT_PAGE.encode())
    assert document.kind is ContentKind.HTML
    assert document.title == "Modern Slavery Statement 2024 | Example Trading"
    # The <h1> in the article's own <header> is kept: only the site header is chrome.
    assert [s.title for s in document.sections] == [
        "Modern Slavery Statement",
        "Our Supply Chains",
        "Due Diligence",
    ]


def test_blocks_in_reading_order_without_duplicated_nested_text() -> None:
    document = extract_html_document(STATEMENT_PAGE.encode())
    texts = [b.text for b in document.blocks]
    assert texts[2:6] == [
        "Our Supply Chains",
        "We buy from 85 suppliers in Turkey and India.",
        "Each supplier signs our code.",
        "Audits follow within a year.",
    ]
    assert document.text.count("Each supplier signs our code.") == 1
    assert [b.section for b in document.blocks if "85 suppliers" in b.text] == ["Our Supply Chains"]


def test_list_items_and_table_cells() -> None:
    document = extract_html_document(STATEMENT_PAGE.encode())
    items = [b.text for b in document.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == ["Risk assessment of every new supplier", "Unannounced audits"]
    assert [b.text for b in document.blocks][-2:] == ["Audits in 2024", "40"]


def test_br_is_a_line_break_inside_the_block() -> None:
    document = extract_html_document(STATEMENT_PAGE.encode())
    assert document.blocks[1].text == (
        "This statement covers the year to 31 March 2024.\nIt is made under section 54."
    )


@pytest.mark.parametrize(
    "text", ["Café \u2013 “quoted”", "Café \u2013 “quoted” in São Paulo, Señor"]
)
def test_windows_1252_without_a_declared_charset(text: str) -> None:
    page = b"<html><body><p>" + text.encode("cp1252") + b"</p></body></html>"
    assert extract_html_document(page).text == text


def test_declared_charset_in_meta_is_used() -> None:
    page = '<html><head><meta charset="windows-1251"></head><body><p>Привет мир</p></body></html>'
    assert extract_html_document(page.encode("cp1251")).text == "Привет мир"


def test_charset_from_the_content_type_header() -> None:
    page = "<p>Grüße aus Köln</p>".encode("iso-8859-15")
    document = extract_html_document(page, content_type="text/html; charset=ISO-8859-15")
    assert document.text == "Grüße aus Köln"


def test_first_h1_is_the_title_when_there_is_no_title_tag() -> None:
    page = b"<body><h1>Anti-Slavery Statement</h1><p>We act.</p></body>"
    assert extract_html_document(page).title == "Anti-Slavery Statement"


def test_body_class_mentioning_cookies_does_not_drop_the_page() -> None:
    page = b'<html><body class="cookie-consent-pending"><p>We act.</p></body></html>'
    assert extract_html_document(page).text == "We act."


@pytest.mark.parametrize(
    "page",
    [
        b'<html><head><script src="app.js"></script></head><body><div id="root"></div>'
        b"<noscript>You need to enable JavaScript to run this app.</noscript></body></html>",
        b"<html><body>   </body></html>",
    ],
)
def test_page_without_text_is_refused(page: bytes) -> None:
    with pytest.raises(ExtractError, match=r"no statement text \(it may be rendered by JavaScript"):
        extract_html_document(page)


def test_deeply_nested_page_builder_markup() -> None:
    page = b"<div>" * 3000 + b"<p>We act.</p>" + b"</div>" * 3000
    assert extract_html_document(page).text == "We act."
