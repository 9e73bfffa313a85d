"""Every page: server-rendered, labelled, navigable, printable, and never a traceback."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from starlette.testclient import TestClient

PAGES = ("/", "/suppliers", "/past", "/rules")


class Controls(HTMLParser):
    """The form controls of a page, the ids labels point at, and the landmarks and headings."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.labelled: set[str] = set()
        self.tags: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append(tag)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag in ("input", "select", "textarea") and found.get("type") != "hidden":
            self.controls.append(found)
        if tag == "label" and found.get("for"):
            self.labelled.add(str(found["for"]))


def parsed(html: str) -> Controls:
    controls = Controls()
    controls.feed(html)
    return controls


@pytest.mark.parametrize("path", PAGES)
def test_each_page_is_one_document_with_labels_landmarks_and_print_rules(
    client: TestClient, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = parsed(response.text)
    assert page.tags.count("main") == 1 and page.tags.count("h1") == 1
    assert page.tags.count("nav") == 1 and "content" in page.ids  # the skip link's target
    for control in page.controls:
        assert control.get("id") in page.labelled, control
    assert "@media print" in response.text
    assert "<script" not in response.text  # works without JavaScript
    assert 'aria-current="page"' in response.text


def test_the_check_form_offers_every_bundled_rule_set_with_the_default_ticked(
    client: TestClient,
) -> None:
    text = client.get("/").text
    offered = re.findall(r'name="rules" value="([^"]+)"( checked)?', text)
    names = [name for name, _ in offered]
    assert {"uk-msa-s54", "au-msa-s16", "ca-s211", "us-ca-sb657"} <= set(names)
    assert [name for name, ticked in offered if ticked] == ["uk-msa-s54"]
    assert 'enctype="multipart/form-data"' in text and "up to 50 MB" in text


def test_the_rules_page_is_the_generated_reference_with_working_anchors(
    client: TestClient,
) -> None:
    text = client.get("/rules").text
    page = parsed(text)
    links = set(re.findall(r'href="#([^"]+)"', text))
    assert links and links <= page.ids  # every link in the reference lands on a heading
    assert 'id="uk-msa-s54--steps-taken"' in text
    assert "Modern Slavery Act 2015" in text and "passes:" in text and "fails:" in text
    assert "&lt;a id=" not in text  # the reference's anchors became ids, not text


def test_past_checks_says_where_things_are_kept(client: TestClient) -> None:
    text = client.get("/past").text
    assert str(client.app.state.web.store) in text  # type: ignore[attr-defined]
    assert "Nothing yet" in text


def test_a_crash_inside_a_page_is_a_500_page_without_a_traceback(client: TestClient) -> None:
    web = client.app.state.web  # type: ignore[attr-defined]
    web.checks.views = lambda: 1 / 0  # a bug, as the page sees one
    response = client.get("/past")
    assert response.status_code == 500
    assert "This is a bug in msa-check" in response.text
    assert "Traceback" not in response.text and "ZeroDivisionError" in response.text


def test_on_loopback_only_requests_addressed_to_loopback_are_answered(tmp_path: object) -> None:
    from pathlib import Path

    from msa_check.cli.serve import LOOPBACK_NAMES
    from msa_check.serve.app import create_app

    app = create_app(Path(str(tmp_path)) / "store", allowed_hosts=LOOPBACK_NAMES)
    with TestClient(app, base_url="http://127.0.0.1:8000") as local:
        assert local.get("/").status_code == 200
        assert local.get("/", headers={"host": "localhost:8000"}).status_code == 200
        # A page elsewhere whose name now resolves to 127.0.0.1 (DNS rebinding) is refused.
        assert local.get("/", headers={"host": "attacker.example"}).status_code == 400
