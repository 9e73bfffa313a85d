"""Is this a modern slavery statement at all? (issue 14 item 6): the verdict, its reasons
in every format, the overall status and exit code 5."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from msa_check import recognition_wording as wording
from msa_check.cli import app
from msa_check.errors import STATUS_EXIT_CODES, ExitCode
from msa_check.models import OverallStatus, Recognition, StatementSignal
from msa_check.recognition import (
    NEEDED,
    recognise_statement,
    recognise_wording,
    scan_each_pattern,
    scan_wording,
)
from msa_check.recognition_registry import listed_statement_link

BENCHMARKS = Path(__file__).parents[1] / "benchmarks"
NONSTATEMENTS = BENCHMARKS / "nonstatements" / "dev"
GENRES = BENCHMARKS / "nonstatements" / "held_out_genre"
WRITTEN_STATEMENTS = BENCHMARKS / "statements" / "held_out_genre"
REGISTRY_PAGE = NONSTATEMENTS / "registry-listing-page.txt"
REGISTRY_STATEMENTS = BENCHMARKS / "statements" / "held_out_registry"
runner = CliRunner()

# Written for this test: a short statement of an invented company, weak but real.
SHORT_STATEMENT = """Pellworth Joinery Ltd: Modern Slavery Statement 2025

This statement is made under section 54 of the Modern Slavery Act 2015 and sets out the steps
Pellworth Joinery Ltd has taken during the financial year ending 31 March 2025 to ensure that
slavery and human trafficking is not taking place in its business or supply chains.
We buy timber from two UK merchants and check that both hold FSC certification. Our staff
handbook tells employees how to report concerns about forced labour.
This statement was approved by the board of directors on 2 June 2025.
Signed: Olwen Pellworth, Director
"""


def check(path: Path, *options: str) -> tuple[int, str]:
    result = runner.invoke(app, ["check", str(path), *options])
    return result.exit_code, result.stdout


@pytest.mark.parametrize(
    "name", ["recipe-victoria-sponge.txt", "privacy-notice.txt", "supplier-code-of-conduct.txt"]
)
def test_a_recipe_a_privacy_notice_and_a_code_of_conduct_are_not_statements(name: str) -> None:
    code, out = check(NONSTATEMENTS / name, "--format", "json")
    report = json.loads(out)
    assert code == ExitCode.NOT_A_STATEMENT == 5
    assert report["status"] == "not_a_statement"
    recognition = report["recognition"]
    assert recognition["is_statement"] is False
    assert recognition["score"] < recognition["needed"] == NEEDED
    assert report["questions"] == []  # "your statement does not say ..." would be nonsense


def test_a_short_invented_statement_is_a_statement(tmp_path: Path) -> None:
    path = tmp_path / "pellworth.txt"
    path.write_text(SHORT_STATEMENT, encoding="utf-8")
    code, out = check(path, "--format", "json")
    report = json.loads(out)
    assert report["recognition"]["is_statement"] is True
    assert report["status"] != "not_a_statement"
    assert code != ExitCode.NOT_A_STATEMENT


def test_every_format_says_why_and_is_never_green() -> None:
    path = NONSTATEMENTS / "recipe-victoria-sponge.txt"
    _, console = check(path)
    assert "Not a modern slavery statement" in console
    assert "Is this a modern slavery statement? No" in console
    assert "mentions slavery, trafficking, forced or child labour" in console
    assert "Questions for the supplier" not in console
    _, markdown = check(path, "--format", "markdown")
    assert "## Is this a modern slavery statement? No" in markdown
    _, html = check(path, "--format", "html")
    assert 'data-status="not_a_statement"' in html
    assert 'class="outcome outcome-unmet"' in html
    assert '<h2 id="recognition">' in html


def test_the_reasons_name_what_was_found_with_quotes() -> None:
    text = (NONSTATEMENTS / "modern-slavery-policy.txt").read_text(encoding="utf-8")
    recognition = recognise_wording(text)
    signals = {s.id: s for s in recognition.signals}
    assert not recognition.is_statement
    assert signals["other_kind"].points < 0 and "this policy" in signals["other_kind"].quotes[0]
    assert signals["named_opening"].points > 0  # it names slavery at the top, yet is a policy
    assert any("calls itself another kind of document" in r for r in recognition.reasons)


def test_a_document_that_never_mentions_slavery_is_not_a_statement_whatever_its_score() -> None:
    text = SHORT_STATEMENT.replace("slavery and human trafficking", "delays").replace(
        "forced labour", "delays"
    )
    text = text.replace("Modern Slavery Statement", "Statement").replace("Modern Slavery", "")
    recognition = recognise_wording(text)
    assert next(s for s in recognition.signals if s.id == "topic").found == "never"
    assert not recognition.is_statement


def test_every_overall_status_has_an_exit_code() -> None:
    assert set(STATUS_EXIT_CODES) == {status.value for status in OverallStatus}
    assert STATUS_EXIT_CODES["meets"] == ExitCode.OK
    assert STATUS_EXIT_CODES["not_a_statement"] == ExitCode.NOT_A_STATEMENT
    assert STATUS_EXIT_CODES["no_statement_found"] == ExitCode.MANDATORY_UNMET
    assert STATUS_EXIT_CODES["stale"] == ExitCode.STALE


# Every alternative of every wording pattern at least once, in several cases and spacings.
EVERY_WORDING = """MODERN SLAVERY STATEMENT. Statement on Modern Slavery; report of trafficking;
the Disclosure about forced labor; declaration on transparency. This annual Statement is
made; this declaration; this Modern Slavery and Human Trafficking report; the Report has
been published. Modern Slavery Act, Section 54, s.54, S 54, s54, S-211, s 211, s211, the
Transparency in Supply Chains Act, Fighting Against Forced Labour, the Supply Chain Act.
Steps we have taken to stop slavery; is NOT taking place; Reporting Entities; servitude,
steps taken against forced labour; prevent and reduce the risks; I attest that; a report on
Forced and Child Labour; the Supply Chains Act Report; child labour statement; declarations
on forced labour; disclosures about slavery;
debt bondage, child labour, forced and child labour. This Policy, this code, these Terms,
this privacy notice statement. She said, he says, a Spokeswoman, a spokesman, according
to the police, as told reporters. You, YOUR, yours; youth, thisness, statemented.
Minutes of the Annual General Meeting; minutes of a meeting; Apologies for absence;
apologies were received; agenda item 4; RESOLVED that; the meeting closed; declarations of
interest; any other business; matters arising; quorate; date of next meeting; the Board is
asked to; Purpose: for approval; paper reference. Abstract; Key words: this paper, et al,
Journal of Ethics, doi 10.1/2. Emissions and net zero; dividends, profit before tax;
remuneration, gender pay; lost-time injuries; tax strategy; governance code, audit
committee; contents; annual report; water, waste, recycling. Keywords: Read our modern slavery
statement; download the latest anti-slavery statement; our statement is published on our
website; the statement is available separately. Submit new statement; submit a new
statement; Legislation: UK; Authenticated by: A. Added on: May 1; Snapshot fetched; browse
statements, browse companies; Our numbers explained; this statement also covers the following
companies; the Modern Slavery Registry, the modern slavery statement registry; Business &
Human Rights Resource Centre; business and human rights resource centre; Statement summary."""


@pytest.mark.parametrize(
    "text",
    [
        EVERY_WORDING,
        SHORT_STATEMENT,
        *(p.read_text(encoding="utf-8") for p in sorted(NONSTATEMENTS.iterdir())),
        *(p.read_text(encoding="utf-8") for p in sorted(GENRES.iterdir())),
        *(p.read_text(encoding="utf-8") for p in sorted(WRITTEN_STATEMENTS.iterdir())),
    ],
)
def test_the_one_pass_scan_finds_what_one_search_per_pattern_finds(text: str) -> None:
    text = " ".join(text.split())
    assert scan_wording(text) == scan_each_pattern(text)


def test_every_wording_pattern_matches_the_text_that_tests_the_one_pass_scan() -> None:
    # So that the comparison above covers each pattern (and each can fail it).
    found = scan_each_pattern(" ".join(EVERY_WORDING.split()))
    assert all(count >= 2 for count, _ in found.values())


def test_a_long_s_is_read_as_an_s_as_one_search_per_pattern_reads_it() -> None:
    text = "We found no \u017flavery, slavery or trafficking in this statement."
    assert scan_wording(text) == scan_each_pattern(text)
    assert next(s for s in recognise_wording(text).signals if s.id == "topic").found == "3 times"


def test_treated_as_a_statement_the_recipe_gets_verdicts_and_the_check_is_still_shown() -> None:
    path = NONSTATEMENTS / "recipe-victoria-sponge.txt"
    code, out = check(path, "--format", "json", "--treat-as-statement")
    report = json.loads(out)
    assert code == ExitCode.MANDATORY_UNMET  # as for its verdicts, not 5
    assert report["status"] == "does_not_meet"
    assert report["recognition"]["is_statement"] is False
    assert report["recognition"]["overridden"] is True
    assert report["questions"]  # made as for a statement
    _, console = check(path, "--treat-as-statement", "--width", "100")
    assert "Is this a modern slavery statement? No (treated as one anyway)" in console
    assert "Overridden: treated as a statement anyway" in " ".join(console.split())
    _, markdown = check(path, "--format", "markdown", "--treat-as-statement")
    assert "## Is this a modern slavery statement? No (treated as one anyway)" in markdown


def test_a_statement_treated_as_one_is_not_marked_overridden() -> None:
    sample = Path("samples/harbour-logistics-no-steps.txt")
    code, out = check(sample, "--format", "json")
    forced_code, forced = check(sample, "--format", "json", "--treat-as-statement")
    report, forced_report = json.loads(out), json.loads(forced)
    assert (forced_code, forced_report["status"]) == (code, report["status"])
    assert forced_report["recognition"] == report["recognition"]
    assert forced_report["recognition"]["overridden"] is False


# Written for this test: a short statement that never names itself or cites the Act, so
# its wording scores one short of NEEDED; the classifier reads its risks and its actions.
UNNAMED_STATEMENT = """Corbridge Tiles Ltd

