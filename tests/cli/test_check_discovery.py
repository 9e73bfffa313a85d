"""`msa-check check` given a homepage: it finds the statement and judges the s54(7) link."""

from __future__ import annotations

import json
from pathlib import Path

from pytest_httpserver import HTTPServer
from typer.testing import CliRunner

from msa_check.cli import app
from msa_check.errors import ExitCode
from tests.sample_dates import northwind_exit_code

SAMPLE = Path(__file__).parents[2] / "samples" / "northwind-components-2025.pdf"
LOCAL = ["--host-interval", "0", "--retries", "0", "--no-cache", "-f", "json"]
runner = CliRunner()


def homepage(footer: str) -> str:
    return (
        "<html><head><title>Northwind</title></head><body>"
        "<header><nav><a href='/products'>Products</a><a href='/about'>About us</a></nav></header>"
        "<main><h1>Components for everyone</h1><p>We distribute cables and chips.</p></main>"
        f"<footer>{footer}<a href='/privacy'>Privacy</a></footer></body></html>"
    )


def serve_site(httpserver: HTTPServer, footer: str) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/").respond_with_data(homepage(footer), content_type="text/html")
    httpserver.expect_request("/msa.pdf").respond_with_data(
        SAMPLE.read_bytes(), content_type="application/pdf"
    )


def criterion(report: dict, criterion_id: str) -> dict:  # type: ignore[type-arg]
    return next(c for c in report["rule_sets"][0]["criteria"] if c["id"] == criterion_id)


def test_a_homepage_leads_to_its_statement_and_the_footer_link_meets_s54_7(
    httpserver: HTTPServer,
) -> None:
    serve_site(httpserver, "<a href='/msa.pdf'>Modern Slavery Statement</a>")
    result = runner.invoke(app, ["check", httpserver.url_for("/"), *LOCAL])
    report = json.loads(result.stdout)
    assert report["source"]["final_url"] == httpserver.url_for("/msa.pdf")
    assert report["document"]["kind"] == "pdf"
    link = criterion(report, "homepage_link")
    assert link["verdict"] == "met"
    [evidence] = link["evidence"]
    assert evidence["text"] == "Modern Slavery Statement" and evidence["section"] == "footer"
    assert result.exit_code == northwind_exit_code()


def test_a_statement_url_is_checked_against_its_homepage(httpserver: HTTPServer) -> None:
    serve_site(httpserver, "")  # the homepage does not link to the statement
    result = runner.invoke(app, ["check", httpserver.url_for("/msa.pdf"), *LOCAL])
    report = json.loads(result.stdout)
    link = criterion(report, "homepage_link")
    assert link["verdict"] == "missing"
    assert "has no link to the statement" in link["note"]
    assert result.exit_code == ExitCode.MANDATORY_UNMET  # s54(7) is mandatory


def test_no_discover_reads_the_page_as_it_is(httpserver: HTTPServer) -> None:
    serve_site(httpserver, "<a href='/msa.pdf'>Modern Slavery Statement</a>")
    result = runner.invoke(app, ["check", httpserver.url_for("/msa.pdf"), "--no-discover", *LOCAL])
    report = json.loads(result.stdout)
    assert criterion(report, "homepage_link")["verdict"] == "not_checked"
    assert [request.path for request, _ in httpserver.log] == ["/robots.txt", "/msa.pdf"]


def test_a_homepage_without_a_statement_link_is_a_report_with_exit_1(
    httpserver: HTTPServer,
) -> None:
    serve_site(httpserver, "<a href='/ethics'>Ethics and modern slavery</a>")
    httpserver.expect_request("/ethics").respond_with_data(
        "<html><body><h1>Ethics</h1><p>We care about people. Our values guide how we work"
        " with customers, colleagues and the communities around our depots, and every"
        " colleague completes our ethics course in their first month with us.</p></body></html>",
        content_type="text/html",
    )
    home = httpserver.url_for("/")
    result = runner.invoke(app, ["check", home, *LOCAL])
    # Issue 17 item 6: "no statement found" is a finding about the supplier, not a failure.
    assert result.exit_code == ExitCode.MANDATORY_UNMET == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["status"] == "no_statement_found"
    assert report["source"]["location"] == home
    assert criterion(report, "homepage_link")["verdict"] == "missing"
    assert "no statement found" in criterion(report, "homepage_link")["note"]
    assert criterion(report, "steps_taken")["verdict"] == "not_checked"
    assert report["status_criteria"] == ["homepage_link"]
    assert report["questions"] == [] and report["recognition"] is None
    [examined] = report["discovery"]["examined"]
    assert examined["url"] == httpserver.url_for("/ethics")
    assert examined["outcome"].startswith("rejected: not a statement: ")
    assert report["discovery"]["statement_url"] is None


def test_no_statement_found_in_every_format(httpserver: HTTPServer) -> None:
    serve_site(httpserver, "")
    home = httpserver.url_for("/")
    options = [o for o in LOCAL if o not in ("-f", "json")]
    console = runner.invoke(app, ["check", home, *options])
    assert console.exit_code == ExitCode.MANDATORY_UNMET
    assert f"No statement found: {home} leads to no modern slavery statement" in " ".join(
        console.stdout.split()
    )
    brief = runner.invoke(app, ["check", home, *options, "--brief"]).stdout
    assert brief.splitlines()[0] == home  # where the check started, not a page it read
    markdown = runner.invoke(app, ["check", home, *options, "-f", "markdown"]).stdout
    assert "**No statement found:" in markdown
    html = runner.invoke(app, ["check", home, *options, "-f", "html"]).stdout
    assert 'data-status="no_statement_found"' in html and "outcome-unmet" in html


