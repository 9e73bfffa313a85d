"""One statement end to end: fetch -> extract -> parse -> analyse -> Report.

`Checker` holds what is costly to build (the spaCy pipeline, compiled rule sets) so a
batch builds it once and checks many statements; `check` is the one-call Python API.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import BinaryIO

from spacy.language import Language

from msa_check import __version__
from msa_check.analyse import analyse_document, no_statement_results
from msa_check.check_options import CheckOptions
from msa_check.defaults import DEFAULT_MODEL
from msa_check.errors import DEFAULT_MAX_CHARS
from msa_check.extract import DEFAULT_PDF_ENGINE, PdfEngine, extract_document
from msa_check.fetch import Fetcher, FetchOptions, LocatedStatement, locate_statement
from msa_check.metadata.finder import MetadataFinder
from msa_check.metadata.flags import NOT_ENGLISH, statement_flags
from msa_check.models import (
    Alert,
    ContentKind,
    Discovery,
    Document,
    DocumentSummary,
    FetchedSource,
    Recognition,
    Report,
    RuleSetResult,
    StatementMetadata,
)
from msa_check.nlp import ParsedDocument, load_pipeline, parse_document
from msa_check.recognition import recognise_statement
from msa_check.rules.catalogue import choose_rule_sets, split_names
from msa_check.rules.loading import DEFAULT_RULE_SET, load_rule_set
from msa_check.rules.matching import RuleSetMatcher
from msa_check.rules.schema import RuleSet


def load_rule_sets(names: Iterable[str]) -> tuple[RuleSet, ...]:
    """Load rule sets by name or path; `["a,b", "c"]` names three. None named: the default."""
    return tuple(load_rule_set(name) for name in split_names(list(names)) or (DEFAULT_RULE_SET,))


class Checker:
    """Checks statements against rule sets with one spaCy pipeline."""

    def __init__(
        self,
        rule_sets: Sequence[RuleSet],
        nlp: Language,
        *,
        classifier_model: str | None = None,
        ocr: bool = False,
        max_chars: int = DEFAULT_MAX_CHARS,
        pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE,
        treat_as_statement: bool = False,
    ) -> None:
        self.rule_sets = tuple(rule_sets)
        # Report a document as a statement even when recognition says it is not one (the
        # recognition is still reported, marked overridden).
        self.treat_as_statement = treat_as_statement
        self.max_chars = max_chars  # refuse a statement with more extracted text
        self.nlp = nlp
        self.ocr = ocr  # read scanned PDFs by OCR (the `ocr` extra and tesseract)
        self.pdf_engine = pdf_engine
        self.matchers = tuple(
            RuleSetMatcher(rule_set, nlp, classifier_model=classifier_model)
            for rule_set in rule_sets
        )
        self.metadata = MetadataFinder(nlp)

    @classmethod
    def from_options(cls, options: CheckOptions) -> Checker:
        """The Checker `options` describe: its rule sets (as `msa-check check` chooses them
        when none are named) and spaCy pipeline loaded, in that order, so a mistyped rule
        name is reported before a model is loaded."""
        return cls(
            load_rule_sets(choose_rule_sets(options.rules).names),
            load_pipeline(options.model),
            classifier_model=options.classifier_model,
            ocr=options.ocr,
            max_chars=options.max_chars,
            pdf_engine=options.pdf_engine,
            treat_as_statement=options.treat_as_statement,
        )

    def check_source(
        self,
        location: str,
        fetch_options: FetchOptions | None = None,
        *,
        max_pages: int | None = None,
        stdin: BinaryIO | None = None,
        discover: bool = True,
        fetcher: Fetcher | None = None,
        homepage: str | None = None,
    ) -> Report:
        """Fetch (finding the statement from a homepage if need be), extract, analyse.

        `homepage` names the organisation's homepage, where the statement's link is
        checked, when the statement is not on the organisation's own site."""
        located = locate_statement(
            location,
            fetch_options or FetchOptions(),
            stdin,
            discover=discover,
            fetcher=fetcher,
            homepage=homepage,
        )
        return self.check_located(located, max_pages=max_pages)[0]

    def check_located(
        self, located: LocatedStatement, *, max_pages: int | None = None
    ) -> tuple[Report, tuple[str, ...]]:
        """The Report of a located statement, with what locating it noted among its
        warnings, and the text of every sentence read (none when no statement was read),
        which `compare` needs to measure what was carried over."""
        report, sentences = self._check_fetched(
            located.source, max_pages=max_pages, discovery=located.discovery
        )
        if not located.notes:
            return report, sentences
        document = replace(report.document, warnings=(*report.document.warnings, *located.notes))
        return replace(report, document=document), sentences

    def check_fetched(
        self,
        fetched: FetchedSource,
        *,
        max_pages: int | None = None,
        discovery: Discovery | None = None,
    ) -> Report:
        """The Report of fetched bytes; when `discovery` found no statement, `fetched` is the
        homepage and the Report says so (status no_statement_found) without reading it."""
        return self._check_fetched(fetched, max_pages=max_pages, discovery=discovery)[0]

    def _check_fetched(
        self, fetched: FetchedSource, *, max_pages: int | None, discovery: Discovery | None
    ) -> tuple[Report, tuple[str, ...]]:
        if discovery is not None and not discovery.statement_found:
            return self.no_statement_report(fetched, discovery), ()
        document = extract_document(
            fetched,
            max_pages=max_pages,
            ocr=self.ocr,
            max_chars=self.max_chars,
            pdf_engine=self.pdf_engine,
        )
        parsed = parse_document(document, self.nlp)
        report = self.check_parsed(fetched, parsed, discovery=discovery)
        if discovery is not None and discovery.in_reserve and not report.is_statement:
            # Discovery took this page only because nothing better was found; the whole
            # check says it is not a statement, so the homepage leads to none.
            return self.no_statement_report(fetched, rejected_in_reserve(discovery, report)), ()
        return report, tuple(sentence.text for sentence in parsed.document.sentences)

    def check_document(
        self,
        fetched: FetchedSource,
        document: Document,
        *,
        discovery: Discovery | None = None,
        today: date | None = None,
    ) -> Report:
        return self.check_parsed(
            fetched, parse_document(document, self.nlp), discovery=discovery, today=today
        )

    def check_parsed(
        self,
        fetched: FetchedSource,
        parsed: ParsedDocument,
        *,
        discovery: Discovery | None = None,
        today: date | None = None,
    ) -> Report:
        """The Report of a parsed statement; flags such as `stale` are as of `today`."""
        results = analyse_document(parsed, self.matchers, discovery)
        return build_report(
            fetched,
            parsed,
            results,
            self.metadata.find(parsed),
            self.recognise(parsed, results),
            discovery=discovery,
            today=today,
        )

    def recognise(self, parsed: ParsedDocument, results: Sequence[RuleSetResult]) -> Recognition:
        """Is it a statement at all (recognition.py), marked overridden when this Checker
        treats every document as a statement."""
        document = parsed.document
        recognition = recognise_statement(
            document.text,
            results,
            document.title,
            [sentence.text for sentence in document.sentences],
            _score_sentences,
            document.links,
        )
        if self.treat_as_statement and not recognition.is_statement:
            recognition = replace(recognition, overridden=True)
        return recognition

    def no_statement_report(self, homepage: FetchedSource, discovery: Discovery) -> Report:
        """What can be reported when the homepage leads to no statement: the homepage, the
        links examined (in `discovery`), the homepage criteria `missing`, the rest not
        checked. A finding about the supplier, not a failure to read (issue 17 item 6)."""
        return Report(
            source=homepage,
            document=DocumentSummary(
                kind=ContentKind.HTML, title=None, page_count=None, word_count=0, sentence_count=0
            ),
            results=no_statement_results(self.matchers, discovery),
            tool_version=__version__,
            discovery=discovery,
        )


