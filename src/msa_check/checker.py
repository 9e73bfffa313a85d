"""One statement end to end: fetch -> extract -> parse -> analyse -> Report.

`Checker` holds what is costly to build (the spaCy pipeline, compiled rule sets) so a
batch builds it once and checks many statements; `check` is the one-call Python API. The
Report itself is put together, without I/O, in assemble.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import BinaryIO

from spacy.language import Language

from msa_check import __version__
from msa_check.analyse import analyse_document, no_statement_results
from msa_check.assemble import build_report, rejected_in_reserve
from msa_check.check_options import CheckOptions
from msa_check.defaults import DEFAULT_MODEL
from msa_check.errors import DEFAULT_MAX_CHARS
from msa_check.extract import DEFAULT_PDF_ENGINE, PdfEngine, extract_document
from msa_check.fetch import Fetcher, FetchOptions, LocatedStatement, locate_statement
from msa_check.metadata.finder import MetadataFinder
from msa_check.models import (
    ContentKind,
    Discovery,
    Document,
    DocumentSummary,
    FetchedSource,
    Recognition,
    Report,
    RuleSetResult,
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


def _score_sentences(sentences: Sequence[str]) -> list[dict[str, float]]:
    """The bundled classifier's scores, loaded only when recognition consults it."""
    from msa_check.classifier.model import load_classifier

    return load_classifier().score(sentences)


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
