"""Supplier lists in: CSV column detection, text lists, folders, the registry's export."""

from __future__ import annotations

from pathlib import Path

import pytest

from msa_check.batch import read_store, run_batch
from msa_check.batch.inputs import InputKind, open_input
from msa_check.batch.summary import summarise_store
from msa_check.errors import UsageError
from tests.batch.conftest import local_fetch_options

SAMPLES = Path(__file__).parents[2] / "samples"

REGISTRY_HEADER = (
    "StatementYear,OrganisationName,CompanyNumber,StatementURL,PDFURL,DateApproved,"
    "StatementIncludesOrgStructure,StatementIncludesPolicies,StatementIncludesRisksAssessment,"
    "StatementIncludesDueDiligence,StatementIncludesTraining,StatementIncludesGoals"
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "column", ["url", "URL", "statement_url", "Statement URL", "StatementURL", "PDFURL", "website"]
)
def test_a_csv_url_column_is_found_under_any_usual_name(tmp_path: Path, column: str) -> None:
    source = write(tmp_path / "list.csv", f"Name,{column},ID\nAcme Ltd,https://a.example/s,A1\n")
    batch_input = open_input(source)
    assert batch_input.kind is InputKind.CSV
    [item] = batch_input.items()
    assert item.locations == ("https://a.example/s",)
    assert (item.name, item.input_id, item.number) == ("Acme Ltd", "A1", 1)
    assert item.key == "1:https://a.example/s"


def test_a_statement_url_is_preferred_to_a_homepage_and_both_url_columns_are_tried(
    tmp_path: Path,
) -> None:
    source = write(
        tmp_path / "list.csv",
        "supplier,website,pdf_url,statement_url\n"
        "Acme,https://acme.example,https://acme.example/s.pdf,https://acme.example/msa\n",
    )
    [item] = open_input(source).items()
    assert item.locations == ("https://acme.example/msa", "https://acme.example/s.pdf")
    assert item.name == "Acme"


def test_a_csv_without_a_url_column_is_refused_before_anything_runs(tmp_path: Path) -> None:
    source = write(tmp_path / "list.csv", "name,country\nAcme,UK\n")
    with pytest.raises(UsageError, match=r"no URL column.*name the column with url_column"):
        open_input(source)


def test_url_column_names_the_column_when_its_name_is_unusual(tmp_path: Path) -> None:
    source = write(tmp_path / "list.csv", "name;link\nAcme;x\n".replace(";", ","))
    [item] = open_input(source, url_column="Link").items()
    assert item.locations == ("x",)


def test_blank_csv_rows_are_skipped_and_a_row_without_url_is_still_an_item(tmp_path: Path) -> None:
    source = write(tmp_path / "list.csv", "\ufeffname,url\nA,https://a.example\n,\nB,\n")
    items = list(open_input(source).items())
    assert [(i.number, i.name, i.locations, i.line) for i in items] == [
        (1, "A", ("https://a.example",), 2),
        (2, "B", (), 4),
    ]


def test_each_row_without_a_url_fails_naming_its_own_number_and_line(tmp_path: Path) -> None:
    source = write(
        tmp_path / "list.csv",
        f"name,url\nK,\n\nKestrel,{SAMPLES / 'kestrel-devices-2026.txt'}\nB,\n",
    )
    run_batch(source, tmp_path / "results.sqlite", workers=1, fetch_options=local_fetch_options())
    errors = {row["input_name"]: row["error"] for row in read_store(tmp_path / "results.sqlite")}
    assert errors == {
        "K": "item 1 of the list, on line 2, gives no URL or path",
        "Kestrel": None,
        "B": "item 3 of the list, on line 5, gives no URL or path",
    }
    summary = summarise_store(tmp_path / "results.sqlite")
    assert summary.failures == {("FetchError", "an item of the list gives no URL or path"): 2}


