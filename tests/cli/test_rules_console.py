"""`msa-check rules list` and `rules show` read at 80 columns as well as at 120 (issue 17
review): tables that fit, ids and names whole, titles and references wrapped at words and
never cut."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from msa_check.cli import app
from msa_check.report.console_table import ID_COLUMN_MOST, MANDATORY_MARK, wrap_identifier
from msa_check.rules.loading import bundled_rule_sets, load_rule_set
from tests.cli.test_rules_command import BUYER_SET

runner = CliRunner()
WIDTHS = (80, 120)


@pytest.fixture(autouse=True)
def no_user_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("MSA_CHECK_RULES", raising=False)
    monkeypatch.setenv("MSA_CHECK_CONFIG", str(tmp_path / "no-config.yaml"))


def _run(width: int, *args: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    result = runner.invoke(app, ["rules", *args])
    assert result.exit_code == 0, result.output
    widest = max(cell_len(line) for line in result.stdout.splitlines())
    assert widest <= width, f"a line of {widest} columns at {width}"
    assert "…" not in result.stdout  # nothing is cut
    return result.stdout


def _words(text: str) -> set[str]:
    return set(text.split())


def _assert_whole_words(expected: str, shown: str) -> None:
    """Every word of `expected` stands whole in `shown`: none wrapped inside, none cut."""
    missing = _words(expected) - _words(shown)
    assert not missing, f"words broken or missing: {sorted(missing)}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", bundled_rule_sets())
def test_rules_show_fits_with_whole_ids_and_words(
    name: str, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = _run(width, "show", name, monkeypatch=monkeypatch)
    lines = [line.strip() for line in shown.splitlines()]
    rule_set = load_rule_set(name)
    for criterion in rule_set.criteria:
        marked = criterion.id + (MANDATORY_MARK if criterion.mandatory else "")
        # The id (and its mark) at the start of consecutive lines: whole, or wrapped only
        # after an underscore at 80 columns.
        pieces = [marked] if width > 80 else wrap_identifier(marked, ID_COLUMN_MOST)
        first = next(n for n, line in enumerate(lines) if line.startswith(f"{pieces[0]} "))
        for offset, piece in enumerate(pieces):
            assert lines[first + offset].startswith(piece)
        _assert_whole_words(criterion.title, shown)
        if criterion.reference is not None:
            _assert_whole_words(f"{criterion.reference.law}, {criterion.reference.section}", shown)
    _assert_whole_words(rule_set.title, shown)
    assert "* mandatory" in lines or not any(c.mandatory for c in rule_set.criteria)


def test_long_ids_wrap_at_underscores_only_where_room_is_short(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    narrow = _run(80, "show", "ca-s211", monkeypatch=monkeypatch)
    assert re.search(r"^structure_activities_ +Structure", narrow, re.MULTILINE)
    assert re.search(r"^supply_chains \* +Fighting", narrow, re.MULTILINE)
    wide = _run(120, "show", "ca-s211", monkeypatch=monkeypatch)
    assert re.search(r"^structure_activities_supply_chains \* +Structure", wide, re.MULTILINE)


@pytest.mark.parametrize("width", WIDTHS)
def test_rules_list_fits_with_whole_ids_counts_and_titles(
    width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = _run(width, "list", monkeypatch=monkeypatch)
    for name in bundled_rule_sets():
        rule_set = load_rule_set(name)
        row = next(line for line in shown.splitlines() if line.startswith(f"{rule_set.id} "))
        mandatory = sum(1 for c in rule_set.criteria if c.mandatory)
        assert f"{len(rule_set.criteria)} ({mandatory})" in row and rule_set.version in row
        _assert_whole_words(rule_set.title, shown)


def test_a_user_set_s_long_path_wraps_after_a_slash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "a-rather-long-folder-of-rules" / "for-the-buyers-legal-team"
    folder.mkdir(parents=True)
    path = folder / "my-buyer-extra-criteria.yaml"
    path.write_text(BUYER_SET, encoding="utf-8")
    shown = _run(80, "list", "--rules", str(path), monkeypatch=monkeypatch)
    after_table = shown.split("criteria: how many (how many mandatory)")[1]
    lines = [line.strip() for line in after_table.splitlines() if line.strip()]
    # The id, then the path on lines of its own broken after a "/", then where it was named.
    assert lines[0] == "my-buyer-set:" and lines[-1] == "(via --rules)"
    pieces = lines[1:-1]
    assert len(pieces) > 1 and all(piece.endswith("/") for piece in pieces[:-1])
    assert "".join(pieces) == str(path)
