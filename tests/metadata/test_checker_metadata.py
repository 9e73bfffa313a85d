"""Checker puts metadata and flags on every Report; flags are as of the day it is given."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from msa_check.checker import Checker, load_rule_sets
from msa_check.extract import extract_document
from msa_check.fetch.local import read_file
from msa_check.nlp import load_pipeline

HARBOUR = Path(__file__).parents[2] / "samples" / "harbour-logistics-no-steps.txt"


def test_the_report_has_metadata_and_flags_as_of_the_given_day() -> None:
    checker = Checker(load_rule_sets([]), load_pipeline())
    fetched = read_file(str(HARBOUR), 1_000_000)
    document = extract_document(fetched)

    fresh = checker.check_document(fetched, document, today=date(2025, 6, 1))
    later = checker.check_document(fetched, document, today=date(2026, 7, 1))

    assert [f.id for f in fresh.flags] == ["no_steps"]
    assert [f.id for f in later.flags] == ["stale", "no_steps"]
    assert fresh.organisation == "Quayfold Harbour Logistics Ltd"
    assert fresh.period == "financial year ending 31 December 2024"  # as stated, as before
    assert fresh.metadata is not None and fresh.metadata.page_count is None
    assert fresh.metadata.word_count == fresh.document.word_count
    no_steps = fresh.flags[0]
    assert any("has not taken any steps" in e.text for e in no_steps.evidence)