def test_a_text_list_skips_comments_and_blank_lines_and_keys_by_line(tmp_path: Path) -> None:
    source = write(
        tmp_path / "list.txt",
        "# our suppliers\n\nhttps://a.example/s\n  ./statements/b.pdf  \n# gone\nhttps://c.example\n",
    )
    batch_input = open_input(source)
    assert batch_input.kind is InputKind.LIST
    items = list(batch_input.items())
    assert [i.key for i in items] == [
        "3:https://a.example/s",
        "4:./statements/b.pdf",
        "6:https://c.example",
    ]
    assert batch_input.count() == 3


def test_a_text_file_with_a_url_header_is_read_as_csv(tmp_path: Path) -> None:
    source = write(tmp_path / "list.txt", "url,name\nhttps://a.example,A\n")
    assert open_input(source).kind is InputKind.CSV


def test_a_folder_gives_its_files_in_order_without_hidden_ones_or_the_store(
    tmp_path: Path,
) -> None:
    for name in ("b.txt", "a.html", ".hidden", "sub/c.pdf", ".git/x", "results.sqlite"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    batch_input = open_input(tmp_path, exclude=[tmp_path / "results.sqlite"])
    assert batch_input.kind is InputKind.FOLDER
    items = list(batch_input.items())
    assert [i.key for i in items] == ["a.html", "b.txt", "sub/c.pdf"]
    assert items[2].locations == (str(tmp_path / "sub" / "c.pdf"),)


def test_a_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no input at"):
        open_input(tmp_path / "nope.csv")


def test_the_registry_export_gives_claims_and_falls_back_to_the_pdf(tmp_path: Path) -> None:
    source = write(
        tmp_path / "registry.csv",
        REGISTRY_HEADER + "\n"
        "2024,Acme Ltd,01234567,,https://reg.example/a.pdf,2024-06-01,True,False,True,,yes,no\n"
        "2024,Bolt Ltd,07654321,https://bolt.example/msa,https://reg.example/b.pdf,,"
        "false,true,false,true,false,true\n",
    )
    batch_input = open_input(source)
    assert batch_input.kind is InputKind.REGISTRY
    acme, bolt = batch_input.items()
    assert acme.locations == ("https://reg.example/a.pdf",)
    assert (acme.name, acme.input_id) == ("Acme Ltd", "01234567")
    assert acme.claims == {
        "structure": True, "policies": False, "risk": True,
        "due_diligence": None, "training": True, "effectiveness": False,
    }  # fmt: skip
    assert acme.extra == {"StatementYear": "2024", "DateApproved": "2024-06-01"}
    assert bolt.locations == ("https://bolt.example/msa", "https://reg.example/b.pdf")


def test_items_are_read_lazily(tmp_path: Path) -> None:
    source = write(tmp_path / "list.txt", "https://a.example\n")
    items = open_input(source).items()
    source.write_text("https://b.example\n")  # not read yet: a generator opens on first use
    assert next(items).location == "https://b.example"


def test_a_csv_field_too_large_to_read_is_a_usage_error_naming_the_line(tmp_path: Path) -> None:
    source = write(tmp_path / "list.csv", 'url\nhttps://a.example\n"' + "x" * 200_000 + '"\n')
    with pytest.raises(UsageError, match=r"list.csv, line \d+: not readable as CSV"):
        list(open_input(source).items())


@pytest.mark.parametrize("column", ["website", "Homepage"])
def test_a_homepage_column_beside_a_statement_url_names_where_its_link_is_checked(
    tmp_path: Path, column: str
) -> None:
    path = write(
        tmp_path / "s.csv",
        f"name,statement_url,{column}\nAcme,https://cdn.example/a.pdf,https://acme.example/\n",
    )
    [item] = open_input(path).items()
    assert item.locations == ("https://cdn.example/a.pdf",)
    assert item.homepage == "https://acme.example/"
    # Alone, the website column is the location and discovery starts there.
    alone = write(tmp_path / "w.csv", "name,website\nAcme,https://acme.example/\n")
    [item] = open_input(alone).items()
    assert item.locations == ("https://acme.example/",) and item.homepage is None
