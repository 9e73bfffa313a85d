"""The values that flow through msa-check: frozen, typed, free of I/O.

A statement flows source -> fetch -> extract -> analyse -> report. Each stage takes
and returns the dataclasses below, so every stage can be tested without the others
and every renderer works from the same Report.

They are kept in one module per stage that makes them (source, document, verdicts,
statement_metadata, report) and all imported here, so `from msa_check.models import X`
names any of them.
"""

from msa_check.models.document import (
    Block,
    BlockKind,
    ContentKind,
    Document,
    DocumentSummary,
    Link,
    Page,
    Section,
    Sentence,
    is_absolute_web_address,
)
from msa_check.models.report import (
    Flag,
    OverallStatus,
    Recognition,
    Report,
    StatementSignal,
    counts_registry_signal,
)
from msa_check.models.source import (
    Discovery,
    ExaminedLink,
    FetchedSource,
    HomepageLink,
    LinkRegion,
    SourceKind,
)
from msa_check.models.statement_metadata import (
    Approval,
    DatePrecision,
    Identifier,
    ReportingPeriod,
    Signatory,
    StatedDate,
    StatementMetadata,
)
from msa_check.models.verdicts import (
    SCORE_CREDIT,
    Alert,
    CriterionResult,
    DisclosureScore,
    Evidence,
    EvidenceStatus,
    LegalReference,
    QualifierResult,
    RuleSetInfo,
    RuleSetResult,
    Verdict,
)

__all__ = [
    "SCORE_CREDIT",
    "Alert",
    "Approval",
    "Block",
    "BlockKind",
    "ContentKind",
    "CriterionResult",
    "DatePrecision",
    "DisclosureScore",
    "Discovery",
    "Document",
    "DocumentSummary",
    "Evidence",
    "EvidenceStatus",
    "ExaminedLink",
    "FetchedSource",
    "Flag",
    "HomepageLink",
    "Identifier",
    "LegalReference",
    "Link",
    "LinkRegion",
    "OverallStatus",
    "Page",
    "QualifierResult",
    "Recognition",
    "Report",
    "ReportingPeriod",
    "RuleSetInfo",
    "RuleSetResult",
    "Section",
    "Sentence",
    "Signatory",
    "SourceKind",
    "StatedDate",
    "StatementMetadata",
    "StatementSignal",
    "Verdict",
    "counts_registry_signal",
    "is_absolute_web_address",
]
