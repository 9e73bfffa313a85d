"""The verdict logic: evidence with its trail, statuses, exclusions, scopes and alerts."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from spacy.language import Language

from msa_check.analyse import analyse_document
from msa_check.extract.assemble import DraftBlock, assemble_document
from msa_check.models import BlockKind, ContentKind, EvidenceStatus, RuleSetResult, Verdict
from msa_check.nlp import load_pipeline, parse_document
from msa_check.rules.loading import load_rule_set
from msa_check.rules.matching import RuleSetMatcher
from msa_check.rules.schema import RuleSet
from msa_check.rules.status import evidence_status
from tests.conftest import one_criterion_rule_set

H, P = BlockKind.HEADING, BlockKind.PARAGRAPH


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def analyse(
    nlp: Language, rule_set: RuleSet, blocks: Sequence[tuple[str, BlockKind, int | None]]
) -> RuleSetResult:
    drafts = [DraftBlock(text, kind, page) for text, kind, page in blocks]
    pages = sorted({page for _, _, page in blocks if page is not None})
    document = assemble_document(ContentKind.PDF, drafts, page_numbers=pages)
    parsed = parse_document(document, nlp)
    [result] = analyse_document(parsed, [RuleSetMatcher(rule_set, nlp)])
    return result


def verdicts(result: RuleSetResult) -> dict[str, Verdict]:
    return {c.id: c.verdict for c in result.criteria}


def test_evidence_carries_page_section_and_what_matched(nlp: Language) -> None:
    result = analyse(
        nlp,
        load_rule_set("uk-msa-s54"),
        [
            ("Introduction", H, 1),
            ("We sell kitchen equipment.", P, 1),
            ("Approval", H, 2),
            (
                "We trade in nine countries. "
                "This statement was approved by the Board of Directors on 1 May 2025.",
                P,
                2,
            ),
        ],
    )
    approval = next(c for c in result.criteria if c.id == "approval")
    assert approval.verdict is Verdict.MET
    [evidence] = approval.evidence
    assert evidence.text == "This statement was approved by the Board of Directors on 1 May 2025."
    assert evidence.page == 2 and evidence.section == "Approval"
    assert any(m.startswith('near "approved" ~ "Board') for m in evidence.matched)
    assert evidence.status is EvidenceStatus.TAKEN


def test_planned_only_is_partial_and_denied_only_is_missing(nlp: Language) -> None:
    result = analyse(
        nlp,
        load_rule_set("uk-msa-s54"),
        [
            ("Next year we will introduce modern slavery training for all staff.", P, 1),
            ("We do not currently audit our suppliers.", P, 1),
        ],
    )
    found = {c.id: c for c in result.criteria}
    assert found["training"].verdict is Verdict.PARTIAL
    assert [e.status for e in found["training"].evidence] == [EvidenceStatus.PLANNED]
    assert found["due_diligence"].verdict is Verdict.MISSING
    assert [e.status for e in found["due_diligence"].evidence] == [EvidenceStatus.DENIED]


def test_a_heading_alone_is_only_partial(nlp: Language) -> None:
    result = analyse(nlp, load_rule_set("uk-msa-s54"), [("Training", H, 1), ("To follow.", P, 1)])
    assert verdicts(result)["training"] is Verdict.PARTIAL


def test_no_steps_statement_raises_the_alert_and_is_not_met(nlp: Language) -> None:
    text = (
        "The company has not taken any steps during the financial year to ensure that "
        "slavery and human trafficking is not taking place in its supply chains."
    )
    result = analyse(nlp, load_rule_set("uk-msa-s54"), [(text, P, None)])
    steps = next(c for c in result.criteria if c.id == "steps_taken")
    assert steps.verdict is Verdict.PARTIAL
    assert [a.id for a in steps.alerts] == ["no_steps_taken"]
    assert "NO STEPS TAKEN" in steps.alerts[0].message
    assert steps.alerts[0].evidence[0].text == text
    assert steps in result.mandatory_unmet


def test_exclusion_vetoes_a_committee_approval(nlp: Language) -> None:
    result = analyse(
        nlp,
        load_rule_set("uk-msa-s54"),
        [("This statement was approved by the Executive Committee of the Board.", P, 1)],
    )
    assert verdicts(result)["approval"] is Verdict.MISSING


def test_homepage_link_is_not_checked_and_does_not_fail_the_mandatory_line(nlp: Language) -> None:
    result = analyse(nlp, load_rule_set("uk-msa-s54"), [("Nothing here.", P, None)])
    link = next(c for c in result.criteria if c.id == "homepage_link")
    assert link.verdict is Verdict.NOT_CHECKED and link.mandatory
    assert link not in result.mandatory_unmet


def test_scope_limits_evidence_to_matching_headings(nlp: Language) -> None:
    rule_set = one_criterion_rule_set(
        {"match": {"phrases": ["hotline"]}, "scope": {"headings": ["grievance"]}}
    )
    result = analyse(
        nlp,
        rule_set,
        [
            ("Customers", H, 1),
            ("Call our hotline.", P, 1),
            ("Grievance", H, 2),
            ("Workers use a hotline.", P, 2),
        ],
    )
    [criterion] = result.criteria
    assert [e.page for e in criterion.evidence] == [2]


def test_excluded_matches_are_set_aside_with_the_reason(nlp: Language) -> None:
    rule_set = one_criterion_rule_set(
        {
            "match": {"phrases": ["hotline"]},
            "exclude": {"phrases": ["customer hotline"]},
            "also": {"lemmas": ["worker", "call"]},
        }
    )
    result = analyse(
        nlp,
        rule_set,
        [
            (
                "Workers can call our hotline. Workers staff our customer hotline. "
                "A hotline exists.",
                P,
                3,
            )
        ],
    )
    [criterion] = result.criteria
    assert [e.text for e in criterion.evidence] == ["Workers can call our hotline."]
    excluded, lacking_also = criterion.set_aside
    assert excluded.text == "Workers staff our customer hotline." and excluded.page == 3
    assert excluded.matched == ('phrase "hotline"', 'excluded by phrase "customer hotline"')
    assert excluded.strength == 0.0
    assert lacking_also.text == "A hotline exists."
    assert lacking_also.matched[-1] == "excluded: does not match the rule's `also` part"


def test_min_evidence_requires_distinct_sentences(nlp: Language) -> None:
    rule_set = one_criterion_rule_set(
        {"match": {"lemmas": ["audit"]}, "require": {"min_evidence": 2}}
    )
    one = analyse(nlp, rule_set, [("We audited one site.", P, 1)])
    two = analyse(nlp, rule_set, [("We audited one site. We audit suppliers yearly.", P, 1)])
    assert one.criteria[0].verdict is Verdict.PARTIAL
    assert two.criteria[0].verdict is Verdict.MET
    assert two.criteria[0].evidence_strength > 0.75
    # The note counts in words a buyer reads: "1 sentence", "2 sentences".
    assert one.criteria[0].note == "1 sentence of action taken; needs 2"
    assert two.criteria[0].note == "2 sentences of action taken (needs 2)"


def test_token_pattern_and_regex_matches_are_explained(nlp: Language) -> None:
    rule_set = one_criterion_rule_set(
        {
            "match": {
                "patterns": [[{"LIKE_NUM": True}, {"LEMMA": "worker"}]],
                "regex": [r"fees?\s+repaid"],
            }
        }
    )
    result = analyse(nlp, rule_set, [("We repaid fees to 212 workers. Fees repaid in full.", P, 1)])
    matched = [m for e in result.criteria[0].evidence for m in e.matched]
    assert matched == ['pattern 1 "212 workers"', 'regex "Fees repaid"']


def test_a_long_regex_match_is_named_cut_after_a_whole_word(nlp: Language) -> None:
    rule_set = one_criterion_rule_set({"match": {"regex": [r"Signed:.*"]}})
    text = (
        "Signed: Rosalind Quarrington Chief Executive Officer and Director Northwind "
        "Components Ltd 12 June 2025"
    )
    result = analyse(nlp, rule_set, [(text, P, 1)])
    [matched] = [m for e in result.criteria[0].evidence for m in e.matched]
    assert matched == (
        'regex "Signed: Rosalind Quarrington Chief Executive Officer and Director Northwind…"'
    )


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("We will introduce training next year.", EvidenceStatus.PLANNED),
        ("We aim to audit 50 suppliers in 2026.", EvidenceStatus.PLANNED),
        ("We have trained 200 staff and will train more next year.", EvidenceStatus.TAKEN),
        ("No training has yet been provided to staff.", EvidenceStatus.DENIED),
        ("We do not currently audit our suppliers.", EvidenceStatus.DENIED),
        ("We do not tolerate forced labour.", EvidenceStatus.TAKEN),
        ("During the year we audited 12 suppliers.", EvidenceStatus.TAKEN),
        ("The board has not yet approved this statement.", EvidenceStatus.DENIED),
        ("No steps were taken during the year.", EvidenceStatus.DENIED),
        ("The company did not take any steps to that end.", EvidenceStatus.DENIED),
        ("No staff have received modern slavery training.", EvidenceStatus.DENIED),
        ("We don't currently provide training.", EvidenceStatus.DENIED),
        ("Training on modern slavery is planned for 2025.", EvidenceStatus.PLANNED),
        ("Training is scheduled for March.", EvidenceStatus.PLANNED),
        ("Our goal is to train all buyers.", EvidenceStatus.PLANNED),
        ("We hope to train staff, and would like to audit suppliers.", EvidenceStatus.PLANNED),
        ("We are considering a worker hotline.", EvidenceStatus.PLANNED),
    ],
)
def test_evidence_status(sentence: str, status: EvidenceStatus) -> None:
    assert evidence_status(sentence) is status


def test_qualifiers_report_third_party_independent_and_unannounced(nlp: Language) -> None:
    result = analyse(
        nlp,
        load_rule_set("us-ca-sb657"),
        [
            (
                "We engage an independent third party to verify our product supply chains "
                "for risks of human trafficking.",
                P,
                None,
            ),
            ("Our suppliers were audited by an independent firm in 2024.", P, None),
            ("Next year we will start unannounced audits.", P, None),
        ],
    )
    found = {c.id: c for c in result.criteria}
    assert {q.id: q.present for q in found["verification"].qualifiers} == {"third_party": True}
    audits = {q.id: q.present for q in found["audits"].qualifiers}
    assert audits == {"independent": True, "unannounced": False}  # planned is not done
