"""The console report at 80 columns (issue 17 item 5): every line fits; criterion ids are
whole, never `steps_t…`; a quote takes at most two lines and is cut after a whole word;
a sentence is quoted once across flags, alerts and table; a missing criterion is said once.

Rendered from real reports of the samples, with every bundled rule set, at 80 and 120.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from msa_check.checker import check
from msa_check.models import Report
from msa_check.report.console import render_console_text
from msa_check.report.console_table import (
    MANDATORY_MARK,
    id_column_most,
    wrap_identifier,
)
from msa_check.report.quote_cuts import ELLIPSIS, fit_lines
from msa_check.report.wording import quote_text
from msa_check.rules.loading import bundled_rule_sets

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
NO_STEPS_SENTENCE = "The company has not taken any steps during the financial year"


@cache
def _report(sample: str, rules: tuple[str, ...] = ("uk-msa-s54",)) -> Report:
    return check(str(SAMPLES / sample), list(rules), discover=False)


def _top(text: str) -> str:
    """What comes before the questions and the evidence section."""
    return re.split(r"\n(?:Questions for the supplier|Evidence) ─", text)[0]


def _table_rows(text: str) -> list[str]:
    """The lines of each criteria table, between its heading rule and its caption."""
    rows, inside = [], False
    for line in text.splitlines():
        if line.startswith("Criterion "):
            inside = True
        elif inside and line.startswith(MANDATORY_MARK.strip() + " mandatory"):
            inside = False
        elif inside and not line.startswith("─"):
            rows.append(line)
    return rows


SAMPLE_REPORTS = [
    ("harbour-logistics-no-steps.txt", ("uk-msa-s54",)),
    ("northwind-components-2025.pdf", ("uk-msa-s54", "ca-s211")),
    ("kestrel-devices-2026.txt", tuple(bundled_rule_sets())),
]


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize(("sample", "rules"), SAMPLE_REPORTS, ids=lambda v: str(v)[:20])
def test_every_line_fits_and_every_id_is_whole(
    sample: str, rules: tuple[str, ...], width: int
) -> None:
    report = _report(sample, rules)
    text = render_console_text(report, width=width)
    assert max(cell_len(line) for line in text.splitlines()) <= width
    rows = _table_rows(text)
    assert rows, "a criteria table per rule set"
    id_cells = [re.split(r"\s{2,}", row)[0] for row in rows]  # columns part by 2+ spaces
    assert not any(ELLIPSIS in cell for cell in id_cells)
    for result in report.results:
        for criterion in result.criteria:
            name = criterion.id + (MANDATORY_MARK if criterion.mandatory else "")
            pieces = wrap_identifier(name, id_column_most(width))
            first = id_cells.index(pieces[0]) if pieces[0] in id_cells else -1
            assert first >= 0, f"{criterion.id} not whole in the table"
            assert id_cells[first : first + len(pieces)] == pieces


@pytest.mark.parametrize(("sample", "rules"), SAMPLE_REPORTS, ids=lambda v: str(v)[:20])
def test_table_quotes_take_two_lines_at_most_and_end_at_a_word(
    sample: str, rules: tuple[str, ...]
) -> None:
    report = _report(sample, rules)
    sentences = [quote_text(e) for r in report.results for c in r.criteria
                 for e in c.evidence]  # fmt: skip
    rows = _table_rows(render_console_text(report, width=80))
    quote_column = min(row.index("“") for row in rows if "“" in row)
    quotes: list[list[str]] = []
    for row in rows:
        cell = row[quote_column:].strip()
        if cell.startswith("“"):
            quotes.append([cell])
        elif quotes and "”" not in quotes[-1][-1] and cell:
            quotes[-1].append(cell)
    assert quotes
    for lines in quotes:
        assert len(lines) <= 2 and "”" in lines[-1], lines
        quoted = " ".join(lines)[1:].split("”")[0]
        if quoted.endswith(ELLIPSIS):
            kept = quoted[: -len(ELLIPSIS)]
            source = next(s for s in sentences if s.startswith(kept))
            assert source[len(kept)] in " ,;:", f"cut mid-word: {kept!r}"
        else:
            assert quoted in sentences


def test_a_long_id_is_whole_on_one_line_where_there_is_room() -> None:
    report = _report("northwind-components-2025.pdf", ("uk-msa-s54", "ca-s211"))
    assert "structure_activities_supply_chains *" in render_console_text(report, width=120)
    narrow = render_console_text(report, width=80)
    assert "structure_activities_ " in narrow and "supply_chains *" in narrow


@pytest.mark.parametrize("width", range(80, 121, 4))
def test_a_page_number_stays_beside_its_p(width: int) -> None:
    # At 120 columns "…the RBA Code of Conduct.” p." once ended a line, its "2" the next.
    report = _report("northwind-components-2025.pdf", ("uk-msa-s54", "ca-s211"))
    lines = render_console_text(report, width=width).splitlines()
    assert not [line for line in lines if line.endswith(" p.")]
    assert not [line for line in lines if "\u00a0" in line]


def test_a_signal_of_the_statement_check_wraps_under_its_words_not_its_bullet(
    tmp_path: Path,
) -> None:
    recipe = tmp_path / "recipe.txt"
    recipe.write_text("Chocolate cake. Mix the flour and sugar. Bake it for you and your family.")
    text = render_console_text(check(str(recipe), ["uk-msa-s54"], discover=False), width=80)
    panel = _top(text).split("Is this a modern slavery statement? No")[1].split("╰")[0]
    inner = [line[2:] for line in panel.splitlines() if line.startswith("│ ")]
    bullets = [i for i, line in enumerate(inner) if line.startswith("• ")]
    wrapped = [inner[i + 1] for i in bullets if i + 1 < len(inner) and inner[i + 1][:2] != "• "]
    # The signals that scored (addressed to the reader: -2), the mention of slavery, and
    # one line for the others.
    assert len(bullets) == 3 and wrapped
    assert all(line.startswith("  ") and line[2] != " " for line in wrapped)


def test_a_sentence_is_quoted_once_and_a_missing_criterion_said_once() -> None:
    text = render_console_text(_report("harbour-logistics-no-steps.txt"), width=80)
    top = _top(text)
    assert top.count(NO_STEPS_SENTENCE) == 1  # the flag quotes it; the alert refers to it
    assert "(the same 2 sentences as under flag no_steps above)" in top
    assert "No evidence found" not in text
    assert "no sentence matches this criterion" not in text
    assert text.count("No sentence matches: structure, policies, due_diligence, risk,") == 1


def test_a_quote_shared_by_two_criteria_is_shown_under_the_first() -> None:
    # Northwind's opening sentence is the best quote of steps_taken and financial_year.
    text = render_console_text(_report("northwind-components-2025.pdf"), width=80)
    assert "the same sentence as under steps_taken" in _top(text)
    assert "(quoted above, under steps_taken)" in text  # and in the evidence section


def test_brief_is_the_headline_flags_alerts_and_verdicts() -> None:
    text = render_console_text(_report("harbour-logistics-no-steps.txt"), width=80, brief=True)
    assert text.startswith("Quayfold Harbour Logistics Ltd —")
    assert "Does NOT meet the mandatory requirements" in text and "FLAG no_steps" in text
    assert "steps_taken *" in text and "Mandatory requirements NOT met" in text
    [alert] = [line for line in text.splitlines() if "ALERT" in line]  # one line, no panel
    assert alert.startswith("⚠ ALERT (criteria: steps_taken): NO STEPS TAKEN:")
    for left_out in ("Source ", "ALERTS", "Questions for the supplier", "Evidence", "matched:"):
        assert left_out not in text
    assert len(text.splitlines()) < 40


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.text("abcdefghij", min_size=1, max_size=14), min_size=1, max_size=60),
    width=st.integers(min_value=20, max_value=120),  # a quote's cell is 38 wide at 80
    end=st.sampled_from(["", "”", "” p. 12", "” p. 3 [planned]"]),
)
def test_fit_lines_cuts_after_a_whole_word(words: list[str], width: int, end: str) -> None:
    text = " ".join(words)
    lines = fit_lines(text, width, 2, end=end)
    assert 1 <= len(lines) <= 2
    assert all(len(line) <= width for line in lines)
    joined = " ".join(lines)
    if joined == text + end:
        return
    assert joined.endswith(ELLIPSIS + end)
    kept = joined[: -len(ELLIPSIS + end)].split(" ")
    assert kept == words[: len(kept)]


def test_only_a_word_longer_than_the_lines_is_cut() -> None:
    url = "https://example.com/" + "a" * 100
    lines = fit_lines(url, 30, 2, end="” p. 1")
    assert len(lines) == 2 and all(len(line) <= 30 for line in lines)
    assert lines[-1].endswith(ELLIPSIS + "”") and "".join(lines).startswith("https://example")


def test_wrap_identifier_breaks_after_underscores() -> None:
    assert wrap_identifier("structure_activities_supply_chains", 22) == [
        "structure_activities_",
        "supply_chains",
    ]
    assert wrap_identifier("steps_taken *", 22) == ["steps_taken *"]
    assert wrap_identifier("a" * 30, 22) == ["a" * 22, "a" * 8]
    # A path (rules list) wraps after its slashes, the leading one kept.
    assert wrap_identifier("/tmp/rules/mine.yaml", 11, "/") == ["/tmp/rules/", "mine.yaml"]
