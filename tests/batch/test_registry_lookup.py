"""Registry look-up: a supplier list with only names or company numbers gets its statement
URLs from the UK registry's published CSV (indexed in SQLite, not held in memory)."""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from msa_check.batch.registry_lookup import INDEX_SUFFIX, RegistryIndex, normalise_name
from msa_check.batch.registry_resolve import resolve_supplier_list
from msa_check.batch.store import ResultStore
from msa_check.cli import app
from msa_check.errors import UsageError
from tests.batch.supplier_server import SupplierServer

HEADER = [
    "StatementYear", "OrganisationName", "Address", "SectorType", "CompanyNumber", "LastUpdated",
    "GroupSubmission", "ParentName", "StatementURL", "StatementSummaryURL", "StatementStartDate",
    "StatementEndDate", "DateApproved", "StatementIncludesOrgStructure", "PDFURL",
]  # fmt: skip


def registry_file(
    path: Path, rows: list[dict[str, str]], delimiter: str = ",", encoding: str = "utf-8-sig"
) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, HEADER, delimiter=delimiter)
        writer.writeheader()
        for row in rows:
            writer.writerow({name: row.get(name, "") for name in HEADER})
    return path


def row(year: str, name: str, number: str, url: str, parent: str = "") -> dict[str, str]:
    return {
        "StatementYear": year, "OrganisationName": name, "CompanyNumber": number,
        "StatementURL": url, "GroupSubmission": "Yes" if parent else "", "ParentName": parent,
        "PDFURL": f"https://registry.example/{number}/{year}.pdf",
    }  # fmt: skip


ROWS = [
    row("2023", "Northwind Components Limited", "09999901", "https://northwind.example/2023"),
    row("2024", "Northwind Components Limited", "09999901", "https://northwind.example/2024"),
    row("2024", "Brightwave Retail Group Ltd", "9999902", "https://brightwave.example/msa"),
    row("2024", "Kestrel Devices (UK) Ltd", "09999904", "", parent="Kestrel Holdings plc"),
    row("2024", "Quayfold Harbour Logistics Ltd", "SC999903", "https://quayfold.example/msa"),
]


@pytest.fixture
def index(tmp_path: Path) -> RegistryIndex:
    with RegistryIndex.open(registry_file(tmp_path / "registry.csv", ROWS)) as opened:
        yield opened  # type: ignore[misc]


def test_names_normalise_away_case_punctuation_and_legal_forms() -> None:
    assert normalise_name("Northwind Components Limited") == "northwind components"
    assert normalise_name("NORTHWIND COMPONENTS LTD.") == "northwind components"
    assert normalise_name("Kestrel Devices (UK) Ltd") == "kestrel devices"


def test_a_company_number_finds_the_newest_statement(index: RegistryIndex) -> None:
    (match,) = index.find("9999901")  # zero-padded to eight digits, as Companies House writes
    assert (match.year, match.url, match.how, match.sureness) == (
        "2024", "https://northwind.example/2024", "company number", "certain",
    )  # fmt: skip
    assert index.find("sc999903")[0].name == "Quayfold Harbour Logistics Ltd"
    assert index.find("12345678") == []


def test_names_match_exactly_then_by_similarity_and_say_how_sure(index: RegistryIndex) -> None:
    exact = index.find("Brightwave Retail Group Limited")[0]
    assert (exact.how, exact.score) == ("exact name", 1.0)
    near = index.find("Northwind Component")[0]
    assert near.how == "similar name" and 0.9 <= near.score < 1.0 and near.year == "2024"
    assert index.find("Completely Different Trading") == []


def test_a_group_statement_is_found_under_the_subsidiary(index: RegistryIndex) -> None:
    (match,) = index.find("09999904")
    assert match.parent_name == "Kestrel Holdings plc"
    # No URL of its own: the registry's copy of the PDF is checked instead.
    assert match.url == "https://registry.example/09999904/2024.pdf"


def test_the_index_is_rebuilt_when_the_file_changes(tmp_path: Path) -> None:
    path = registry_file(tmp_path / "registry.csv", ROWS[:1])
    with RegistryIndex.open(path) as first:
        assert first.find("Brightwave Retail Group") == []
    registry_file(path, ROWS)
    with RegistryIndex.open(path) as second:
        assert second.find("Brightwave Retail Group")[0].how == "exact name"
    assert (tmp_path / ("registry.csv" + INDEX_SUFFIX)).exists()


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(";", "utf-8-sig"), ("\t", "utf-16"), ("|", "utf-8")],
    ids=["semicolons", "utf16-tabs", "bars"],
)
def test_a_registry_export_saved_again_by_a_spreadsheet_is_read(
    tmp_path: Path, delimiter: str, encoding: str
) -> None:
    # A European Excel saves the export with semicolons; "Unicode Text" is UTF-16 and tabs.
    path = registry_file(tmp_path / "registry.csv", ROWS, delimiter, encoding)
    with RegistryIndex.open(path) as opened:
        [match] = opened.find("09999902", limit=1)
        assert (match.name, match.url) == (
            "Brightwave Retail Group Ltd",
            "https://brightwave.example/msa",
        )
        assert (
            opened.find("Kestrel Devices (UK) Ltd", limit=1)[0].parent_name
            == "Kestrel Holdings plc"
        )


