"""Batch rows for a homepage that leads to no statement and for a document that is not a
statement (issues 17 item 6 and 14 item 6): results with their reasons, not failures."""

from __future__ import annotations

from pathlib import Path

from pytest_httpserver import HTTPServer

from msa_check.batch import read_store, run_batch
from msa_check.batch.items import JsonObject
from msa_check.check_options import CheckOptions
from tests.batch.conftest import local_fetch_options, write_list

RECIPE = Path(__file__).parents[2] / "benchmarks" / "nonstatements" / "dev"
HOMEPAGE = (
    "<html><body><main><h1>Fernhill Joinery</h1><p>Doors and windows since 1962.</p></main>"
    "<footer><a href='/news/slavery'>Modern slavery news</a><a href='/privacy'>Privacy</a>"
    "</footer></body></html>"
)
NEWS = (
    "<html><body><article><h1>Modern slavery statement news</h1>"
    + "<p>A rival published its modern slavery statement, a spokesperson said. The statement,"
    " required under the Modern Slavery Act, found forced labour, the company said."
    " Campaigners said slavery is still widespread.</p>" * 6 + "</article></body></html>"
)


def run_homepage_and_recipe(
    httpserver: HTTPServer, tmp_path: Path, treat_as_statement: bool = False
) -> tuple[JsonObject, JsonObject]:
    """Batch rows of a homepage whose only slavery link is a news page, and of a recipe."""
    httpserver.expect_request("/").respond_with_data(HOMEPAGE, content_type="text/html")
    httpserver.expect_request("/news/slavery").respond_with_data(NEWS, content_type="text/html")
    recipe = (RECIPE / "recipe-victoria-sponge.txt").read_bytes()
    httpserver.expect_request("/recipe.txt").respond_with_data(recipe, content_type="text/plain")
    home, recipe_url = httpserver.url_for("/"), httpserver.url_for("/recipe.txt")
    source = write_list(tmp_path / "suppliers.txt", [home, recipe_url])
    store = tmp_path / "results.sqlite"

    run_batch(
        source,
        store,
        check_options=CheckOptions(treat_as_statement=treat_as_statement),
        workers=1,
        fetch_options=local_fetch_options(),
    )

    rows = {row["location"]: row for row in read_store(store)}
    return rows[home], rows[recipe_url]


def test_no_statement_found_and_not_a_statement_are_rows_with_their_reasons(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    found_none, not_one = run_homepage_and_recipe(httpserver, tmp_path)
    home = httpserver.url_for("/")
    assert found_none["status"] == "checked"  # a finding about the supplier, not a failure
    assert found_none["overall_status"] == "no_statement_found"
    assert found_none["rating"] == "no statement found"
    assert found_none["uk-msa-s54.homepage_link.verdict"] == "missing"
    assert found_none["uk-msa-s54.steps_taken.verdict"] == "not_checked"
    assert f"no statement found from {home}" in found_none["error"]
    news = httpserver.url_for("/news/slavery")
    assert (
        f"links examined: {news}: rejected after analysis: not a statement" in found_none["error"]
    )
    assert "reads as news" in found_none["error"]
    assert not_one["overall_status"] == "not_a_statement"
    assert not_one["rating"] == "no statement found"
    assert "is not a modern slavery statement (score" in not_one["error"]


def test_a_later_location_with_a_statement_wins_over_a_homepage_without_one(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/").respond_with_data(HOMEPAGE, content_type="text/html")
    httpserver.expect_request("/news/slavery").respond_with_data(NEWS, content_type="text/html")
    statement = (
        Path(__file__).parents[2] / "samples" / "harbour-logistics-no-steps.txt"
    ).read_bytes()
    httpserver.expect_request("/msa.txt").respond_with_data(statement, content_type="text/plain")
    home, pdf = httpserver.url_for("/"), httpserver.url_for("/msa.txt")
    source = tmp_path / "suppliers.csv"
    source.write_text(f"name,StatementURL,PDFURL\nQuayfold,{home},{pdf}\n", encoding="utf-8")
    store = tmp_path / "results.sqlite"

    run_batch(source, store, workers=1, fetch_options=local_fetch_options())

    [row] = read_store(store)
    assert row["final_url"] == pdf  # the statement column after the homepage one
    assert row["overall_status"] == "does_not_meet"  # a no-steps statement, read


def test_treated_as_statements_the_recipe_and_the_page_in_reserve_get_their_verdicts(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    from_home, recipe_row = run_homepage_and_recipe(httpserver, tmp_path, treat_as_statement=True)
    assert recipe_row["overall_status"] == "does_not_meet"
    assert recipe_row["uk-msa-s54.steps_taken.verdict"] == "missing"
    # The news page discovery kept in reserve is no longer rejected: it is the statement.
    assert from_home["final_url"] == httpserver.url_for("/news/slavery")
    assert from_home["overall_status"] == "does_not_meet"