def build_report(
    fetched: FetchedSource,
    parsed: ParsedDocument,
    results: tuple[RuleSetResult, ...],
    metadata: StatementMetadata,
    recognition: Recognition,
    *,
    discovery: Discovery | None = None,
    today: date | None = None,
) -> Report:
    """The Report from what each stage found: the criteria's alerts (each once), the
    statement's flags as of `today`, and the summary of the document.

    A document that is not a statement (and not treated as one) is given only the flag
    that may explain why (`not_english`: the rules read English): "does not say which
    financial year it covers" is a finding about a statement, not about a recipe. Nor does
    it get calibrated probabilities: they were fitted on statements, and on a recipe they
    are only the base rate, which a reader would take for a finding."""
    alerts = _unique(tuple(alert for r in results for c in r.criteria for alert in c.alerts))
    flags = statement_flags(metadata, alerts, today or date.today())
    if not (recognition.is_statement or recognition.overridden):
        flags = tuple(flag for flag in flags if flag.id == NOT_ENGLISH)
        results = tuple(_without_probabilities(result) for result in results)
    return Report(
        source=fetched,
        document=summarise(parsed),
        results=results,
        tool_version=__version__,
        alerts=alerts,
        discovery=discovery,
        metadata=metadata,
        flags=flags,
        recognition=recognition,
    )


