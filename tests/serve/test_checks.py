"""Check a statement on the page: an upload or a URL in, the HTML report out, or a problem page."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from pytest_httpserver import HTTPServer
from starlette.testclient import TestClient

from tests.serve.conftest import (
    NO_STEPS_TEXT,
    RECIPE,
    SAMPLE_PDF,
    check_done,
    message_of,
    wait_for,
)

UK = {"rules": ["uk-msa-s54"]}


def upload(client: TestClient, name: str, content: bytes, **form: object) -> str:
    """Post a file; the path of the check's page it is sent to."""
    response = client.post(
        "/check", data={**UK, **form}, files={"file": (name, content)}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


def test_an_uploaded_pdf_gets_the_html_report_and_its_downloads(client: TestClient) -> None:
    page_path = upload(client, "C:\\Users\\buyer\\northwind.pdf", SAMPLE_PDF.read_bytes())
    page = wait_for(client, page_path, check_done)
    assert page.status_code == 200
    assert "<h1>Modern slavery statement check: Northwind Components Ltd</h1>" in page.text
    assert "steps_taken" in page.text and "verdict-met" in page.text
    # The report's own style (and its print rules) is on the page.
    assert "@media print" in page.text
    check_id = page_path.rsplit("/", 1)[1]
    downloaded = client.get(f"/checks/{check_id}/report.json")
    assert downloaded.status_code == 200
    assert "attachment" in downloaded.headers["content-disposition"]
    report = json.loads(downloaded.text)
    assert report["source"]["location"] == "northwind.pdf"  # the name, never the client's path
    assert client.get(f"/checks/{check_id}/report.markdown").text.startswith("# ")
    assert client.get(f"/checks/{check_id}/report.html").text.startswith("<!DOCTYPE html>")
    assert client.get(f"/checks/{check_id}/report.exe").status_code == 404


def test_the_upload_is_kept_under_a_generated_name(client: TestClient, tmp_path: Path) -> None:
    page_path = upload(client, "../../../etc/cron.d/evil.txt", b"We took no steps at all.\n")
    wait_for(client, page_path, check_done)
    folder = tmp_path / "store" / "checks" / page_path.rsplit("/", 1)[1]
    assert sorted(p.name for p in folder.iterdir()) == [
        "report.html", "report.json", "report.md", "request.json", "statement.upload",
        "summary.json",
    ]  # fmt: skip
    assert not list(tmp_path.rglob("evil.txt"))


def test_a_url_is_fetched_and_checked(
    make_client: Callable[..., TestClient], statements: HTTPServer
) -> None:
    client = make_client(fetch={"allow_private_urls": True})
    response = client.post("/check", data={**UK, "url": statements.url_for("/harbour.txt")})
    page = wait_for(client, response.url.path, check_done)
    assert page.status_code == 200
    assert "Quayfold Harbour Logistics Ltd" in page.text
    assert "NO STEPS TAKEN" in page.text


def test_an_unreadable_file_is_422_with_the_cli_words(client: TestClient) -> None:
    page_path = upload(client, "statement.pdf", b"%PDF-1.4\n1 0 obj broken \x00\x01 no trailer\n")
    page = wait_for(client, page_path, check_done)
    assert page.status_code == 422
    assert "cannot be read" in message_of(page.text)
    assert "Traceback" not in page.text


def test_an_upload_over_the_cap_is_413(make_client: Callable[..., TestClient]) -> None:
    client = make_client(fetch={"max_bytes": 1024})
    response = client.post("/check", data=UK, files={"file": ("big.txt", b"x" * 2048)})
    assert response.status_code == 413
    assert message_of(response.text) == (
        "big.txt is larger than the 1 KB limit"
        " (whoever started msa-check serve can raise that limit)"
    )


def test_a_body_far_over_the_cap_is_cut_off_by_its_length(
    make_client: Callable[..., TestClient],
) -> None:
    client = make_client(fetch={"max_bytes": 1024})
    response = client.post("/check", data=UK, files={"file": ("huge.txt", b"x" * 3_000_000)})
    assert response.status_code == 413
    assert "larger than the 1 KB limit" in message_of(response.text)


def test_a_url_that_fails_is_502(
    make_client: Callable[..., TestClient], statements: HTTPServer
) -> None:
    client = make_client(fetch={"allow_private_urls": True})
    response = client.post("/check", data={**UK, "url": statements.url_for("/gone.pdf")})
    page = wait_for(client, response.url.path, check_done)
    assert page.status_code == 502
    assert "404" in message_of(page.text)


def test_a_private_url_is_refused_unless_allowed(client: TestClient) -> None:
    for url in ("http://127.0.0.1:9/statement.pdf", "http://169.254.169.254/latest/meta-data/",
                "http://localhost:9/statement.pdf",
                "http://[::1]/x", "http://10.0.0.8/statement"):  # fmt: skip
        response = client.post("/check", data={**UK, "url": url})
        assert response.status_code == 400, url
        assert "(this server checks public addresses only)" in message_of(response.text)
    assert not list((client.app.state.web.store / "checks").iterdir())  # nothing kept


def test_bad_forms_are_400_with_what_to_do(client: TestClient) -> None:
    cases = {
        "no bundled rule set named 'no-such-law'": {"rules": ["no-such-law"], "url": "https://a.example"},
        "choose at least one rule set": {"url": "https://a.example"},
        "give the URL of a statement": UK,
        "is not an http or https URL": {**UK, "url": "file:///etc/passwd"},
        "not an http or https URL: give the full": {**UK, "url": "http://[::1/x"},
        "this server does not offer the rule set": {"rules": ["/etc/rules.yaml"], "url": "https://a.example"},
    }  # fmt: skip
    for words, form in cases.items():
        response = client.post("/check", data=form)
        assert response.status_code == 400, words
        assert words in message_of(response.text)
        assert "Correct the form" in response.text
    both = client.post("/check", data={**UK, "url": "https://a.example"},
                       files={"file": ("a.txt", b"text")})  # fmt: skip
    assert both.status_code == 400 and "not both" in message_of(both.text)


def test_an_unfinished_check_runs_again_when_the_server_starts(
    make_client: Callable[..., TestClient], tmp_path: Path
) -> None:
    first = make_client(check_threads=0)  # no thread takes the check: as if stopped mid-way
    page_path = upload(first, "northwind.pdf", SAMPLE_PDF.read_bytes())
    assert "<h1>Checking northwind.pdf</h1>" in first.get(page_path).text
    not_resumed = make_client(resume=False)
    assert "cut short when the server stopped" in not_resumed.get(page_path).text
    second = make_client()
    page = wait_for(second, page_path, check_done)
    assert "Northwind Components Ltd" in page.text


def test_unknown_checks_are_404_pages(client: TestClient) -> None:
    for path in ("/checks/20200101-000000-abcdef", "/checks/..%2F..%2Fetc", "/nowhere"):
        response = client.get(path)
        assert response.status_code == 404
        assert "No such page" in response.text


def test_a_page_check_holds_every_hop_to_the_address_rule_unless_allowed() -> None:
    from tests.serve.conftest import settings

    assert settings().check_fetch.allow_private_given_urls is False
    allowed = settings(fetch={"allow_private_urls": True}).check_fetch
    assert allowed.allow_private_urls and allowed.allow_private_given_urls


def test_a_document_that_is_not_a_statement_can_be_checked_anyway_from_its_page(
    client: TestClient, tmp_path: Path
) -> None:
    page_path = upload(client, "sponge.txt", RECIPE.read_bytes())
    page = wait_for(client, page_path, check_done)
    check_id = page_path.rsplit("/", 1)[1]
    assert "Is this a modern slavery statement? No" in page.text
    assert f'action="/checks/{check_id}/anyway"' in page.text
    # The page and the report under it say the same of the criteria shown, once: the
    # report's headline says it, and the box under it offers the check as a statement.
    assert "so it has no verdicts" not in page.text
    assert page.text.count("the criteria below were checked anyway") == 1
    title, box = page.text.index("<h1>Modern slavery"), page.text.index('class="anyway')
    assert title < page.text.index("</header>") < box < page.text.index("Is this a modern")
    assert "If this is the supplier's modern slavery statement all the same" in page.text
    past = client.get("/past").text
    assert "Not a modern slavery statement</td>" in past
    assert "checked anyway" not in past
    response = client.post(f"/checks/{check_id}/anyway", follow_redirects=False)
    assert response.status_code == 303
    again_path = str(response.headers["location"])
    assert again_path != page_path
    again = wait_for(client, again_path, check_done)
    assert "(treated as one anyway)" in again.text
    assert "/anyway" not in again.text  # no button once it is treated as a statement
    again_id = again_path.rsplit("/", 1)[1]
    report = json.loads(client.get(f"/checks/{again_id}/report.json").text)
    assert report["status"] == "does_not_meet"  # verdicts, as for a statement
    assert report["recognition"]["is_statement"] is False
    assert report["recognition"]["overridden"] is True
    assert report["source"]["location"] == "sponge.txt"
    folder = tmp_path / "store" / "checks"
    assert (folder / again_id / "statement.upload").read_bytes() == RECIPE.read_bytes()
    request = json.loads((folder / again_id / "request.json").read_text(encoding="utf-8"))
    assert request["treat_as_statement"] is True and request["rules"] == ["uk-msa-s54"]
    # The first check is kept as it was.
    first = json.loads(client.get(f"/checks/{check_id}/report.json").text)
    assert first["status"] == "not_a_statement"


def test_the_form_can_ask_for_a_document_to_be_treated_as_a_statement(client: TestClient) -> None:
    page_path = upload(client, "sponge.txt", RECIPE.read_bytes(), treat_as_statement="yes")
    page = wait_for(client, page_path, check_done)
    assert "(treated as one anyway)" in page.text
    report = json.loads(client.get(page_path + "/report.json").text)
    assert report["recognition"]["overridden"] is True and report["status"] == "does_not_meet"
    form = client.get("/").text
    assert 'name="treat_as_statement" value="yes"' in form
    assert 'name="treat_as_statement" value="yes" checked' not in form  # off unless asked


def test_a_statement_has_no_check_anyway_button_and_unknown_checks_cannot_be_rerun(
    client: TestClient,
) -> None:
    page_path = upload(client, "harbour.txt", NO_STEPS_TEXT)
    page = wait_for(client, page_path, check_done)
    assert "Check it anyway" not in page.text
    assert client.post("/checks/20260101-000000-abcdef/anyway").status_code == 404
    assert client.post("/checks/..%2F..%2Fetc/anyway").status_code == 404
    assert client.get(page_path + "/anyway").status_code == 405


HOMEPAGE = (
    b"<html><head><title>Kestrel Devices</title></head><body><header><nav>"
    b'<a href="/kestrel.txt">Modern slavery statement</a></nav></header>'
    b"<main><p>We make devices.</p></main></body></html>"
)


def test_the_company_homepage_field_checks_the_homepage_link(
    make_client: Callable[..., TestClient], statements: HTTPServer
) -> None:
    statements.expect_request("/kestrel/home").respond_with_data(HOMEPAGE, content_type="text/html")
    client = make_client(fetch={"allow_private_urls": True})
    home = statements.url_for("/kestrel/home")
    response = client.post(
        "/check",
        data={**UK, "url": statements.url_for("/kestrel.txt"), "homepage": home},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    page_path = str(response.headers["location"])
    wait_for(client, page_path, check_done)
    report = json.loads(client.get(page_path + "/report.json").text)
    verdicts = {c["id"]: c for rs in report["rule_sets"] for c in rs["criteria"]}
    assert verdicts["homepage_link"]["verdict"] == "met", verdicts["homepage_link"]
    assert 'name="homepage"' in client.get("/").text


def test_a_company_homepage_is_refused_with_a_file_or_when_it_is_no_url(
    client: TestClient,
) -> None:
    with_file = client.post(
        "/check",
        data={**UK, "homepage": "https://www.example.com"},
        files={"file": ("harbour.txt", NO_STEPS_TEXT)},
    )
    assert with_file.status_code == 400
    assert "give the statement's address (URL) instead of the file" in message_of(with_file.text)
    not_url = client.post(
        "/check", data={**UK, "url": "https://www.example.com/msa", "homepage": "example.com"}
    )
    assert not_url.status_code == 400
    assert message_of(not_url.text).startswith("the company homepage 'example.com' is not an")


def test_an_uploaded_statement_page_speaks_of_the_page_not_the_command_line(
    client: TestClient,
) -> None:
    page_path = upload(client, "harbour.txt", NO_STEPS_TEXT)
    page = wait_for(client, page_path, check_done).text
    assert "--homepage" not in page and "--max-chars" not in page
    assert "the company homepage on Check a statement" in page
    downloaded = client.get(page_path + "/report.html").text
    assert "--homepage URL" in downloaded  # the downloaded report keeps the CLI's words
