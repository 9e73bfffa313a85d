"""The sector sets: electronics and monitoring judged on whole statements, the
`audits_only` alert raised by an absence, and the weighted disclosure score."""

from __future__ import annotations

import json
from pathlib import Path

from msa_check import check
from msa_check.models import CriterionResult, DisclosureScore, Verdict
from msa_check.report.json_report import render_json
from msa_check.rules.loading import load_rule_set
from tests.rules.test_validation import problems_of

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
KESTREL = SAMPLES / "kestrel-devices-2026.txt"
WORKER_DRIVEN = (
    "worker_interviews_offsite", "worker_committees", "worker_defined_codes",
    "independent_monitors", "binding_agreements", "worker_run_complaint_channels",
    "complaints_figures",
)  # fmt: skip

WORKER_VOICE_STATEMENT = """Modern Slavery Statement

Monitoring

In 2025, 30 supplier sites completed third-party social audits.

Electronics Watch monitors interviewed 60 workers off-site, in their own languages, in 2025.

The supplier worker hotline is run by a Nepali migrant workers' organisation.
"""


def verdicts(report_results: object, rule_set: str) -> dict[str, CriterionResult]:
    for result in report_results:  # type: ignore[attr-defined]
        if result.rule_set.id == rule_set:
            return {c.id: c for c in result.criteria}
    raise AssertionError(rule_set)


def test_audits_without_worker_voice_raise_audits_only() -> None:
    report = check(str(KESTREL), rules=["monitoring"])
    criteria = verdicts(report.results, "monitoring")
    audits = criteria["social_audits"]
    assert audits.verdict is Verdict.MET
    present = {q.id for q in audits.qualifiers if q.present}
    assert {"unannounced", "third_party", "commercial_audit_firm", "counted"} <= present
    assert "announced" not in present  # "Twelve of those audits were unannounced."
    assert all(criteria[name].verdict is Verdict.MISSING for name in WORKER_DRIVEN)
    assert [a.id for a in audits.alerts] == ["audits_only"]
    # The alert quotes the audit sentences, not the section heading.
    assert all(e.strength >= 1.0 for e in audits.alerts[0].evidence)
    assert "none of worker_interviews_offsite" in (audits.note or "")


def test_worker_driven_monitoring_silences_audits_only(tmp_path: Path) -> None:
    path = tmp_path / "voice.txt"
    path.write_text(WORKER_VOICE_STATEMENT, encoding="utf-8")
    criteria = verdicts(check(str(path), rules=["monitoring"]).results, "monitoring")
    assert criteria["social_audits"].verdict is Verdict.MET
    assert criteria["worker_interviews_offsite"].verdict is Verdict.MET
    assert criteria["worker_run_complaint_channels"].verdict is Verdict.MET
    assert criteria["social_audits"].alerts == ()


def test_electronics_sample_is_strong_on_audits_and_minerals_weak_on_worker_voice() -> None:
    criteria = verdicts(check(str(KESTREL), rules=["electronics"]).results, "electronics")
    for met in ("fees_repaid", "remediation_evidence", "smelter_identification",
                "smelter_audits", "industry_membership", "traceability"):  # fmt: skip
        assert criteria[met].verdict is Verdict.MET, met
    for missing in ("freedom_of_association", "policies_communicated_to_workers",
                    "grievance_used", "monitor_access", "minerals_reporting"):  # fmt: skip
        assert criteria[missing].verdict is Verdict.MISSING, missing
    # A supplier's Conflict Minerals *Reporting Template* is not the company's own report.
    assert {q.id for q in criteria["fees_repaid"].qualifiers if q.present} == {"amount_given"}


def _result(verdict: Verdict, weight: float = 1.0) -> CriterionResult:
    return CriterionResult("c", "C", None, False, verdict, 0.0, weight=weight)


def test_the_score_weighs_criteria_counts_partial_half_and_leaves_out_not_checked() -> None:
    score = DisclosureScore.of(
        (
            _result(Verdict.MET, 2),
            _result(Verdict.PARTIAL),
            _result(Verdict.MISSING),
            _result(Verdict.NOT_CHECKED, 5),
        )
    )
    assert (score.earned, score.possible, score.percent) == (2.5, 4.0, 62.5)
    assert (score.met, score.partial, score.missing, score.not_checked) == (1, 1, 1, 1)
    assert DisclosureScore.of(()).percent == 0.0


def test_the_score_is_in_the_json_and_follows_the_rule_file_weights() -> None:
    report = check(str(KESTREL), rules=["monitoring"])
    data = json.loads(render_json(report))["rule_sets"][0]
    score = data["score"]
    weights = {c["id"]: c["weight"] for c in data["criteria"]}
    assert weights["worker_committees"] == 2.0 and weights["social_audits"] == 1.0
    # 3 audit criteria met (weight 1 each); six worker-driven weigh 2, complaints 1.
    assert (score["earned"], score["possible"]) == (3.0, 16.0)
    assert score["percent"] == 18.8


def write(tmp_path: Path, alert: str, extra: str = "") -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(
        f"""id: mine
title: Mine
criteria:
  - id: audits
    title: Audits
{extra}    match:
      phrases: ["social audit"]
    alerts:
{alert}
    examples:
      pass: ["We carried out a social audit at every supplier."]
      fail: ["We value our people."]
  - id: voice
    title: Voice
    match:
      phrases: ["worker committee"]
    examples:
      pass: ["Each site elected a worker committee."]
      fail: ["We value our people."]
""",
        encoding="utf-8",
    )
    return path


def test_unless_met_must_name_a_criterion_of_the_set(tmp_path: Path) -> None:
    path = write(tmp_path, "      - {id: only, message: Only audits, unless_met: [voise]}")
    assert any("unless_met names no criterion of this set: 'voise'" in p for p in problems_of(path))
    ok = write(tmp_path, "      - {id: only, message: Only audits, unless_met: [voice]}")
    assert load_rule_set(str(ok)).criteria[0].alerts[0].unless_met == ("voice",)


def test_an_alert_needs_exactly_one_of_match_and_unless_met(tmp_path: Path) -> None:
    both = "      - {id: x, message: X, unless_met: [voice], match: {phrases: [audit]}}"
    neither = "      - {id: x, message: X}"
    for alert in (both, neither):
        assert any("exactly one of match" in p for p in problems_of(write(tmp_path, alert)))


def test_a_weight_is_a_number_of_zero_or_more(tmp_path: Path) -> None:
    alert = "      - {id: x, message: X, unless_met: [voice]}"
    found = problems_of(write(tmp_path, alert, extra="    weight: -1\n"))
    assert any("expected a weight of 0 or more" in p for p in found)
    assert load_rule_set(str(write(tmp_path, alert, "    weight: 3\n"))).criteria[0].weight == 3
