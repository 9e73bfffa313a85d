"""`msa-check compare`: the pure comparison, then two years of the invented Northwind."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from msa_check.checker import Checker, load_rule_sets
from msa_check.cli import app
from msa_check.cli.compare import compare_sources
from msa_check.compare import Change, Comparison, carry_over, compare_reports, verdict_change
from msa_check.errors import ExitCode
from msa_check.fetch import FetchOptions
from msa_check.models import Report, Verdict
from msa_check.nlp import load_pipeline
from msa_check.report.compare_text import (
    render_comparison_console_text,
    render_comparison_markdown,
)
from tests.report.conftest import build_sample_report, evidence

SAMPLES = Path(__file__).parents[1] / "samples"
OLD = SAMPLES / "northwind-components-2024.txt"
NEW = SAMPLES / "northwind-components-2025.pdf"
runner = CliRunner()


@pytest.mark.parametrize(
    ("old", "new", "change"),
    [
        (Verdict.MISSING, Verdict.PARTIAL, Change.IMPROVED),
        (Verdict.PARTIAL, Verdict.MET, Change.IMPROVED),
        (Verdict.MET, Verdict.MISSING, Change.REGRESSED),
        (Verdict.PARTIAL, Verdict.PARTIAL, Change.UNCHANGED),
        (Verdict.NOT_CHECKED, Verdict.MET, Change.NOT_COMPARED),
        (Verdict.MET, Verdict.NOT_CHECKED, Change.NOT_COMPARED),
        (None, Verdict.MET, Change.NOT_COMPARED),
    ],
)
def test_verdicts_rank_met_over_partial_over_missing(
    old: Verdict | None, new: Verdict | None, change: Change
) -> None:
    assert verdict_change(old, new) is change


def with_verdicts(report: Report, **verdicts: Verdict) -> Report:
    result = report.results[0]
    criteria = tuple(replace(c, verdict=verdicts.get(c.id, c.verdict)) for c in result.criteria)
    return replace(report, results=(replace(result, criteria=criteria),))


def test_criteria_are_matched_by_rule_set_and_id() -> None:
    old = build_sample_report()
    new = with_verdicts(old, approval=Verdict.MET, structure=Verdict.PARTIAL)
    comparison = compare_reports(old, new, [], [])
    changes = {c.criterion: c.change for c in comparison.criteria}
    assert changes == {
        "structure": Change.REGRESSED,
        "approval": Change.IMPROVED,
        "signature": Change.UNCHANGED,
        "training": Change.NOT_COMPARED,
    }
    other_rules = replace(
        new, results=(replace(new.results[0], rule_set=replace(new.results[0].rule_set, id="x")),)
    )
    mixed = compare_reports(old, other_rules, [], [])
    assert len(mixed.criteria) == 8
    assert {c.change for c in mixed.criteria} == {Change.NOT_COMPARED}


def test_evidence_that_appeared_and_disappeared_is_compared_as_normalised_text() -> None:
    old = build_sample_report()
    structure = old.results[0].criteria[0]
    kept = replace(structure.evidence[1], text="  WE BUY cotton | polyester from 40 suppliers in "
                   "[bold]turkey[/bold].")  # fmt: skip
    added = evidence("We buy silk from two suppliers in India.", 7)
    new_structure = replace(structure, evidence=(kept, added))
    new = replace(
        old,
        results=(replace(old.results[0], criteria=(new_structure, *old.results[0].criteria[1:])),),
    )
    change = compare_reports(old, new, [], []).criteria[0]
    assert [e.text for e in change.appeared] == [added.text]
    assert [e.text for e in change.disappeared] == [structure.evidence[0].text]


def test_evidence_nearly_the_same_in_both_is_updated_not_new_and_gone() -> None:
    old = build_sample_report()
    structure = old.results[0].criteria[0]
    before = replace(structure.evidence[0], text="On 31 March 2024 we employed 1,190 people "
                     "across four countries and two continents.")  # fmt: skip
    after = evidence("On 31 March 2025 we employed 1,240 people across four countries and "
                     "two continents.", 3)  # fmt: skip
    added = evidence("We buy silk from two suppliers in India.", 7)
    old = replace(old, results=(replace(old.results[0], criteria=(
        replace(structure, evidence=(before,)), *old.results[0].criteria[1:])),))  # fmt: skip
    new = replace(old, results=(replace(old.results[0], criteria=(
        replace(structure, evidence=(after, added)), *old.results[0].criteria[1:])),))  # fmt: skip
    change = compare_reports(old, new, [], []).criteria[0]
    assert [(o.text, n.text) for o, n in change.updated] == [(before.text, after.text)]
    assert [e.text for e in change.appeared] == [added.text]
    assert change.disappeared == ()
    shown = render_comparison_markdown(compare_reports(old, new, [], []))
    assert "~ Evidence updated (nearly the same as before):" in shown
    assert "1,240 people" in shown
    # What it said before, as the words that changed.
    assert "changed: 2024 → 2025; 1,190 → 1,240" in " ".join(shown.split())


def test_a_criterion_whose_only_change_is_an_updated_sentence_is_shown(
    northwind: Comparison,
) -> None:
    text = " ".join(render_comparison_console_text(northwind).split())
    # steps_taken is met in both years; its sentence only moved from 2024 to 2025.
    assert "steps_taken (uk-msa-s54): met → met, = unchanged ~ evidence updated" in text
    assert "changed: 2024 → 2025" in text


def test_carry_over_counts_exact_and_near_copies_of_long_enough_sentences() -> None:
    old = [
        "Our Supplier Code of Conduct prohibits forced labour.",
        "On 31 March 2024 we employed 1,190 people across four countries.",
        "Training",
    ]
    new = [
        "our supplier code of   conduct prohibits forced labour.",  # same, bar case and spaces
        "On 31 March 2025 we employed 1,240 people across four countries.",  # near
        "We repaid recruitment fees to 212 workers this year.",  # new
        "Training",  # too short to count
    ]
    carried = carry_over(old, new)
    assert (carried.sentences, carried.unchanged, carried.near_duplicates) == (3, 1, 1)
    assert carried.share == pytest.approx(1 / 3) and carried.near_share == pytest.approx(1 / 3)
    assert carried.examples == ("our supplier code of   conduct prohibits forced labour.",)
    assert carry_over([], []).share == 0.0


@pytest.fixture(scope="module")
def northwind() -> Comparison:
    checker = Checker(load_rule_sets([]), load_pipeline())
    return compare_sources(checker, str(OLD), str(NEW), FetchOptions(), discover=False)


def test_two_years_of_northwind(northwind: Comparison) -> None:
    improved = {c.criterion for c in northwind.with_change(Change.IMPROVED)}
    assert improved == {"approval", "signature", "effectiveness", "training"}
    assert northwind.with_change(Change.REGRESSED) == ()
    training = next(c for c in northwind.criteria if c.criterion == "training")
    assert (training.old, training.new) == (Verdict.PARTIAL, Verdict.MET)
    assert any("1,202 of our 1,240 employees" in e.text for e in training.appeared)
    assert any(e.text.startswith("We will introduce") for e in training.disappeared)
    carried = northwind.carry_over
    assert 0.2 < carried.share < 0.5 and carried.near_duplicates >= 5
    assert [f.id for f in northwind.old.flags if f.id != "stale"] == [
        "approval_not_board",
        "signatory_not_director",
    ]


def test_the_markdown_comparison(northwind: Comparison) -> None:
    text = render_comparison_markdown(northwind)
    assert text.startswith("# Statement comparison: Northwind Components Ltd")
    assert "| uk-msa-s54 | approval | yes | missing | met | ▲ improved |" in text
    assert "### training (uk-msa-s54): partial → met, ▲ improved" in text


def _cut_quotes(text: str) -> list[str]:
    """What each quote cut with an ellipsis keeps, its lines joined."""
    return re.findall(r"“([^”]*?)…”", " ".join(text.split()))


@pytest.mark.parametrize("render", [render_comparison_console_text, render_comparison_markdown])
def test_long_quotes_are_cut_after_a_whole_word(
    northwind: Comparison, render: Callable[[Comparison], str]
) -> None:
    texts = [
        " ".join(e.text.split())
        for change in northwind.criteria
        for e in (*change.appeared, *change.disappeared, *(new for _, new in change.updated))
    ]
    cut = _cut_quotes(render(northwind).replace("\\", ""))
    assert len(cut) >= 5  # the Northwind years have long sentences to cut
    for kept in cut:
        whole = next(text for text in texts if text.startswith(kept))
        # The next character of the sentence ends a word: a space, or the comma or colon
        # dropped before the ellipsis ("in full…", not "in full,…").
        assert whole[len(kept)] in " ,;:", f"cut inside a word: {kept[-30:]!r}"
        assert len(kept) + 1 <= 160


def test_the_compare_command_in_json_and_its_exit_codes() -> None:
    result = runner.invoke(app, ["compare", str(OLD), str(NEW), "--format", "json"])
    assert result.exit_code == ExitCode.OK, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == [
        "schema_version", "tool", "old", "new", "compared", "changes", "carry_over", "criteria",
    ]  # fmt: skip
    assert data["compared"] is True
    assert (data["old"]["status"], data["new"]["status"]) == ("does_not_meet", "stale")
    assert data["changes"] == {"improved": 4, "regressed": 0, "unchanged": 6, "not_compared": 1}
    assert data["new"]["period"]["end"] == "2025-03-31"
    assert 0.2 < data["carry_over"]["share"] < 0.5
    backwards = runner.invoke(app, ["compare", str(NEW), str(OLD)])
    assert backwards.exit_code == ExitCode.MANDATORY_UNMET  # criteria regressed
    assert "▼ regressed" in backwards.stdout
    both_stdin = runner.invoke(app, ["compare", "-", "-"])
    assert both_stdin.exit_code == ExitCode.USAGE
    assert "only one of OLD and NEW" in both_stdin.stderr


def test_the_verdict_table_reads_at_80_columns_with_two_rule_sets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Six no-wrap columns once cut every cell ("ca-s…", "structure_activities_supply_…").
    monkeypatch.setenv("COLUMNS", "80")
    rules = ["--rules", "ca-s211,uk-msa-s54"]
    result = runner.invoke(app, ["compare", str(OLD), str(NEW), "--no-discover", *rules])
    assert result.exit_code == ExitCode.OK, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    table = lines[: next(n for n, line in enumerate(lines) if line.strip() == "* mandatory")]
    assert not any("…" in line for line in table)
    # The first cell of each line, its wrapped pieces joined again.
    names = "".join(re.split(r"\s{2,}", line.strip())[0] for line in table if line.strip())
    assert "ca-s211.structure_activities_supply_chains *" in names
    assert "uk-msa-s54.homepage_link *" in names and "uk-msa-s54.structure" in names
    row = next(line for line in table if line.strip().startswith("uk-msa-s54.approval *"))
    assert row.split()[2:] == ["missing", "met", "▲", "improved"]


RECIPE = (
    Path(__file__).parent.parent
    / "benchmarks"
    / "nonstatements"
    / "dev"
    / "recipe-victoria-sponge.txt"
)


def test_a_document_that_is_no_statement_is_not_compared_and_exits_5() -> None:
    # Compared as a statement, the recipe would "regress" every criterion Northwind met.
    result = runner.invoke(app, ["compare", str(OLD), str(RECIPE), "--format", "json"])
    assert result.exit_code == ExitCode.NOT_A_STATEMENT, result.stderr
    data = json.loads(result.stdout)
    assert data["compared"] is False
    assert data["new"]["status"] == "not_a_statement"
    assert data["changes"]["regressed"] == 0
    assert {c["change"] for c in data["criteria"]} == {"not_compared"}
    console = runner.invoke(app, ["compare", str(OLD), str(RECIPE)])
    assert "Not a modern slavery statement" in console.stdout
    assert "not compared: one of the two documents is no statement" in console.stdout
    anyway = runner.invoke(app, ["compare", str(OLD), str(RECIPE), "--treat-as-statement"])
    assert anyway.exit_code == ExitCode.MANDATORY_UNMET  # read as a statement, it regressed
    assert "▼ regressed" in anyway.stdout


def test_compare_reads_as_check_does_with_its_caps() -> None:
    result = runner.invoke(app, ["compare", str(OLD), str(NEW), "--max-chars", "500"])
    assert result.exit_code == ExitCode.SOURCE
    assert "--max-chars" in result.stderr