def _without_probabilities(result: RuleSetResult) -> RuleSetResult:
    criteria = tuple(
        replace(c, probability=None, probability_basis=NOT_FOR_A_NON_STATEMENT)
        for c in result.criteria
    )
    return replace(result, criteria=criteria)


NOT_FOR_A_NON_STATEMENT = "not given: the document is not a modern slavery statement"


def _score_sentences(sentences: Sequence[str]) -> list[dict[str, float]]:
    """The bundled classifier's scores, loaded only when recognition consults it."""
    from msa_check.classifier.model import load_classifier

    return load_classifier().score(sentences)


def rejected_in_reserve(discovery: Discovery, report: Report) -> Discovery:
    """`discovery` once the page it kept in reserve is found not to be a statement."""
    assert report.recognition is not None
    recognition = report.recognition
    outcome = (
        f"rejected after analysis: not a statement (score {recognition.score}, a statement"
        f" needs {recognition.needed}: {'; '.join(recognition.reasons) or 'no signal'})"
    )
    examined = tuple(
        replace(link, outcome=outcome) if link.url == discovery.statement_url else link
        for link in discovery.examined
    )
    note = f"{discovery.statement_url} was analysed and is not a statement"
    return replace(
        discovery,
        statement_url=None,
        path=(discovery.homepage,),
        homepage_links=(),
        examined=examined,
        notes=(*discovery.notes, note),
        in_reserve=False,
    )


def summarise(parsed: ParsedDocument) -> DocumentSummary:
    document = parsed.document
    return DocumentSummary(
        kind=document.kind,
        title=document.title,
        page_count=document.page_count,
        word_count=document.word_count,
        sentence_count=len(document.sentences),
        warnings=document.warnings,
    )


def _unique(alerts: tuple[Alert, ...]) -> tuple[Alert, ...]:
    return tuple({alert.id: alert for alert in alerts}.values())


def check(
    source: str,
    rules: str | Sequence[str] = DEFAULT_RULE_SET,
    *,
    model: str = DEFAULT_MODEL,
    fetch_options: FetchOptions | None = None,
    max_pages: int | None = None,
    discover: bool = True,
    classifier_model: str | None = None,
    ocr: bool = False,
    pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE,
    treat_as_statement: bool = False,
) -> Report:
    """Check one statement (URL, path or "-") and return its Report.

    Raises a subclass of msa_check.errors.MsaCheckError when the rules, the model or the
    source cannot be used.
    """
    names = [rules] if isinstance(rules, str) else list(rules)
    checker = Checker(
        load_rule_sets(names),
        load_pipeline(model),
        classifier_model=classifier_model,
        ocr=ocr,
        pdf_engine=pdf_engine,
        treat_as_statement=treat_as_statement,
    )
    return checker.check_source(source, fetch_options, max_pages=max_pages, discover=discover)
