"""Sample Report values, built by hand, for the renderer tests."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from msa_check.models import (
    Alert,
    Approval,
    ContentKind,
    CriterionResult,
    DatePrecision,
    DocumentSummary,
    Evidence,
    EvidenceStatus,
    FetchedSource,
    Flag,
    Identifier,
    LegalReference,
    Report,
    ReportingPeriod,
    RuleSetInfo,
    RuleSetResult,
    Signatory,
    SourceKind,
    StatedDate,
    StatementMetadata,
    Verdict,
)

STATEMENT_BYTES = b"%PDF-1.7 secret statement bytes"
NO_STEPS_MESSAGE = "The statement says the organisation has taken no steps this year."
PIPE_QUOTE = "We buy cotton | polyester from 40 suppliers in [bold]Turkey[/bold]."
PLANNED_QUOTE = "We will train all buyers on forced labour risks next year."
SET_ASIDE_QUOTES = (
    "Our policies are approved by the Board and reviewed every year.",
    "The Board approved a new travel policy.",
    "Our Board approves the annual budget.",
)
SET_ASIDE_REASON = "excluded: does not match the rule's `also` part"


def evidence(text: str, index: int, **overrides: Any) -> Evidence:
    """An evidence sentence on page 2; keyword arguments override any field."""
    base = Evidence(
        text=text,
        sentence_index=index,
        start=index * 100,
        end=index * 100 + len(text),
        page=2,
        section="Our supply chains",
        matched=('phrase "suppliers"',),
    )
    return dataclasses.replace(base, **overrides)


def build_sample_report() -> Report:
    no_steps = Alert(
        id="no-steps",
        message=NO_STEPS_MESSAGE,
        evidence=(evidence("We have taken no steps this year.", 9, page=4, section=None),),
    )
    structure = CriterionResult(
        id="structure",
        title="Organisation structure and supply chains",
        reference=LegalReference("Modern Slavery Act 2015", "s54(5)(a)", "https://example.org/s54"),
        mandatory=False,
        verdict=Verdict.MET,
        evidence_strength=0.87654,
        evidence=(
            evidence(PLANNED_QUOTE, 5, page=3, status=EvidenceStatus.PLANNED, strength=1.0),
            evidence(PIPE_QUOTE, 3, strength=0.8, matched=('phrase "suppliers"', "heading")),
        ),
        note="Describes the supply chain.",
    )
    approval = CriterionResult(
        id="approval",
        title="Approved by the board",
        reference=LegalReference("Modern Slavery Act 2015", "s54(6)(a)"),
        mandatory=True,
        verdict=Verdict.MISSING,
        evidence_strength=0.0,
        note="No sentence says the board approved the statement.",
        set_aside=tuple(
            evidence(
                text, 20 + i, strength=0.0, matched=('near "approved" ~ "Board"', SET_ASIDE_REASON)
            )
            for i, text in enumerate(SET_ASIDE_QUOTES)
        ),
    )
    signature = CriterionResult(
        id="signature",
        title="Signed by a director",
        reference=None,
        mandatory=True,
        verdict=Verdict.PARTIAL,
        evidence_strength=0.5,
        evidence=(evidence("Signed: J. Smith", 12, page=4, section="Sign-off", strength=0.6),),
        alerts=(no_steps,),
    )
    training = CriterionResult(
        id="training",
        title="Training about slavery",
        reference=None,
        mandatory=False,
        verdict=Verdict.NOT_CHECKED,
        evidence_strength=0.0,
    )
    uk = RuleSetResult(
        rule_set=RuleSetInfo("uk-msa", "UK Modern Slavery Act s54", "1.2", "UK", "MSA 2015"),
        criteria=(structure, approval, signature, training),
    )
    return Report(
        source=FetchedSource(
            location="https://example.com/msa",
            kind=SourceKind.URL,
            content=STATEMENT_BYTES,
            sha256="ab" * 32,
            fetched_at="2026-11-25T10:00:00+00:00",
            final_url="https://www.example.com/msa-2025.pdf",
            status=200,
            content_type="application/pdf",
            redirects=("https://example.com/msa",),
        ),
        document=DocumentSummary(
            kind=ContentKind.PDF,
            title="Modern Slavery Statement 2025",
            page_count=4,
            word_count=1234,
            sentence_count=56,
            warnings=("page 4 has no text layer",),
        ),
        results=(uk,),
        tool_version="0.1.0",
        alerts=(no_steps,),
        metadata=StatementMetadata(
            organisation="Example Retail plc",
            period=ReportingPeriod(
                "year ending 31 March 2025", date(2024, 4, 1), date(2025, 3, 31), exact=True
            ),
        ),
    )


@pytest.fixture
def sample_report() -> Report:
    return build_sample_report()


def build_report_with_metadata() -> Report:
    """The sample report with its statement metadata and two flags."""
    signed = evidence("Signed: Jane <Doe>, Company Secretary, 12 June 2025", 12, page=4)
    approved = evidence("This statement was approved by the Executive Committee.", 11, page=4)
    metadata = StatementMetadata(
        organisation="Example Retail plc",
        identifiers=(Identifier("uk_company_number", "01234567", "company number 1234567"),),
        period=ReportingPeriod("FY2024/25", date(2024, 4, 1), date(2025, 3, 31), exact=False),
        approval=Approval("Executive Committee", False, None, approved),
        signatories=(
            Signatory(
                "Jane <Doe>",
                "Company Secretary",
                False,
                StatedDate("12 June 2025", date(2025, 6, 12)),
                signed,
            ),
        ),
        statement_date=StatedDate("June 2025", date(2025, 6, 1), DatePrecision.MONTH),
        word_count=1234,
        page_count=4,
        language="en",
    )
    flags = (
        Flag(
            "approval_not_board",
            "Approved by 'Executive Committee', not by the board.",
            (approved,),
        ),
        Flag("signatory_not_director", "Signed by Jane <Doe> (Company Secretary).", (signed,)),
    )
    return dataclasses.replace(build_sample_report(), metadata=metadata, flags=flags)


@pytest.fixture
def report_with_metadata() -> Report:
    return build_report_with_metadata()
