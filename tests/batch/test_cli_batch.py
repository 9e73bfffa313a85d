"""`msa-check batch` and `msa-check export` end to end: folders, lists, summary, exit codes."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.batch.cli_app import app

SAMPLES = Path(__file__).parents[2] / "samples"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def sample_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("statements")
    for sample in ("northwind-components-2025.pdf", "brightwave-retail.html",
                   "harbour-logistics-no-steps.txt"):  # fmt: skip
        shutil.copy(SAMPLES / sample, folder / sample)
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40))
    return folder


def test_a_folder_batch_prints_progress_to_stderr_and_the_summary_to_stdout(
    sample_folder: Path, tmp_path: Path
) -> None:
    store = tmp_path / "folder.sqlite"
    code, out, err = run("batch", str(sample_folder), "--store", str(store), "--workers", "2",
                         "--progress", "log")  # fmt: skip
    assert code == 0, err
    assert "msa-check batch: 4 items to check" in err
    assert "4/4 (100%) · 3 checked · 1 failed · " in err
    assert f"Results in {store}" in err
    assert "verdicts per criterion" in out and "uk-msa-s54.approval" in out
    assert "failures by reason" in out and "PNG image" in out
    # The dashboard's ratings: Northwind's period is long over, two fail the law, one unread.
    ratings = out.split("suppliers by rating")[1].split("verdicts per criterion")[0]
    counted = [line.strip().rsplit(None, 1) for line in ratings.splitlines()]
    assert [pair for pair in counted if len(pair) == 2 and pair[1].isdigit()] == [
        ["out of date", "1"], ["does not meet the law", "2"], ["could not be read", "1"],
    ]  # fmt: skip

    code, out, err = run("export", str(store))
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["key"] for r in rows] == [
        "brightwave-retail.html", "harbour-logistics-no-steps.txt", "logo.png",
        "northwind-components-2025.pdf",
    ]  # fmt: skip
    northwind = rows[3]
    assert northwind["mandatory_met"] == "true"
    assert northwind["uk-msa-s54.approval.verdict"] == "met"


def test_a_text_list_batch_resumes_and_exports_to_a_file(
    sample_folder: Path, tmp_path: Path
) -> None:
    source = tmp_path / "list.txt"
    source.write_text(f"# two statements\n{sample_folder / 'brightwave-retail.html'}\n\n"
                      f"{sample_folder / 'harbour-logistics-no-steps.txt'}\n")  # fmt: skip
    store = tmp_path / "list.sqlite"
    args = ("batch", str(source), "--store", str(store), "--workers", "1", "--progress", "none")
    assert run(*args)[0] == 0
    code, out, _ = run(*args)
    assert code == 0 and "2" in out
    output = tmp_path / "long.jsonl"
    code, _, err = run("export", str(store), "--format", "jsonl", "--shape", "long",
                       "--output", str(output))  # fmt: skip
    assert code == 0 and "rows written to" in err
    assert output.read_text().count('"criterion": "approval"') >= 2


def test_bad_input_and_bad_stores_exit_2_with_one_line(tmp_path: Path) -> None:
    code, _, err = run("batch", str(tmp_path / "nothing.csv"), "--store", str(tmp_path / "s"))
    assert code == 2 and err.startswith("msa-check: error: no input at")
    code, _, err = run("export", str(tmp_path / "none.sqlite"))
    assert code == 2 and "no results store" in err
    code, _, err = run("export", str(tmp_path / "none.sqlite"), "--format", "xlsx")
    assert code == 2
