"""The registry signal after the review (issue: written statements flagged as registry
pages): only a registry page's own layout decides; the statement link it gives is read
and shown as a link, in the report, the console and a batch export's reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner

from msa_check.batch import read_store, run_batch
from msa_check.cli import app
from msa_check.errors import ExitCode
from msa_check.models import Recognition, StatementSignal, counts_registry_signal
from msa_check.recognition import recognise_wording
from msa_check.recognition_registry import listed_statement_link
from msa_check.report.json_report import recognition_to_dict
from tests.batch.conftest import local_fetch_options, write_list

BENCHMARKS = Path(__file__).parents[1] / "benchmarks"
REGISTRY_PAGE = BENCHMARKS / "nonstatements" / "dev" / "registry-listing-page.txt"
REVIEW_STATEMENTS = BENCHMARKS / "statements" / "review"
LINK = "https://www.hallowmere-ceramics.co.uk/about/modern-slavery-statement-2023.pdf"
runner = CliRunner()


def _registry(recognition: Recognition) -> StatementSignal:
    return next(s for s in recognition.signals if s.id == "registry")


@pytest.mark.parametrize("path", sorted(REVIEW_STATEMENTS.iterdir()), ids=lambda p: p.name)
def test_group_statements_with_every_confirming_kind_stay_statements(path: Path) -> None:
    # A summary heading or "Legislation:", "also covers the following" and the registry's
    # name: 3 kinds, none of them a registry page's layout.
    recognition = recognise_wording(path.read_text(encoding="utf-8"))
    found = _registry(recognition).found
    assert found.startswith("3 kind(s)") and found.endswith("; 0 of them the page's layout")
    assert _registry(recognition).points == 0 and not recognition.is_registry_page
    assert recognition.is_statement and recognition.statement_link is None
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code != ExitCode.NOT_A_STATEMENT
    assert json.loads(result.stdout)["status"] != "not_a_statement"


def test_two_layout_kinds_and_one_confirming_make_a_registry_page() -> None:
    page = "Submit new statement\nAdded on: March 2024\nLegislation: UK Modern Slavery Act\n"
    assert recognise_wording(page).is_registry_page
    one_layout = "Submit new statement\nStatement summary\nLegislation: UK Modern Slavery Act\n"
    assert not recognise_wording(one_layout).is_registry_page
    layout_only = "Submit new statement\nAdded on: March 2024\n"
    assert not recognise_wording(layout_only).is_registry_page


def test_the_link_loses_closing_quotes_and_brackets() -> None:
    for text in (
        "Acme (\u201chttps://acme.example/msa.pdf\u201d).",
        "at <https://acme.example/msa.pdf>;",
        "'https://acme.example/msa.pdf'",
        "[\u2018https://acme.example/msa.pdf\u2019]:",
    ):
        assert listed_statement_link(text) == "https://acme.example/msa.pdf", text


def test_only_the_registries_own_hosts_are_left_out() -> None:
    own = (
        "https://modern-slavery-statement-registry.service.gov.uk/summary/1"
        " https://www.business-humanrights.org/x https://modernslaveryregistry.org/c/1"
        " https://www.modernslaveryregistry.org/c/2"
    )
    assert listed_statement_link(own) is None
    # A company whose host has "registry" in it is a company's.
    assert listed_statement_link(own + " https://registry-trust.org.uk/msa.pdf") == (
        "https://registry-trust.org.uk/msa.pdf"
    )


def test_a_link_that_looks_like_the_statement_wins_else_the_first() -> None:
    text = "http://www.gov.uk/cookies then https://www.pennard.com/about/trafficking"
    assert listed_statement_link(text) == "https://www.pennard.com/about/trafficking"
    assert listed_statement_link("http://www.gov.uk/cookies https://x.example/a.PDF") == (
        "https://x.example/a.PDF"
    )
    assert listed_statement_link("http://www.gov.uk/cookies https://x.example/about") == (
        "http://www.gov.uk/cookies"
    )


def test_the_html_report_links_the_statement() -> None:
    result = runner.invoke(app, ["check", str(REGISTRY_PAGE), "--format", "html"])
    assert f'The statement itself is at <a href="{LINK}">{LINK}</a>: check that' in result.stdout


@pytest.mark.parametrize("width", [60, 80, 120])
def test_the_console_puts_the_link_whole_on_a_line_of_its_own(width: int) -> None:
    # 77 characters: wider than the console at 60 columns, and still not folded.
    result = runner.invoke(app, ["check", str(REGISTRY_PAGE), "--width", str(width)])
    lines = result.stdout.splitlines()
    assert LINK in lines  # one line, nothing else on it
    headline = " ".join(" ".join(lines[: lines.index(LINK)]).split())
    assert "The statement itself is at the address below: check that instead." in headline


def test_a_batch_exports_a_registry_pages_reason_with_the_link(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    page = REGISTRY_PAGE.read_bytes()
    httpserver.expect_request("/listing.txt").respond_with_data(page, content_type="text/plain")
    url = httpserver.url_for("/listing.txt")
    store = tmp_path / "results.sqlite"
    run_batch(write_list(tmp_path / "s.txt", [url]), store, workers=1,
              fetch_options=local_fetch_options())  # fmt: skip
    [row] = read_store(store)
    assert row["overall_status"] == "not_a_statement"
    assert "this is a statement registry's page about one" in row["error"]
    assert f"The statement itself is at {LINK}: check that instead." in row["error"]


@pytest.mark.parametrize("points", [-5, 0, 2])
def test_a_stored_report_reads_as_a_registry_page_when_its_recognition_does(points: int) -> None:
    # The batch's reason reads the stored JSON (batch/suppliers.py), the report the dataclass.
    signal = StatementSignal("registry", "a statement registry's page", "3 kind(s)", points)
    recognition = Recognition(is_statement=False, score=points, needed=3, signals=(signal,))
    stored = recognition_to_dict(recognition)["signals"]
    from_json = counts_registry_signal((s.get("id"), s.get("points")) for s in stored)
    assert from_json == recognition.is_registry_page == (points != 0)


def test_a_turnover_band_and_the_sectors_label_are_the_registry_s_layout() -> None:
    # A summary saved as text: each field's name is joined to its value on the next line.
    page = (
        "Statement summary\n\nSector(s)\nEngineering\n\n"
        "Turnover\n£60 million to £100 million\n\n" + LINK + "\n"
    )
    recognition = recognise_wording(page)
    assert _registry(recognition).found.startswith("3 kind(s): summary, sectors, turnover band")
    assert recognition.is_registry_page and recognition.statement_link == LINK
    # A statement gives its turnover as a figure, and one layout kind is not enough.
    statement = "Statement summary\n\nOur turnover was £45 million in 2024.\n\nSector(s): retail\n"
    assert not recognise_wording(statement).is_registry_page
