"""Statement metadata from whole statements: invented ones whose facts are known, the samples,
and a pipeline with a named entity recogniser (a real spaCy entity_ruler, saved and loaded
as `--model` loads a pipeline)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import spacy

from msa_check.extract import extract_document
from msa_check.fetch.local import read_file, source_from_bytes
from msa_check.metadata.finder import MetadataFinder, find_organisation
from msa_check.models import Sentence, SourceKind, StatementMetadata
from msa_check.nlp import load_pipeline, parse_document

SAMPLES = Path(__file__).parents[2] / "samples"
MAX_BYTES = 10_000_000

# Invented statements, as extraction would give them, with what each states. Fields:
# period start, period end, approving body, board?, approval date, signatory name, role,
# director?, signature date.
STATEMENTS = {
    "uk-board-ceo": (
        """ACME WIDGETS LIMITED
Modern Slavery Statement for the financial year ending 31 March 2025

This statement sets out the steps Acme Widgets Limited has taken during the year.

This statement was approved by the Board of Directors on 12 June 2025.

Signed: Jane Doe, Chief Executive Officer, 12 June 2025
""",
        ("2024-04-01", "2025-03-31", "Board of Directors", True, "2025-06-12",
         "Jane Doe", "Chief Executive Officer", True, "2025-06-12"),
    ),
    "calendar-year-lines": (
        """Pelican Freight Ltd - Modern Slavery Statement

This statement covers the period 1 January 2024 to 31 December 2024.

The board of directors of Pelican Freight Ltd approved this statement on 20 March 2025.

Harriet Okonkwo-Blythe
Director
20 March 2025
""",
        ("2024-01-01", "2024-12-31", "board of directors", True, "2025-03-20",
         "Harriet Okonkwo-Blythe", "Director", True, "2025-03-20"),
    ),
    "executive-committee-secretary": (
        """Modern slavery statement of Quillon Media plc for FY2023/24.

This statement was approved by the Executive Committee on 3 September 2024 and is published
on our website.

Name: Oswin Trelawney Position: Company Secretary Date: 4 September 2024
""",
        ("2023-04-01", "2024-03-31", "Executive Committee", False, "2024-09-03",
         "Oswin Trelawney", "Company Secretary", False, "2024-09-04"),
    ),
    "on-behalf-cfo": (
        """Corvid Analytics Pty Ltd (ABN 12 345 678 901) Modern Slavery Statement

This joint statement covers the reporting period ending 30 June 2024 for Corvid Analytics.

This statement was approved on behalf of the board by the Chief Financial Officer on
15 December 2024.

Signed by Priya Ramanathan, Chief Financial Officer
""",
        ("2023-07-01", "2024-06-30", "Chief Financial Officer", False, "2024-12-15",
         "Priya Ramanathan", "Chief Financial Officer", False, None),
    ),
    "canadian-report": (
        """Borealis Timber Inc. Report under the Fighting Against Forced Labour and Child Labour in
Supply Chains Act for the fiscal year ended December 31, 2023 (business number 123456789RC0001).

This report was approved by the Board of Directors of Borealis Timber Inc. on May 21, 2024,
pursuant to paragraph 11(4)(a) of the Act.

/s/ Gideon Marchetti
Gideon Marchetti, President and Chief Executive Officer
May 22, 2024
""",
        ("2023-01-01", "2023-12-31", "Board of Directors", True, "2024-05-21",
         "Gideon Marchetti", "President and Chief Executive Officer", True, "2024-05-22"),
    ),
    "llp-members-head-of": (
        """Tarrant & Vale LLP - slavery and human trafficking statement, financial year ending
30 April 2025.

This statement has been approved by the members of Tarrant & Vale LLP.

Signed: Morwenna Achebe, Head of Procurement, 1 August 2025
""",
        ("2024-05-01", "2025-04-30", "members", True, None,
         "Morwenna Achebe", "Head of Procurement", False, "2025-08-01"),
    ),
    "no-period-no-approval": (
        """Kestrel Bakeries Ltd is committed to preventing modern slavery. We expect our