The main risk of modern slavery in our supply chain is in the quarrying of clay and the
production of glazes in countries where forced labour is common.
We have identified our overseas glaze suppliers as high risk because they rely on migrant
workers recruited through agencies, where trafficking and debt bondage are known risks.
To address these risks, we require all suppliers to sign our supplier code of conduct and
we carry out audits of high risk suppliers.
This statement was approved by the board of directors of Corbridge Tiles Ltd on 3 May 2025.
"""


def test_the_model_is_consulted_only_when_the_score_is_one_short() -> None:
    from msa_check.checker import _score_sentences

    sentences = " ".join(UNNAMED_STATEMENT.split()).split(". ")
    wording = recognise_wording(UNNAMED_STATEMENT)
    assert wording.score == NEEDED - 1 and not wording.is_statement
    recognition = recognise_statement(UNNAMED_STATEMENT, (), None, sentences, _score_sentences)
    model = next(s for s in recognition.signals if s.id == "model")
    assert model.points == 1 and "c3 risks" in model.found and "c4 actions" in model.found
    assert any("audits of high risk suppliers" in quote for quote in model.quotes)
    assert recognition.is_statement
    # A recipe's score is far below: the model is not run, and says so.
    recipe = (NONSTATEMENTS / "recipe-victoria-sponge.txt").read_text(encoding="utf-8")
    unused = recognise_statement(recipe, (), None, ["Cream the butter."], _never_called)
    skipped = next(s for s in unused.signals if s.id == "model")
    assert skipped.found.startswith("not consulted") and skipped.points == 0


def _never_called(sentences: object) -> list[dict[str, float]]:
    raise AssertionError("the model was consulted although it could not change the outcome")


def test_one_kind_of_confident_sentence_does_not_earn_the_model_point() -> None:
    def only_risk(sentences: Sequence[str]) -> list[dict[str, float]]:
        return [{"c3_risk_description": 0.9, "approval": 0.1} for _ in sentences]

    text = UNNAMED_STATEMENT
    recognition = recognise_statement(text, (), None, ["a", "b"], only_risk)
    model = next(s for s in recognition.signals if s.id == "model")
    assert (model.points, model.found) == (0, "1 kind(s): c3 risks 0.90")
    assert not recognition.is_statement


def test_the_opening_words_are_found_as_a_flat_list_of_them_finds_them() -> None:
    # The factored alternation (recognition_wording._alternation) against the plain one.
    words = sorted(wording._PATTERNS_OPENED_BY, key=len, reverse=True)
    after = {word: wording.FOLLOWED_BY.get(word, "") for word in words}
    flat = re.compile(
        r"\b(?:" + "|".join(w + (f"(?={after[w]})" if after[w] else "") for w in words) + r")\b"
    )
    text = " ".join(EVERY_WORDING.split()).lower() + " s sa statements slaveryx a supply s. 54"
    found = [(m.start(), m.group()) for m in wording._OPENING_WORD.finditer(text)]
    assert found == [(m.start(), m.group()) for m in flat.finditer(text)]
    assert len(found) > 100 and (text.index("s. 54"), "s") in found
    assert (text.rindex("supply"), "supply") not in found  # not followed by "chain act"
    assert list(wording.opening_words(text)) == found


# Opening words, pieces of them and what may stand around them: spaces, punctuation,
# letters and digits that would make them part of a longer word, letters outside ASCII.
_OPENING_PIECES = ["modern", "slavery", "statement", "s", "i", "this", "supply", " chains act"]
_AROUND_OPENING_WORDS = st.sampled_from(
    [*_OPENING_PIECES, " attest", " ", "  ", ".", "(", "-", "'", "\u2019", "\u00e9", "x", "9", "_"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_AROUND_OPENING_WORDS, max_size=12).map("".join))
def test_the_opening_words_after_a_non_word_character_are_those_at_word_boundaries(
    text: str,
) -> None:
    found = [(m.start(), m.group()) for m in wording._OPENING_WORD.finditer(text)]
    assert list(wording.opening_words(text)) == found


def _signal(recognition: Recognition, signal_id: str) -> StatementSignal:
    return next(s for s in recognition.signals if s.id == signal_id)


def test_minutes_are_not_a_statement_and_say_which_set_phrases_showed_it() -> None:
    text = (GENRES / "district-council-minutes.txt").read_text(encoding="utf-8")
    recognition = recognise_statement(text, (), None, ["a"], _never_called)
    meeting = _signal(recognition, "meeting")
    assert not recognition.is_statement and meeting.points == -3
    assert meeting.found == "5 kind(s): minutes, apologies, interests, resolved, closed"
    assert any("Apologies for absence" in quote for quote in meeting.quotes)
    # It names the statement, the Act and forced labour, yet the model is not asked.
    assert _signal(recognition, "model").found.startswith(
        "not consulted (it reads as minutes or a meeting paper;"
    )


def test_an_annual_report_page_that_points_to_its_statement_is_not_one() -> None:
    text = (GENRES / "annual-report-sustainability.txt").read_text(encoding="utf-8")
    recognition = recognise_wording(text)
    subjects, elsewhere = (
        _signal(recognition, "other_subjects"),
        _signal(recognition, "points_elsewhere"),
    )
    assert not recognition.is_statement
    assert subjects.points == -2 and "climate" in subjects.found and "finance" in subjects.found
    assert elsewhere.points == -2 and "is published on our website" in elsewhere.quotes[0]


def test_a_statement_that_says_it_is_published_on_the_website_points_nowhere_else() -> None:
    text = SHORT_STATEMENT + "This statement is published on our website.\n"
    recognition = recognise_wording(text)
    assert _signal(recognition, "points_elsewhere").points == 0
    assert recognition.is_statement


def test_statements_in_general_do_not_name_the_document_a_statement() -> None:
    text = (
        "Make modern slavery statements count. A company must publish a modern slavery"
        " statement each year; your modern slavery statement should say more. Slavery,"
        " forced labour and trafficking persist."
    )
    named = _signal(recognise_wording(text), "named")
    assert named.points == 0
    assert named.found == "no (and 2 of statements in general)"
    own = _signal(recognise_wording("Our modern slavery statement. " + text), "named_opening")
    assert own.points == 2 and own.found.startswith("1 time")


def test_a_research_paper_is_not_a_statement() -> None:
    text = (GENRES / "research-abstract.txt").read_text(encoding="utf-8")
    recognition = recognise_statement(text, (), None, ["a"], _never_called)
    research = _signal(recognition, "research")
    assert research.points == -3 and "abstract" in research.found
    assert not recognition.is_statement


@pytest.mark.parametrize("keywords", ["Keywords: forced labour", "Key words:forced labour"])
def test_a_papers_keywords_line_counts_with_or_without_a_space_after_the_colon(
    keywords: str,
) -> None:
    # "Keywords: x" once never matched: the pattern's closing \b needs a letter after ":".
    research = _signal(recognise_wording(keywords + ". We study statements."), "research")
    assert research.found == "1 kind(s): keywords"


@pytest.mark.parametrize("path", sorted(WRITTEN_STATEMENTS.iterdir()), ids=lambda p: p.name)
def test_the_written_statements_of_several_laws_are_statements(path: Path) -> None:
    code, out = check(path, "--format", "json")
    assert json.loads(out)["recognition"]["is_statement"] is True
    assert code != ExitCode.NOT_A_STATEMENT


# Written for this test: a Canadian report that names itself only by the Act's title and
# uses the Act's own wording (its section 11 and the attestation), never "statement".
CANADIAN_REPORT = """Report on Forced and Child Labour in Supply Chains, fiscal year 2024