def test_a_semicolon_list_is_resolved_against_a_semicolon_registry(tmp_path: Path) -> None:
    registry = registry_file(tmp_path / "registry.csv", ROWS, ";")
    suppliers = tmp_path / "suppliers.csv"  # UTF-16 as Excel writes it, semicolons
    text = (
        "Supplier;Company number;Spend GBP\r\n"
        "Northwind Components Ltd;;1200,50\r\n;09999902;300\r\n"
    )
    suppliers.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    output = tmp_path / "resolved.csv"
    with RegistryIndex.open(registry) as opened:
        result = resolve_supplier_list(suppliers, opened, output)
    assert (result.rows, result.found, result.kept, result.not_found) == (2, 2, 0, ())
    with output.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))  # written with commas, for the batch to read
    assert [r["Spend GBP"] for r in rows] == ["1200,50", "300"]
    assert [r["registry_url"] for r in rows] == [
        "https://northwind.example/2024", "https://brightwave.example/msa",
    ]  # fmt: skip


def test_a_file_that_is_not_the_registry_export_is_a_usage_error(tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("name,url\nA,https://a.example\n", encoding="utf-8")
    with pytest.raises(UsageError, match="no OrganisationName column"):
        RegistryIndex.open(other)
    with pytest.raises(UsageError, match="no registry file"):
        RegistryIndex.open(tmp_path / "missing.csv")
    pdf = tmp_path / "registry.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    with pytest.raises(UsageError, match="is not the registry's CSV export: it looks like a PDF"):
        RegistryIndex.open(pdf)


def test_a_supplier_list_is_resolved_keeping_every_column(
    index: RegistryIndex, tmp_path: Path
) -> None:
    suppliers = tmp_path / "suppliers.csv"
    suppliers.write_text(
        "Supplier,Company number,Spend GBP,url\n"
        "Northwind Components Ltd,,1200,\n"
        ",09999902,300,\n"
        "Own Site Ltd,,50,https://own.example/msa\n"
        "Unknown Widgets,,10,\n",
        encoding="utf-8",
    )
    output = tmp_path / "resolved.csv"
    result = resolve_supplier_list(suppliers, index, output)
    assert (result.rows, result.found, result.kept, result.not_found) == (
        4, 2, 1, ("Unknown Widgets",),
    )  # fmt: skip
    with output.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["Spend GBP"] for r in rows] == ["1200", "300", "50", "10"]
    assert rows[0]["registry_url"] == "https://northwind.example/2024"
    assert rows[1]["registry_how"] == "company number"
    assert rows[2]["registry_url"] == "https://own.example/msa"
    assert rows[3]["registry_url"] == ""


def test_registry_find_on_the_command_line(tmp_path: Path) -> None:
    path = registry_file(tmp_path / "registry.csv", ROWS)
    found = CliRunner().invoke(app, ["registry", "find", "Northwind", "--registry", str(path)])
    assert found.exit_code == 0, found.output
    assert "https://northwind.example/2024" in found.output and "similar name" in found.output
    none = CliRunner().invoke(app, ["registry", "find", "Zzyzx", "--registry", str(path)])
    assert none.exit_code == 1 and "No statement" in none.output


def test_batch_with_a_registry_checks_the_statements_it_finds(tmp_path: Path) -> None:
    with SupplierServer(slow_seconds=2.0) as server:
        urls = server.supplier_urls(3)
        rows = [row("2024", f"Supplier {n} Ltd", f"0800000{n}", url) for n, url in enumerate(urls)]
        registry = registry_file(tmp_path / "registry.csv", rows)
        suppliers = tmp_path / "suppliers.csv"
        suppliers.write_text(
            "name,company_number\nSupplier 0 Ltd,\n,08000001\nSupplier 2 Limited,\n",
            encoding="utf-8",
        )
        store = tmp_path / "results.sqlite"
        result = CliRunner().invoke(
            app,
            ["batch", str(suppliers), "--store", str(store), "--registry", str(registry),
             "--ignore-robots", "--no-cache", "--host-interval", "0", "--progress", "none"],
        )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "3 of 3 suppliers found" in result.output
    with ResultStore.open(store, create=False) as results:
        stored = list(results.results())
    assert [r.location for r in stored] == urls
    assert all(r.status == "checked" for r in stored)
