"""ItemOutcome.of: what an analysis gave becomes the item's report or its failure, never both."""

from __future__ import annotations

from msa_check.batch.items import BatchItem, ItemFailure, ItemOutcome

ITEM = BatchItem(key="1", number=1, locations=("https://example.com/statement.pdf",))


def test_a_report_is_the_outcomes_report() -> None:
    report = {"status": "checked", "rule_sets": []}
    outcome = ItemOutcome.of(ITEM, report)
    assert (outcome.item, outcome.report, outcome.failure, outcome.ok) == (ITEM, report, None, True)


def test_a_failure_is_the_outcomes_failure() -> None:
    failure = ItemFailure("ExtractError", "the PDF is corrupt or truncated", 3)
    outcome = ItemOutcome.of(ITEM, failure)
    assert (outcome.report, outcome.failure, outcome.ok) == (None, failure, False)