Orrin Hardware Ltd sells tools in 40 stores in Ontario. This report describes the steps
we took to prevent and reduce the risk that forced labour or child labour is used in the
goods we import. We audited our two largest suppliers in Vietnam and trained our buyers.
I attest that I have reviewed the information contained in the report for the entity above.
Signed: Dana Orrin, President
"""


def test_a_canadian_report_in_the_acts_own_words_is_a_statement() -> None:
    recognition = recognise_wording(CANADIAN_REPORT)
    assert _signal(recognition, "named_opening").points == 2
    assert _signal(recognition, "reporting_wording").found == "2 times"
    assert recognition.is_statement


# Namings with up to five words between their document and topic words, some of those
# words opening words themselves, and the phrases a topic may take.
_NAMING_PIECES = st.sampled_from(
    [
        *("statement", "report", "disclosures", "declaration", "slavery", "modern slavery"),
        *("human trafficking", "forced and child labour", "supply chains act", "this"),
        *("your", "of", "our", "and", "-", "."),
    ]
)


_FAR = "our " * 15  # so that a quote shows where a match starts


@settings(max_examples=400, deadline=None)
@given(st.lists(_NAMING_PIECES, max_size=16).map(" ".join))
@example(_FAR + "statement this this this this this slavery")
@example(_FAR + "forced and child labour this this this this this report")
@example(_FAR + "modern slavery this this this this this statement")
@example("Modern \u2019slavery\u00e9 this our statement")
def test_the_one_pass_scan_finds_the_namings_one_search_finds(text: str) -> None:
    # The scan tries NAMED only where a partner word is close enough (_partner_ahead).
    assert scan_wording(text) == scan_each_pattern(text)


def test_the_document_words_of_a_naming_are_told_from_its_topic_words() -> None:
    # _partner_ahead pairs each opening word of NAMED with one of the other kind.
    documents = wording.DOCUMENT_OPENINGS
    assert documents == {"statement", "report", "disclosure", "disclosures", "declaration"} | {
        "declarations"
    }


def test_a_registry_page_is_not_a_statement_and_says_where_the_statement_is() -> None:
    text = REGISTRY_PAGE.read_text(encoding="utf-8")
    recognition = recognise_statement(text, (), None, ["a"], _never_called)
    registry = _signal(recognition, "registry")
    # It names a statement, the Act and slavery (4 points), yet is the registry's page.
    assert registry.points == -5 and registry.found.startswith("8 kind(s): submit, legislation")
    assert not recognition.is_statement
    link = "https://www.hallowmere-ceramics.co.uk/about/modern-slavery-statement-2023.pdf"
    assert recognition.statement_link == link
    assert _signal(recognition, "model").found.startswith(
        "not consulted (it reads as a statement registry's page about a statement;"
    )
    code, out = check(REGISTRY_PAGE, "--format", "json")
    report = json.loads(out)
    assert code == ExitCode.NOT_A_STATEMENT
    assert report["recognition"]["statement_link"] == link
    _, console = check(REGISTRY_PAGE, "--width", "200")
    headline = " ".join(console.split())
    assert "this is a statement registry's page about one" in headline
    assert "The statement itself is at the address below: check that instead." in headline
    assert link in console.splitlines()


# Written for this test: a statement that says it was submitted to the government's registry
# and where its earlier statements are listed, with the registry's address.
STATEMENT_CITING_THE_REGISTRY = (
    SHORT_STATEMENT
    + """A copy of this statement has been submitted to the UK Government's Modern Slavery
