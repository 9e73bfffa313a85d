"""The UK registry's CSV export through a whole batch: fallbacks and the cross-check column."""

from __future__ import annotations

from pathlib import Path

import pytest

from msa_check.batch import read_store, run_batch
from msa_check.batch.summary import summarise_store
from tests.batch.conftest import local_fetch_options
from tests.batch.supplier_server import SupplierServer
from tests.batch.test_inputs import REGISTRY_HEADER

SAMPLES = Path(__file__).parents[2] / "samples"
NORTHWIND = SAMPLES / "northwind-components-2025.pdf"  # every s54(5) area met
BRIGHTWAVE = SAMPLES / "brightwave-retail.html"  # boilerplate: due diligence etc. missing
HARBOUR = SAMPLES / "harbour-logistics-no-steps.txt"
ALL_TRUE = "True,True,True,True,True,True"
ALL_FALSE = "False,False,False,False,False,False"
AREAS = {"structure", "policies", "risk", "due_diligence", "training", "effectiveness"}


@pytest.fixture(scope="module")
def registry_store(
    supplier_server: SupplierServer, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    folder = tmp_path_factory.mktemp("registry")
    missing = supplier_server.url("/missing/1")
    lines = [
        REGISTRY_HEADER,
        f"2025,Northwind Components Ltd,09999901,{NORTHWIND},,2025-06-12,{ALL_TRUE}",
        f"2025,Brightwave Retail Group Ltd,09999902,,{BRIGHTWAVE},,{ALL_TRUE}",
        f"2025,Northwind Again Ltd,09999901,{NORTHWIND},,,{ALL_FALSE}",
        f"2025,Quayfold Harbour Logistics Ltd,09999903,{missing},{HARBOUR},,,,,,,",
        f"2025,Gone Ltd,00000001,,{missing},,{ALL_TRUE}",
    ]
    source = folder / "registry-2025.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = folder / "registry.sqlite"
    run_batch(source, store, workers=2, fetch_options=local_fetch_options())
    return store


@pytest.fixture(scope="module")
def registry_rows(registry_store: Path) -> list[dict[str, object]]:
    return list(read_store(registry_store))


def test_claims_the_text_bears_out_give_an_empty_cross_check(
    registry_rows: list[dict[str, object]],
) -> None:
    northwind = registry_rows[0]
    assert northwind["input_name"] == "Northwind Components Ltd"
    assert northwind["input_id"] == "09999901" and northwind["statement_year"] == "2025"
    assert northwind["statement_year_source"] == "registry"
    assert northwind["registry_claimed_not_found"] == ""
    assert northwind["registry_found_not_claimed"] == ""


def test_claims_the_text_does_not_bear_out_are_listed(
    registry_rows: list[dict[str, object]],
) -> None:
    brightwave, unclaimed = registry_rows[1], registry_rows[2]
    assert brightwave["location"] == str(BRIGHTWAVE)  # the PDFURL, as StatementURL is empty
    claimed_not_found = set(str(brightwave["registry_claimed_not_found"]).split("; "))
    assert {"due_diligence", "risk", "effectiveness", "training"} <= claimed_not_found
    assert set(str(unclaimed["registry_found_not_claimed"]).split("; ")) == AREAS


def test_a_dead_statement_url_falls_back_to_the_pdf_url_and_blank_claims_say_nothing(
    registry_rows: list[dict[str, object]],
) -> None:
    harbour = registry_rows[3]
    assert harbour["status"] == "checked"
    assert harbour["alerts"] == "no_steps_taken"
    assert harbour["registry_claimed_not_found"] == harbour["registry_found_not_claimed"] == ""
    gone = registry_rows[4]
    assert gone["status"] == "failed" and "HTTP 404" in str(gone["error"])
    assert gone["registry_claimed_not_found"] is None  # nothing to compare


def test_the_summary_counts_disagreements_per_area(registry_store: Path) -> None:
    summary = summarise_store(registry_store)
    assert summary.registry_compared == 4
    assert summary.found_not_claimed["structure"] >= 1
    assert summary.claimed_not_found["due_diligence"] >= 1
