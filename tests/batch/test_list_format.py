"""Supplier lists that would lose suppliers without a word are refused, or read right:
a quote left open, a file that is not text, a list with no suppliers, a header split at
the wrong delimiter."""

from __future__ import annotations

import codecs
import random
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from msa_check.batch.inputs import InputKind, open_input, url_column_names
from msa_check.errors import UsageError
from tests.batch.cli_app import app

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "samples"
UNCLOSED = (
    "name,url\n"
    '"Unclosed,http://127.0.0.1:8765/kestrel\n'
    "Bolt Ltd,http://127.0.0.1:8765/bolt\n"
    "Crane plc,http://127.0.0.1:8765/crane\n"
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def batch_exit(tmp_path: Path, source: Path) -> tuple[int, str]:
    store = tmp_path / "results.sqlite"
    result = CliRunner().invoke(app, ["batch", str(source), "--store", str(store), "--offline"])
    return result.exit_code, result.stderr


def test_one_line_after_a_quote_left_open_is_one_line(tmp_path: Path) -> None:
    source = write(tmp_path / "list.csv", "name,url\n" + UNCLOSED.splitlines(keepends=True)[1] * 2)
    with pytest.raises(UsageError, match="line 2: a field opens") as e:
        open_input(source)
    assert "so the 1 line after it would be read into that one field" in e.value.message


def test_a_quote_left_open_is_refused_naming_its_line(tmp_path: Path) -> None:
    source = write(tmp_path / "list.csv", UNCLOSED)
    with pytest.raises(
        UsageError, match=r'list.csv, line 2: a field opens with a quote \("\)'
    ) as e:
        open_input(source)
    assert "the 2 lines after it would be read into that one field" in e.value.message
    assert "add the closing quote or remove the stray one" in e.value.message
    code, err = batch_exit(tmp_path, source)
    assert code == 2 and "line 2: a field opens with a quote" in err
    assert not (tmp_path / "results.sqlite").exists()  # refused before the store is made


def test_a_quote_left_open_and_closed_by_a_later_stray_one_is_refused(tmp_path: Path) -> None:
    # Strict CSV reads this: one name cell over three lines. A name never has a line break.
    source = write(tmp_path / "list.csv", 'name,url\n"Acme,https://a.example\nBolt",x\n')
    with pytest.raises(UsageError, match="line 2: a field opens with a quote"):
        open_input(source)


def test_a_quote_left_open_early_in_a_long_list_is_refused_naming_its_line(
    tmp_path: Path,
) -> None:
    # The open cell grows past csv's field limit (131,072 characters) before the file ends.
    rows = "".join(f"Supplier {n},https://s{n}.example/modern-slavery\n" for n in range(5000))
    source = write(tmp_path / "list.csv", 'name,url\nAcme,https://a.example\n"Bolt,x\n' + rows)
    with pytest.raises(UsageError, match=r"list\.csv, line 3: a field opens with a quote"):
        open_input(source)


def test_a_quote_left_open_in_the_last_column_is_refused(tmp_path: Path) -> None:
    text = 'name,url,notes\nAcme,https://a.example,"audited\nBolt,https://b.example,\n'
    with pytest.raises(UsageError, match="line 2: a field opens with a quote"):
        open_input(write(tmp_path / "list.csv", text))


def test_quoted_cells_with_a_comma_or_line_breaks_in_a_notes_column_are_read(
    tmp_path: Path,
) -> None:
    source = write(
        tmp_path / "list.csv",
        'name,url,notes\n"Acme, Ltd",https://a.example,"audited 2024,\nagain 2025"\n'
        'Bolt,https://b.example,"say ""hello"""\n',
    )
    acme, bolt = open_input(source).items()
    assert (acme.name, acme.locations) == ("Acme, Ltd", ("https://a.example",))
    assert acme.input_row["notes"] == "audited 2024,\nagain 2025"
    assert (bolt.number, bolt.input_row["notes"]) == (2, 'say "hello"')


def random_bytes(size: int) -> bytes:
    return random.Random(7).randbytes(size)


@pytest.mark.parametrize(
    ("name", "content", "looks_like"),
    [
        ("list.csv", random_bytes(3000), "binary data"),
        ("list.txt", random_bytes(3000), "binary data"),
        ("list.txt", (SAMPLES / "northwind-components-2025.pdf").read_bytes(), "a PDF file"),
        ("list.csv", b"\x89PNG\r\n\x1a\n" + bytes(64), "a PNG image"),
        ("list.csv", b"PK\x03\x04" + bytes(26) + b"xl/workbook.xml", "an Excel workbook"),
        ("list.txt", (SAMPLES / "brightwave-retail.html").read_bytes(), "an HTML page"),
    ],
)
def test_a_file_that_is_not_a_text_list_is_refused_saying_what_it_looks_like(
    tmp_path: Path, name: str, content: bytes, looks_like: str
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    with pytest.raises(UsageError, match=f"{name} is not a supplier list: it looks like") as e:
        open_input(source)
    assert looks_like in e.value.message
    code, err = batch_exit(tmp_path, source)
    assert code == 2 and "is not a supplier list" in err
    assert "\x00" not in err and "\ufffd" not in err  # no raw bytes printed


def test_a_pdf_given_as_the_list_is_pointed_to_check(tmp_path: Path) -> None:
    source = tmp_path / "suppliers.csv"
    source.write_bytes((SAMPLES / "northwind-components-2025.pdf").read_bytes())
    with pytest.raises(UsageError, match=r"give it to `msa-check check`"):
        open_input(source)


def test_a_utf16_tab_separated_list_from_a_spreadsheet_is_read(tmp_path: Path) -> None:
    source = tmp_path / "list.txt"  # Excel's "Unicode Text": UTF-16 with a BOM, tabs
    text = "Name\tURL\r\nAcmé Ltd\thttps://a.example\r\n"
    source.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    [item] = open_input(source).items()
    assert (item.name, item.locations) == ("Acmé Ltd", ("https://a.example",))
    assert open_input(source).columns() == ("Name", "URL")


def test_a_latin1_list_is_still_text(tmp_path: Path) -> None:
    source = tmp_path / "list.csv"
    source.write_bytes("name,url\nSociété Générale,https://s.example\n".encode("cp1252"))
    [item] = open_input(source).items()
    assert item.locations == ("https://s.example",)


@pytest.mark.parametrize(
    ("name", "text", "detail"),
    [
        ("list.csv", "name,url\n", 'a header ("name,url") and no rows'),
        ("list.csv", "name,url\n\n , \n", "a header"),
        ("list.txt", "# our suppliers\n\n# none yet\n", "no line names a URL or a path"),
        ("list.csv", "", "the file is empty"),
        ("list.txt", "\ufeff\n \n", "the file is empty"),
        # Rows, but none names a supplier's statement: every item would fail (review item 1).
        ("list.csv", "name,url\nK,\nB,\n", "no row gives a URL or a path (column url)"),
        ("list.csv", "Name,Statement URL,URL\nK,,\n", "(columns Statement URL or URL)"),
    ],
)
def test_a_list_with_no_suppliers_is_refused(
    tmp_path: Path, name: str, text: str, detail: str
) -> None:
    source = write(tmp_path / name, text)
    with pytest.raises(UsageError, match="no suppliers in the list") as e:
        open_input(source)
    assert detail in e.value.message
    code, err = batch_exit(tmp_path, source)
    assert code == 2 and "no suppliers in the list" in err


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_a_semicolon_tab_or_bar_separated_csv_is_read(tmp_path: Path, delimiter: str) -> None:
    text = "Name;Statement URL;Notes\nAcme, Ltd;https://a.example/s;a, b\n".replace(";", delimiter)
    batch_input = open_input(write(tmp_path / "list.csv", text))
    assert batch_input.kind is InputKind.CSV
    [item] = batch_input.items()
    assert (item.name, item.locations) == ("Acme, Ltd", ("https://a.example/s",))
    assert item.input_row == {"Name": "Acme, Ltd", "Statement URL": "https://a.example/s",
                              "Notes": "a, b"}  # fmt: skip


def test_url_column_finds_its_column_in_a_semicolon_csv(tmp_path: Path) -> None:
    source = write(tmp_path / "list.csv", "name;link\nAcme;https://a.example\n")
    [item] = open_input(source, url_column="Link").items()
    assert item.locations == ("https://a.example",)


def test_a_header_without_a_url_column_is_quoted_as_it_is(tmp_path: Path) -> None:
    source = write(tmp_path / "list.csv", "name;company link\nAcme;https://a.example\n")
    with pytest.raises(UsageError) as e:
        open_input(source)
    message = e.value.message
    assert (
        'in the header "name;company link" (read as 2 columns separated by a semicolon)' in message
    )
    one = write(tmp_path / "one.csv", "name:link\nAcme:https://a.example\n")
    with pytest.raises(UsageError, match="read as one column: columns are separated by a comma, a"):
        open_input(one)


def test_the_url_columns_named_in_the_message_are_the_readmes(tmp_path: Path) -> None:
    source = write(tmp_path / "list.csv", "name,country\nAcme,UK\n")
    with pytest.raises(UsageError) as e:
        open_input(source)
    assert f"no URL column ({url_column_names()}, in any case)" in e.value.message
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = re.search(r"The input is a CSV with a URL column \(([^;]*?), in any case", readme)
    assert listed is not None, "the README's batch section lists the URL columns"
    assert listed.group(1).replace("`", "") == url_column_names()


def test_the_sample_supplier_list_names_the_sample_statements() -> None:
    batch_input = open_input(SAMPLES / "suppliers.csv")
    assert batch_input.kind is InputKind.CSV
    items = list(batch_input.items())
    assert [(item.name, item.input_id) for item in items] == [
        ("Northwind Components Ltd", "09999901"),
        ("Brightwave Retail Group Ltd", "09999902"),
        ("Quayfold Harbour Logistics Ltd", "09999903"),
        ("Kestrel Devices Ltd", "09999904"),
    ]
    for item in items:  # paths from the repository's root, where the README runs it
        [location] = item.locations
        assert location.startswith("samples/") and (ROOT / location).is_file()
