"""--max-chars: a statement with more extracted text than the cap is refused, exit 3."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from msa_check.cli import app
from msa_check.errors import DEFAULT_MAX_CHARS, ExitCode

HARBOUR = Path(__file__).parents[2] / "samples" / "harbour-logistics-no-steps.txt"
runner = CliRunner()


def test_a_statement_over_the_cap_is_refused_with_its_size_and_the_cap() -> None:
    length = len(HARBOUR.read_text(encoding="utf-8"))
    result = runner.invoke(app, ["check", str(HARBOUR), "--max-chars", "200"])
    assert result.exit_code == ExitCode.SOURCE
    assert "characters of text, more than the cap of 200 (use --max-chars to raise it)" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert length > 200


def test_under_the_cap_and_by_default_the_statement_is_checked() -> None:
    assert DEFAULT_MAX_CHARS == 5_000_000
    for extra in ([], ["--max-chars", "100000"]):
        result = runner.invoke(app, ["check", str(HARBOUR), "--format", "json", *extra])
        assert result.exit_code == ExitCode.MANDATORY_UNMET, result.stderr


def test_in_a_batch_an_item_over_the_cap_is_a_failed_row_with_the_reason(tmp_path: Path) -> None:
    from msa_check.batch import read_store, run_batch
    from msa_check.check_options import CheckOptions

    folder = tmp_path / "statements"
    folder.mkdir()
    (folder / "long.txt").write_text(HARBOUR.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "short.txt").write_text(
        "Modern slavery statement. We audit our suppliers.", encoding="utf-8"
    )
    run = run_batch(
        folder, tmp_path / "store.sqlite", check_options=CheckOptions(max_chars=300), workers=1
    )
    assert (run.counts.checked, run.counts.failed) == (1, 1)
    failed = [row for row in read_store(tmp_path / "store.sqlite") if row["status"] == "failed"]
    assert [row["error_class"] for row in failed] == ["TooMuchTextError"]
    assert "more than the cap of 300" in failed[0]["error"]
    assert failed[0]["exit_code"] == ExitCode.SOURCE