suppliers to act ethically and we will keep this statement under review.
""",
        (None, None, None, None, None, None, None, None, None),
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def finder() -> MetadataFinder:
    return MetadataFinder(load_pipeline())


def metadata_of(text: str, finder: MetadataFinder, model: str = "blank:en") -> StatementMetadata:
    fetched = source_from_bytes("statement.txt", SourceKind.FILE, text.encode("utf-8"))
    return finder.find(parse_document(extract_document(fetched), load_pipeline(model)))


def fields(metadata: StatementMetadata) -> tuple[object, ...]:
    period, approval = metadata.period, metadata.approval
    signer = metadata.signatories[0] if metadata.signatories else None
    return (
        period.start.isoformat() if period and period.start else None,
        period.end.isoformat() if period and period.end else None,
        approval.body if approval else None,
        approval.by_board if approval else None,
        approval.date.iso if approval and approval.date else None,
        signer.name if signer else None,
        signer.role if signer else None,
        signer.is_director if signer else None,
        signer.date.iso if signer and signer.date else None,
    )


@pytest.mark.parametrize("name", list(STATEMENTS))
def test_invented_statements_give_their_known_metadata(name: str, finder: MetadataFinder) -> None:
    text, expected = STATEMENTS[name]
    assert fields(metadata_of(text, finder)) == expected


def test_identifiers_organisation_and_counts(finder: MetadataFinder) -> None:
    metadata = metadata_of(STATEMENTS["on-behalf-cfo"][0], finder)
    assert [(i.scheme, i.value) for i in metadata.identifiers] == [("au_abn", "12345678901")]
    assert metadata.organisation == "Corvid Analytics Pty Ltd"
    assert metadata.word_count == 51 and metadata.page_count is None
    assert metadata.language == "en"
    assert metadata_of(STATEMENTS["no-period-no-approval"][0], finder).language is None  # short


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("This statement is made by Harbour & Wren Holdings plc under section 54.",
         "Harbour & Wren Holdings plc"),
        ("Fenwick and Oaksley Group plc is a building materials supplier.",
         "Fenwick and Oaksley Group plc"),
        # "and" joins a name only before a capital: here it joins the sentence's words.
        ("We and our supplier Quayfold Cartons Ltd agreed new terms.", "Quayfold Cartons Ltd"),
        # nor does it join words to a lone company suffix
        ("Human Rights and Corporation Tax at Quayfold Cartons Ltd", "Quayfold Cartons Ltd"),
    ],
)  # fmt: skip
def test_a_name_joined_by_and_is_kept_whole(sentence: str, name: str) -> None:
    assert find_organisation([Sentence(0, sentence, 0, len(sentence))]) == name


def test_the_statement_date_when_the_statement_gives_one(finder: MetadataFinder) -> None:
    text = "Dated: 3 July 2025\n\n" + STATEMENTS["uk-board-ceo"][0]
    stated = metadata_of(text, finder).statement_date
    assert stated is not None and stated.value == date(2025, 7, 3)
    assert metadata_of(STATEMENTS["uk-board-ceo"][0], finder).statement_date is None


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("northwind-components-2025.pdf", ("2024-04-01", "2025-03-31", "Board of Directors",
         True, "2025-06-12", "Rosalind Quarrington", "Chief Executive Officer and Director",
         True, "2025-06-12")),
        ("northwind-components-2024.txt", ("2023-04-01", "2024-03-31", "Executive Committee",
         False, "2024-09-26", "Imogen Tallis", "Company Secretary", False, "2024-09-26")),
        ("harbour-logistics-no-steps.txt", ("2024-01-01", "2024-12-31", "board of directors",
         True, "2025-03-20", "Tobias Wrenfield-Marsh", "Director", True, "2025-03-20")),
        ("brightwave-retail.html", (None,) * 9),
    ],
)  # fmt: skip
def test_the_samples_give_what_they_state(
    sample: str, expected: tuple[object, ...], finder: MetadataFinder
) -> None:
    document = extract_document(read_file(str(SAMPLES / sample), MAX_BYTES))
    metadata = finder.find(parse_document(document, load_pipeline()))
    assert fields(metadata) == expected
    if sample.startswith("northwind"):
        assert [i.value for i in metadata.identifiers] == ["09999901"]
        assert metadata.organisation == "Northwind Components Ltd"
        assert metadata.language == "en"


def test_a_pipeline_with_entities_names_people_the_patterns_cannot(tmp_path: Path) -> None:
    """ "Ana de la Cruz" has lower-case words in it: only a PERSON entity gives the whole name."""
    text = (
        "Signed by Ana de la Cruz, Managing Director, 2 May 2025\n\n"
        "Ribbonfield Textiles is a family business in Leicester.\n"
    )
    blank = MetadataFinder(load_pipeline())
    assert [s.name for s in metadata_of(text, blank).signatories] != ["Ana de la Cruz"]

    saved = spacy.blank("en")
    ruler = saved.add_pipe("entity_ruler")
    ruler.add_patterns(  # type: ignore[attr-defined]
        [
            {"label": "PERSON", "pattern": "Ana de la Cruz"},
            {"label": "ORG", "pattern": "Ribbonfield Textiles"},
        ]
    )
    saved.to_disk(tmp_path / "with_entities")
    model = str(tmp_path / "with_entities")
    with_entities = MetadataFinder(load_pipeline(model))
    metadata = metadata_of(text, with_entities, model)
    assert [(s.name, s.role, s.is_director) for s in metadata.signatories] == [
        ("Ana de la Cruz", "Managing Director", True)
    ]
    assert metadata.organisation == "Ribbonfield Textiles"  # no "Ltd": from the ORG entity


def test_a_signature_block_split_over_lines_gives_name_role_and_date(
    finder: MetadataFinder,
) -> None:
    # As PDF text gives it: every part of each block on a line of its own.
    text = (
        "Modern Slavery Statement 2024\n\nWe audit our suppliers every year.\n\n"
        "Signature:\n\nAmara Quill\n\nOperations and Logistics Director\n\n"
        "Tern Valley Freight Ltd\n\nDate: 14.05.2025\n\n"
        "Signature:\n\nBasil Orrin\n\nHead of Procurement\n\nDate: 15.05.2025\n"
    )
    first, second = metadata_of(text, finder).signatories
    assert (first.name, first.role, first.is_director) == (
        "Amara Quill",
        "Operations and Logistics Director",
        True,
    )
    assert first.date is not None and first.date.value == date(2025, 5, 14)
    # A head of procurement signs, but is no director: the signature is not a director's.
    assert (second.name, second.role, second.is_director) == (
        "Basil Orrin",
        "Head of Procurement",
        False,
    )
    assert second.date is not None and second.date.value == date(2025, 5, 15)


def test_an_approval_broken_over_short_lines_is_read_whole(finder: MetadataFinder) -> None:
    text = (
        "Modern Slavery Statement 2024\n\nThis statement was approved by\n\n"
        "the Board of Directors of\n\nTern Valley Freight Ltd\n\non 14 May 2025\n"
    )
    approval = metadata_of(text, finder).approval
    assert approval is not None and approval.by_board
    assert approval.date is not None and approval.date.value == date(2025, 5, 14)


def test_bodies_and_roles_matched_by_token_pattern_later_in_a_block(finder: MetadataFinder) -> None:
    """spaCy's Matcher gives offsets within the sentence it is called on, the PhraseMatcher
    within the Doc: when each sentence was matched on its own, a "Compliance Committee" or
    "Head of Procurement" in a block's second sentence came out as the words at the start."""
    text = (
        "Our approach is set out below. This statement was approved by the Audit and "
        "Compliance Committee on 4 May 2024. Signed by Ann Lee, Head of Procurement.\n"
    )
    metadata = metadata_of(text, finder)
    assert metadata.approval is not None
    assert metadata.approval.body == "Compliance Committee"
    assert [(s.name, s.role) for s in metadata.signatories] == [("Ann Lee", "Head of Procurement")]