NEWS = (
    "<html><body><article><h1>Supplier publishes modern slavery statement</h1>"
    + "<p>Northwind published its modern slavery statement on Monday, a spokesperson said."
    " The statement, required under the Modern Slavery Act, found forced labour at a"
    " supplier, the company said. Campaigners said more was needed on slavery.</p>"
    * 6
    + "</article></body></html>"
)


def test_discovery_passes_over_a_news_page_for_the_statement(httpserver: HTTPServer) -> None:
    serve_site(
        httpserver,
        "<a href='/news/msa'>Modern slavery statement news</a>"
        "<a href='/msa.pdf'>Modern Slavery Statement</a>",
    )
    httpserver.expect_request("/news/msa").respond_with_data(NEWS, content_type="text/html")
    result = runner.invoke(app, ["check", httpserver.url_for("/"), *LOCAL])
    report = json.loads(result.stdout)
    assert report["source"]["location"] == httpserver.url_for("/msa.pdf")
    outcomes = {e["url"]: e["outcome"] for e in report["discovery"]["examined"]}
    assert outcomes[httpserver.url_for("/msa.pdf")] == "taken as the statement"
    news = outcomes[httpserver.url_for("/news/msa")]
    assert news.startswith("rejected: not a statement: its wording scores") or "reserve" in news
    assert "reads as news" in news


def test_the_report_shows_the_path_and_the_homepage_link(httpserver: HTTPServer) -> None:
    serve_site(httpserver, "<a href='/msa.pdf'>Modern Slavery Statement</a>")
    result = runner.invoke(app, ["check", httpserver.url_for("/"), *LOCAL])
    discovery = json.loads(result.stdout)["discovery"]
    assert discovery["path"] == [httpserver.url_for("/"), httpserver.url_for("/msa.pdf")]
    assert discovery["homepage_links"][0]["region"] == "footer"
    console = runner.invoke(app, ["check", httpserver.url_for("/"), *LOCAL[:-2]])
    assert f"{httpserver.url_for('/')} -> {httpserver.url_for('/msa.pdf')}" in console.stdout
    assert "“Modern Slavery Statement” in the footer" in console.stdout


def test_a_statement_on_another_host_is_checked_on_the_named_homepage(
    httpserver: HTTPServer,
) -> None:
    # The statement is served by 127.0.0.1, the organisation's homepage by "localhost":
    # two hosts, as a statement on a document host and a homepage on the company's site.
    serve_site(httpserver, "<a href='/msa.pdf'>Modern Slavery Statement</a>")
    statement = httpserver.url_for("/msa.pdf")
    own_site = statement.replace("127.0.0.1", "localhost").replace("/msa.pdf", "/")
    linked = f"<a href='{statement}'>Modern Slavery Statement</a>"
    httpserver.expect_request("/company").respond_with_data(
        homepage(linked), content_type="text/html"
    )
    named = own_site + "company"
    result = runner.invoke(app, ["check", statement, "--homepage", named, *LOCAL])
    report = json.loads(result.stdout)
    link = criterion(report, "homepage_link")
    assert link["verdict"] == "met"
    assert named in link["evidence"][0]["matched"][0]
    assert report["discovery"]["homepage"] == named


def test_a_statement_on_a_document_host_is_not_checked_without_its_homepage() -> None:
    from msa_check.fetch.homepage import document_host, homepage_of

    pdf = "https://acme-docs.s3.eu-west-2.amazonaws.com/2025/msa.pdf"
    assert document_host(pdf) == "amazonaws.com"
    assert homepage_of(pdf) is None  # nobody's homepage: not_checked, never missing
    assert homepage_of(pdf, "https://acme.example/") == "https://acme.example/"
    assert homepage_of("https://www.acme.example/msa.pdf") == "https://www.acme.example/"
    assert document_host("https://notamazonaws.com/x.pdf") is None


def test_a_homepage_that_is_not_a_url_is_a_usage_error(httpserver: HTTPServer) -> None:
    serve_site(httpserver, "")
    url = httpserver.url_for("/msa.pdf")
    result = runner.invoke(app, ["check", url, "--homepage", "acme.example", *LOCAL])
    assert result.exit_code == ExitCode.USAGE
    assert "--homepage 'acme.example' is not an http or https URL" in result.stderr


def test_a_statement_file_is_linked_from_its_homepage_when_a_link_has_its_very_bytes(
    httpserver: HTTPServer,
) -> None:
    """A file has no URL for a link to name: the homepage's statement links are fetched and
    one with the file's own bytes (sha256) is the link s54(7) asks for."""
    serve_site(httpserver, "<a href='/msa.pdf'>Modern Slavery Statement</a>")
    named = httpserver.url_for("/")
    result = runner.invoke(app, ["check", str(SAMPLE), "--homepage", named, *LOCAL])
    report = json.loads(result.stdout)
    link = criterion(report, "homepage_link")
    assert link["verdict"] == "met", link
    assert report["discovery"]["homepage_links"][0]["url"] == httpserver.url_for("/msa.pdf")
    assert any("the very bytes of the file checked" in n for n in report["discovery"]["notes"])


def test_a_statement_file_whose_bytes_no_homepage_link_has_is_not_linked(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    serve_site(httpserver, "<a href='/msa.pdf'>Modern Slavery Statement</a>")
    other = tmp_path / "other-year.txt"
    other.write_bytes(b"Another statement of Northwind Components Ltd, another year.\n")
    result = runner.invoke(
        app, ["check", str(other), "--homepage", httpserver.url_for("/"), *LOCAL]
    )
    report = json.loads(result.stdout)
    assert criterion(report, "homepage_link")["verdict"] == "missing"
    notes = report["discovery"]["notes"]
    assert any(
        "no link on the homepage leads to a document with the very bytes" in n for n in notes
    )
