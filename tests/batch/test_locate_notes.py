"""A batch report keeps what locating its statement noted, as `msa-check check`'s does
(issue 14 item 4: a homepage_link left unchecked says why)."""

from __future__ import annotations

import socket
from pathlib import Path

from pytest_httpserver import HTTPServer

from msa_check.batch import run_batch
from msa_check.batch.store import ResultStore
from tests.batch.conftest import local_fetch_options

SAMPLE = Path(__file__).parents[2] / "samples" / "harbour-logistics-no-steps.txt"


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on: connecting to it is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_homepage_that_cannot_be_read_is_noted_in_the_batch_report(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/statement.txt").respond_with_data(
        SAMPLE.read_bytes(), content_type="text/plain"
    )
    homepage = f"http://127.0.0.1:{closed_port()}/"
    suppliers = tmp_path / "suppliers.csv"
    suppliers.write_text(
        f"name,statement_url,website\nHarbour,{httpserver.url_for('/statement.txt')},{homepage}\n",
        encoding="utf-8",
    )
    store = tmp_path / "results.sqlite"

    run_batch(suppliers, store, workers=1, fetch_options=local_fetch_options())

    with ResultStore.open(store, create=False) as results:
        [result] = list(results.results())
    assert result.status == "checked" and result.report is not None
    warnings = result.report["document"]["warnings"]
    assert any(f"could not read the homepage {homepage}" in w for w in warnings), warnings
    [uk] = [r for r in result.report["rule_sets"] if r["id"] == "uk-msa-s54"]
    [link] = [c for c in uk["criteria"] if c["id"] == "homepage_link"]
    assert link["verdict"] == "not_checked"