Statement Registry (https://modern-slavery-statement-registry.service.gov.uk/), and our
earlier statements are on the Business & Human Rights Resource Centre's Modern Slavery Registry.
"""
)


def test_a_statement_citing_the_registry_is_still_a_statement() -> None:
    recognition = recognise_wording(STATEMENT_CITING_THE_REGISTRY)
    registry = _signal(recognition, "registry")
    assert registry.points == 0
    assert registry.found == "1 kind(s): registry; 0 of them the page's layout"
    assert recognition.is_statement and recognition.statement_link is None


def test_the_statement_link_is_not_the_registrys_own_address() -> None:
    text = (
        "https://modern-slavery-statement-registry.service.gov.uk/statement-summary/1 and"
        " https://www.business-humanrights.org/en/x then https://www.example.co.uk/\ufb01les/msa.pdf."
    )
    assert listed_statement_link(text) == "https://www.example.co.uk/files/msa.pdf"
    assert listed_statement_link("Link: View the full statement") is None


@pytest.mark.parametrize("path", sorted(REGISTRY_STATEMENTS.iterdir()), ids=lambda p: p.name)
def test_statements_that_cite_a_registry_or_carry_a_summarys_fields_are_statements(
    path: Path,
) -> None:
    recognition = recognise_wording(path.read_text(encoding="utf-8"))
    assert recognition.is_statement and _signal(recognition, "registry").points == 0
