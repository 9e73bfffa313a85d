"""Check a supplier list on the page: `msa-check batch` in the background, then the dashboard."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytest_httpserver import HTTPServer
from starlette.testclient import TestClient

from msa_check.batch.store import ResultStore
from tests.serve.conftest import message_of, wait_for

UK = {"rules": ["uk-msa-s54"]}
ITEMS = 4


def done_count(text: str) -> int:
    found = re.search(r"Checking: (\d+) of", text)
    return int(found.group(1)) if found else 0


def post_list(client: TestClient, text: str, name: str = "suppliers.csv") -> object:
    return client.post(
        "/suppliers", data=UK, files={"file": (name, text.encode())}, follow_redirects=False
    )


def finished(text: str) -> bool:
    return "Download the table" in text


def supplier_list(server: HTTPServer) -> str:
    return (
        "name,id,url\n"
        f"Kestrel Devices,K1,{server.url_for('/kestrel.txt')}\n"
        f"Quayfold Harbour,Q2,{server.url_for('/harbour.txt')}\n"
        f"Gone Ltd,G3,{server.url_for('/gone.pdf')}\n"
    )


def test_a_supplier_list_runs_to_the_dashboard_and_its_exports(
    make_client: Callable[..., TestClient], statements: HTTPServer, tmp_path: Path
) -> None:
    client = make_client(fetch={"allow_private_urls": True})
    response = post_list(client, supplier_list(statements))
    assert response.status_code == 303
    batch_path = str(response.headers["location"])
    page = wait_for(client, batch_path, finished)
    assert "2 checked and\n1 failed of 3" in page.text
    for name in ("Kestrel Devices", "Quayfold Harbour", "Gone Ltd"):
        assert name in page.text
    assert "no statement found" in page.text or "could not be read" in page.text
    batch_id = batch_path.rsplit("/", 1)[1]
    table = client.get(f"/batches/{batch_id}/suppliers.csv")
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert [row["name"] for row in rows] == ["Kestrel Devices", "Quayfold Harbour", "Gone Ltd"]
    workbook = load_workbook(io.BytesIO(client.get(f"/batches/{batch_id}/suppliers.xlsx").content))
    assert workbook.active is not None and workbook.active.max_row == 4
    # The same store as msa-check batch writes: it can be exported from the command line.
    store = tmp_path / "store" / "batches" / batch_id / "results.msa-check.sqlite"
    with ResultStore.open(store, create=False) as results:
        assert results.count() == 3
    past = client.get("/past").text
    assert "suppliers.csv" in past and "Finished: 3 of 3 done, 1 failed" in past


@pytest.fixture
def threaded_server() -> Iterator[HTTPServer]:
    """A test server answering each request in a thread: a held one must not block the rest."""
    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


def test_a_list_killed_mid_run_resumes_when_the_server_starts(
    make_client: Callable[..., TestClient], threaded_server: HTTPServer, tmp_path: Path
) -> None:
    httpserver = threaded_server
    statement = (Path(__file__).parents[2] / "samples" / "kestrel-devices-2026.txt").read_bytes()
    gate = threading.Event()  # every statement but the first waits for it

    def held(request: object) -> object:
        from werkzeug import Response

        gate.wait(60)
        return Response(statement, content_type="text/plain")

    httpserver.expect_request("/s0.txt").respond_with_data(statement, content_type="text/plain")
    for number in range(1, ITEMS):
        httpserver.expect_request(f"/s{number}.txt").respond_with_handler(held)
    urls = "\n".join(httpserver.url_for(f"/s{n}.txt") for n in range(ITEMS))
    # Patient enough that the held statements neither time out nor fail before the kill.
    patient = {"allow_private_urls": True, "read_timeout": 60.0, "total_deadline": 60.0}
    client = make_client(fetch=patient)
    batch_path = str(post_list(client, f"url\n{urls}\n").headers["location"])  # type: ignore[attr-defined]
    wait_for(client, batch_path, lambda text: done_count(text) >= 1)
    batch_id = batch_path.rsplit("/", 1)[1]
    process = client.app.state.web.batches._processes[batch_id]  # type: ignore[attr-defined]
    os.kill(process.pid, signal.SIGKILL)  # as a power cut or kill -9 would
    process.wait()
    gate.set()
    stopped = wait_for(client, batch_path, lambda text: "Resume the run" in text)
    assert "Every finished result is kept" in stopped.text
    store = tmp_path / "store" / "batches" / batch_id / "results.msa-check.sqlite"
    with ResultStore.open(store, create=False) as results:
        kept = {r.key: r.finished_at for r in results.results()}
    assert len(kept) == 1
    restarted = make_client(fetch={"allow_private_urls": True})
    wait_for(restarted, batch_path, finished)
    with ResultStore.open(store, create=False) as results:
        after = {r.key: r.finished_at for r in results.results()}
    assert len(after) == ITEMS
    assert all(after[key] == when for key, when in kept.items())  # not done twice


def test_a_csv_with_no_url_column_is_422(client: TestClient, tmp_path: Path) -> None:
    response = post_list(client, "name,number\nAcme,1\n", name="C:\\lists\\mine.csv")
    assert response.status_code == 422  # type: ignore[attr-defined]
    message = message_of(response.text)  # type: ignore[attr-defined]
    assert message.startswith("mine.csv: no URL column")
    assert message.endswith("give the column of web addresses one of those names")
    assert not list((tmp_path / "store" / "batches").iterdir())  # nothing kept


LIST_REFUSALS = {
    "no URL column": ("name,website_address\nAcme,https://acme.example\n", "suppliers.csv"),
    "an unclosed quote": ('name,url\n"Acme,https://a.example\nBeta,https://b.example\n', "q.csv"),
    "a PDF": ("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "statement.csv"),
    "a header only": ("url\n", "suppliers.csv"),
    "a local path": ("url\n/home/me/statement.pdf\n", "suppliers.csv"),
}


@pytest.mark.parametrize("text, name", LIST_REFUSALS.values(), ids=LIST_REFUSALS.keys())
def test_a_refused_list_gets_the_supplier_list_page_in_web_words(
    client: TestClient, text: str, name: str
) -> None:
    page = post_list(client, text, name).text  # type: ignore[attr-defined]
    assert "<h1>The supplier list cannot be used</h1>" in page
    advice = page[page.index('<p class="message">') :].split("</div>")[0]
    assert "use Check a statement" in advice and "url" in advice
    assert "--" not in advice and "msa-check check" not in advice  # no command line
    assert "as a PDF" not in advice  # the advice of a statement that cannot be read


def test_a_list_naming_files_or_private_hosts_is_refused(client: TestClient) -> None:
    local = post_list(client, "url\n/etc/passwd\n")
    assert local.status_code == 422  # type: ignore[attr-defined]
    assert "is not an http or https URL" in message_of(local.text)  # type: ignore[attr-defined]
    private = post_list(client, "url\nhttps://example.org/a\nhttp://192.168.1.1/admin\n")
    assert private.status_code == 400  # type: ignore[attr-defined]
    assert "192.168.1.1" in message_of(private.text)  # type: ignore[attr-defined]
    empty = post_list(client, "url\n")
    assert empty.status_code == 422  # type: ignore[attr-defined]
    assert "no suppliers in the list" in message_of(empty.text)  # type: ignore[attr-defined]
    # An upload is always a file, and open_input refuses a file that names no supplier (a
    # CSV of blank rows, a text list of comments), so the page says open_input's words.
    for text, name in (("url\n\n \n", "blank.csv"), ("# none yet\n\n", "none.txt")):
        refused = post_list(client, text, name=name)
        assert refused.status_code == 422  # type: ignore[attr-defined]
        message = message_of(refused.text)  # type: ignore[attr-defined]
        assert message.startswith(f"{name}: no suppliers in the list")
    none = client.post("/suppliers", data=UK)
    assert none.status_code == 400 and "choose a supplier list" in message_of(none.text)


def test_the_server_settings_reach_the_batch_command() -> None:
    import typer

    from msa_check.cli import app
    from msa_check.serve.batches import batch_arguments
    from tests.serve.conftest import settings

    chosen = settings(
        fetch={"max_bytes": 3 * 1024 * 1024, "allow_private_urls": True, "offline": True,
               "cache_dir": "/tmp/cache", "use_cache": True, "total_deadline": 7.5,
               "respect_robots": True},
        max_chars=1234, batch_workers=3,
    )  # fmt: skip
    arguments = batch_arguments(chosen, ["uk-msa-s54", "au-msa-s16"])
    command = typer.main.get_command(app).commands["batch"]  # type: ignore[attr-defined]
    parsed = command.make_context("batch", ["list.csv", *arguments]).params
    assert parsed["max_mb"] == 3.0 and parsed["deadline"] == 7.5 and parsed["retries"] == 0
    assert parsed["allow_private_urls"] and parsed["offline"] and parsed["robots"]
    assert parsed["cache"] and parsed["cache_dir"] == "/tmp/cache"
    assert parsed["host_interval"] == 0.0 and parsed["read_timeout"] == 5.0
    assert parsed["workers"] == 3 and parsed["max_chars"] == 1234
    assert parsed["rules"] == ["uk-msa-s54", "au-msa-s16"] and parsed["model"] == "blank:en"
    assert not parsed["refuse_private_urls"]


def test_a_server_that_refuses_private_urls_has_its_batches_refuse_them_on_every_hop() -> None:
    import typer

    from msa_check.cli import app
    from msa_check.cli.options import _FETCH_PARAMETERS, fetch_options
    from msa_check.serve.batches import batch_arguments
    from tests.serve.conftest import settings

    arguments = batch_arguments(settings(), ["uk-msa-s54"])
    command = typer.main.get_command(app).commands["batch"]  # type: ignore[attr-defined]
    parsed = command.make_context("batch", ["list.csv", *arguments]).params
    assert parsed["refuse_private_urls"] and not parsed["allow_private_urls"]
    fetch = fetch_options(**{name: parsed[name] for name, _, _ in _FETCH_PARAMETERS})
    assert not fetch.allow_private_given_urls and not fetch.allow_private_urls


def test_a_list_page_names_its_rule_sets_by_title(client: TestClient, tmp_path: Path) -> None:
    batch_id = "20260101-000000-abcdef"
    folder = tmp_path / "store" / "batches" / batch_id
    folder.mkdir(parents=True)
    request = {"id": batch_id, "created": "2026-01-01T00:00:00+00:00", "input": "suppliers.csv",
               "shown_name": "suppliers.csv", "rules": ["uk-msa-s54"], "total": 2}  # fmt: skip
    (folder / "request.json").write_text(json.dumps(request), encoding="utf-8")
    page = client.get(f"/batches/{batch_id}").text  # stopped: no store, no process
    assert "<dt>Rule sets</dt><dd>UK Modern Slavery Act 2015, section 54</dd>" in page
