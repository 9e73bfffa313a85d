"""A huge HTML page is slimmed and capped before Beautiful Soup builds its tree (issue 15: a
40 MB page peaked at 5.7 GB). The cap is made small here so the tests stay quick."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from msa_check.cli import app
from msa_check.errors import ExitCode, ExtractError
from msa_check.extract import html_budget
from msa_check.extract.html import extract_html_document
from msa_check.extract.html_budget import html_for_links, html_for_parsing, slim_html
from msa_check.fetch.pages import read_page
from tests.extract.test_extract_document import _fetched

STATEMENT = "<h1>Modern slavery statement</h1><p>We audit our suppliers every year.</p>"
runner = CliRunner()


def test_slim_html_sets_aside_what_is_never_text() -> None:
    page = (
        "<html><head><style>p { color: red }</style><script src=x></script></head><body>"
        "<!-- build 42 --><SCRIPT type='module'>if (a < b) { alert('</p>') }</SCRIPT >"
        "<svg><text>chart</text></svg><template><p>later</p></template>"
        f"<img src='data:image/png;base64,{'A' * 5000}'>{STATEMENT}</body></html>"
    )
    slim = slim_html(page)
    for gone in ("color: red", "build 42", "alert", "chart", "later", "AAAA"):
        assert gone not in slim
    assert STATEMENT in slim and "<img src='data:'>" in slim
    # similar names and short data: URIs are left alone
    kept = "<scripts>x</scripts><p>a data:text/plain,hi link</p>"
    assert slim_html(kept) == kept


def test_an_element_left_open_runs_to_the_end_of_the_page() -> None:
    assert slim_html(f"{STATEMENT}<script>var x = 1;{STATEMENT}") == STATEMENT
    assert slim_html(f"{STATEMENT}<!-- never closed {STATEMENT}") == STATEMENT


def test_many_open_scripts_cost_one_pass() -> None:
    # Each start is searched for its end once: a quadratic search would take minutes here.
    assert slim_html(STATEMENT + "<script>" * 200_000) == STATEMENT
    assert slim_html(("<!--x-->" * 100_000) + STATEMENT) == STATEMENT


def test_a_page_over_the_cap_is_refused_with_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_budget, "MAX_HTML_CHARS", 10_000)
    page = f"<html><body>{STATEMENT * 200}</body></html>"
    with pytest.raises(ExtractError) as caught:
        extract_html_document(page.encode())
    message = caught.value.message
    assert "over the 10,000 msa-check parses" in message
    assert "save the statement as a PDF or a text file" in message
    assert caught.value.exit_code == ExitCode.SOURCE
    with pytest.raises(ExtractError):
        html_for_parsing(page)


def test_a_page_big_only_in_scripts_still_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_budget, "MAX_HTML_CHARS", 10_000)
    script = "<script>" + "var tracking = 1;" * 5_000 + "</script>"
    document = extract_html_document(f"<html><body>{script}{STATEMENT}</body></html>".encode())
    assert "We audit our suppliers every year." in document.text


def test_a_page_read_for_links_is_read_up_to_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_budget, "MAX_HTML_CHARS", 10_000)
    link = "<a href='/msa.pdf'>Modern slavery statement</a>"
    late = "<a href='/late.pdf'>Modern slavery statement 2020</a>"
    page = f"<html><body>{link}{'<p>filler words here</p>' * 2_000}{late}</body></html>"
    assert len(html_for_links(page)) == 10_000
    links = read_page(_fetched(page.encode(), "text/html")).links
    assert [found.url for found in links] == ["https://example.com/msa.pdf"]


def test_check_of_a_page_over_the_cap_exits_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(html_budget, "MAX_HTML_CHARS", 10_000)
    page = tmp_path / "big.html"
    page.write_text(f"<html><body>{STATEMENT * 200}</body></html>", encoding="utf-8")
    result = runner.invoke(app, ["check", str(page)])
    assert result.exit_code == ExitCode.SOURCE
    assert "characters of markup once scripts, styles and inline images" in result.stderr
