"""Compile rule sets into spaCy matchers and find, per sentence, what each rule matches.

All phrases of all criteria go into one PhraseMatcher on lower-case text and one on
lemmas, and all token patterns into one Matcher, so a document is scanned once per
matcher however many criteria there are. Regexes and heading words are checked per
sentence; a regex is only searched in a sentence that contains the literal text it
cannot match without (rules/literals.py), and the token Matcher only runs on a block
that has the words one of its patterns needs (rules/token_cues.py): both skip most of
the work and change no result. A hit records which part of which rule matched, for the
evidence trail (rules/hits.py); the per-sentence checks are in rules/text_hits.py and what a
token match quotes in rules/token_spans.py.

A user's regex can backtrack for minutes on one sentence (`(a+)+$` on 24 letters takes
seconds with `re`), so rule regexes run on the `regex` module with a time limit per
search; a search that runs out of time is skipped and recorded under the role
"timeout", which the report shows as a note on the criterion. REGEX predicates of token
patterns, which spaCy would run on `re`, get the same limit (token_regex.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import regex
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher

from msa_check.nlp import ParsedBlock, ParsedDocument
from msa_check.rules import token_regex
from msa_check.rules.hits import TIMEOUT_ROLE, Hit, Hits, sentence_rule_hits
from msa_check.rules.literals import required_literals
from msa_check.rules.near import NearTerms, Target
from msa_check.rules.schema import ClassifierSignal, MatchSpec, RuleSet
from msa_check.rules.text_hits import CompiledRegex, heading_hits, regex_hits
from msa_check.rules.token_cues import TokenCues
from msa_check.rules.token_regex import (
    TokenRegex,
    timed_out_searches,
    without_token_regexes,
)
from msa_check.rules.token_spans import near_hit, sentence_of_token, text_of


@dataclass
class _Compiled:
    """The matchers of one rule set, and what each matcher key stands for."""

    lower: PhraseMatcher
    lemma: PhraseMatcher
    tokens: Matcher
    token_cues: TokenCues
    keys: dict[int, tuple[Target, str]] = field(default_factory=dict)  # key -> (target, kind)
    near: NearTerms = field(default_factory=NearTerms)
    regexes: list[CompiledRegex] = field(default_factory=list)
    # token extension name -> the targets whose token patterns search with it
    token_regexes: dict[str, list[tuple[Target, TokenRegex]]] = field(default_factory=dict)
    signals: list[tuple[Target, ClassifierSignal]] = field(default_factory=list)
    headings: list[tuple[Target, tuple[str, ...]]] = field(default_factory=list)
    scopes: dict[str, tuple[str, ...]] = field(default_factory=dict)


class RuleSetMatcher:
    """A rule set compiled for one spaCy pipeline; reusable across documents."""

    def __init__(
        self, rule_set: RuleSet, nlp: Language, *, classifier_model: str | None = None
    ) -> None:
        self.rule_set = rule_set
        self._nlp = nlp
        # Replaces the model every classifier signal names: to measure a model trained
        # on other data with the same rules.
        self._classifier_model = classifier_model
        # Rule sets a classifier reading rule hits was trained with, compiled once.
        self._hit_matchers: dict[str, RuleSetMatcher] = {}
        self._c = _Compiled(
            lower=PhraseMatcher(nlp.vocab, attr="LOWER"),
            lemma=PhraseMatcher(nlp.vocab, attr="LEMMA"),
            tokens=Matcher(nlp.vocab),
            token_cues=TokenCues(),
        )
        for criterion in rule_set.criteria:
            self._add((criterion.id, "match"), criterion.match)
            self._add((criterion.id, "exclude"), criterion.exclude)
            self._add((criterion.id, "also"), criterion.also)
            for alert in criterion.alerts:
                self._add((criterion.id, f"alert:{alert.id}"), alert.match)
            for qualifier in criterion.qualifiers:
                self._add((criterion.id, f"qualifier:{qualifier.id}"), qualifier.match)
            if criterion.scope_headings:
                self._c.scopes[criterion.id] = tuple(h.lower() for h in criterion.scope_headings)

    def _key(self, target: Target, kind: str) -> str:
        name = f"{target[0]}|{target[1]}|{kind}"
        self._c.keys[self._nlp.vocab.strings.add(name)] = (target, kind)
        return name

    def _add(self, target: Target, spec: MatchSpec) -> None:
        c = self._c
        if spec.phrases:
            c.lower.add(self._key(target, "phrase"), [self._nlp.make_doc(p) for p in spec.phrases])
        if spec.lemmas:
            c.lemma.add(self._key(target, "lemma"), list(self._nlp.pipe(spec.lemmas)))
        for index, pattern in enumerate(spec.patterns):
            timed, tests = without_token_regexes(pattern)
            c.tokens.add(self._key(target, f"pattern {index + 1}"), [timed])
            c.token_cues.add([pattern])
            for test in tests:
                c.token_regexes.setdefault(test.name, []).append((target, test))
        for index, near in enumerate(spec.near):
            keys = []
            for side, terms in (("a", near.a), ("b", near.b)):
                name = f"{target[0]}|{target[1]}|near{index}{side}"
                keys.append(self._nlp.vocab.strings.add(name))
                c.lemma.add(name, list(self._nlp.pipe(terms)))
            c.near.add(target, index, near, *keys)
        for expression in spec.regex:
            compiled = regex.compile(expression, regex.IGNORECASE)
            c.regexes.append((target, compiled, required_literals(expression)))
        if spec.headings:
            c.headings.append((target, tuple(h.lower() for h in spec.headings)))
        c.signals.extend((target, signal) for signal in spec.classifier)

    def find_hits(self, parsed: ParsedDocument) -> Hits:
        """Every hit of every rule in the document, by target and sentence."""
        hits = self.rule_hits(parsed)
        if self._c.signals:
            self._classifier_hits(parsed, hits)
        return self._scoped(parsed, hits)

    def rule_hits(self, parsed: ParsedDocument) -> Hits:
        """The hits of every rule part but the classifier's, before scoping to headings:
        what a classifier that reads the rule engine's hits is given."""
        hits: Hits = defaultdict(lambda: defaultdict(list))
        # One document: a token REGEX that runs out of time once is not tried again in it.
        # Where the token patterns may match, for all blocks at once (numpy over them all).
        to_scan = self._c.token_cues.blocks_to_scan(parsed.blocks)
        with timed_out_searches() as timed_out:
            reported: set[str] = set()
            for block, ranges in zip(parsed.blocks, to_scan, strict=True):
                sentence_of = sentence_of_token(
                    block.doc, block.sentence_spans, block.first_sentence
                )
                self._token_hits(block, sentence_of, ranges, hits)
                for name in timed_out.keys() - reported:
                    reported.add(name)
                    sentence = sentence_of[timed_out[name]]
                    self._token_regex_timeout(name, max(sentence, block.first_sentence), hits)
        self._text_hits(parsed, hits)
        return hits

    def _token_regex_timeout(self, name: str, sentence: int, hits: Hits) -> None:
        for target, test in self._c.token_regexes.get(name, []):
            timed_out = Hit(
                f"token pattern REGEX {test.expression[:80]!r} took over"
                f" {token_regex.REGEX_TIMEOUT_SECONDS:g} s on sentence {sentence + 1}"
                " and was skipped there and in the rest of the statement",
                0.0,
            )
            hits[(target[0], TIMEOUT_ROLE)][sentence].append(timed_out)

    def _classifier_hits(self, parsed: ParsedDocument, hits: Hits) -> None:
        # Imported here: only rule sets that use the classifier pay for loading it.
        from msa_check.classifier.linear import LinearSentenceClassifier, ScoredDocument
        from msa_check.classifier.model import load_classifier

        texts = [sentence.text for sentence in parsed.document.sentences]
        # Every model reads the document before any of its hits is added: a model that
        # reads the rule hits must see the rules' alone.
        found_by: dict[str, list[frozenset[str]]] = {}
        by_model: dict[str, tuple[list[dict[str, float]], ScoredDocument | None]] = {}
        for model in dict.fromkeys(self._classifier_model or s.model for _, s in self._c.signals):
            classifier = load_classifier(model)
            if isinstance(classifier, LinearSentenceClassifier):
                rule_hits = None
                if classifier.indicators is not None and classifier.reads_rule_hits:
                    trained_with = classifier.indicators.rule_set or self.rule_set.id
                    rule_hits = self._hits_of(trained_with, parsed, hits, found_by)
                document = classifier.read(texts, rule_hits)
                by_model[model] = (document.scores(), document)
            else:
                by_model[model] = (classifier.score(texts), None)
        for target, signal in self._c.signals:
            scored, read = by_model[self._classifier_model or signal.model]
            for index, scores in enumerate(scored):
                value = scores.get(signal.label, 0.0)
                if signal.fires(value):
                    description = f"classifier {signal.label} {value:.2f} ({signal.condition})"
                    # A match names the n-grams that pushed its score; a veto (which fires on
                    # most sentences, and decides only where a rule matched) names its score.
                    if read is not None and signal.below is None:
                        pushes = read.explain(index, signal.label)
                        description += f": {', '.join(p.describe() for p in pushes)}"
                    hits[target][index].append(Hit(description))

    def _hits_of(
        self,
        rule_set: str,
        parsed: ParsedDocument,
        hits: Hits,
        found_by: dict[str, list[frozenset[str]]],
    ) -> list[frozenset[str]]:
        """Per sentence, the rule hits of the rule set a classifier was trained with: this
        one's `hits`, or another's, found for it once (a model's features must be those it
        learnt)."""
        if rule_set not in found_by:
            count = len(parsed.document.sentences)
            if rule_set == self.rule_set.id:
                found_by[rule_set] = sentence_rule_hits(hits, count)
            else:
                from msa_check.rules.loading import load_rule_set

                other = self._hit_matchers.get(rule_set)
                if other is None:
                    other = self._hit_matchers[rule_set] = RuleSetMatcher(
                        load_rule_set(rule_set), self._nlp
                    )
                found_by[rule_set] = sentence_rule_hits(other.rule_hits(parsed), count)
        return found_by[rule_set]

    def _token_hits(
        self,
        block: ParsedBlock,
        sentence_of: list[int],
        ranges: list[tuple[int, int]] | None,
        hits: Hits,
    ) -> None:
        c = self._c
        doc = block.doc
        near_sides = c.near.sides
        # The near terms' matches, most of this loop's few hundred a document, are set
        # aside for NearTerms to pair, which drops first those that cannot.
        near_found: list[tuple[int, int, int]] = []
        # An empty matcher warns on every call (spaCy W036), so only run those with rules.
        matches = [
            match for matcher in (c.lower, c.lemma) if len(matcher) for match in matcher(doc)
        ]
        matches += self._token_pattern_matches(block, ranges)
        for match in matches:
            key, start, end = match
            if key in near_sides:
                near_found.append(match)
                continue
            sentence = sentence_of[start]
            if sentence < 0 or sentence != sentence_of[end - 1]:
                continue  # a match across sentences (or in a dropped fragment) is no evidence
            target, kind = c.keys[key]
            hits[target][sentence].append(Hit(f'{kind} "{text_of(block, start, end)}"'))
        if near_found:
            for candidate in c.near.candidates(near_found, sentence_of):
                hit = near_hit(block, candidate)
                if hit:
                    hits[candidate.target][candidate.sentence].append(hit)

    def _token_pattern_matches(
        self, block: ParsedBlock, ranges: list[tuple[int, int]] | None
    ) -> list[tuple[int, int, int]]:
        """The token Matcher's matches, found only in `ranges`: the sentences that have its
        cue words (None: anywhere in the block)."""
        tokens = self._c.tokens
        if ranges is None:
            return list(tokens(block.doc))
        doc = block.doc
        return [
            (key, start + first, end + first)
            for first, last in ranges
            for key, start, end in tokens(doc[first:last])
        ]

    def _text_hits(self, parsed: ParsedDocument, hits: Hits) -> None:
        sentences = parsed.document.sentences
        if self._c.regexes:
            regex_hits(self._c.regexes, sentences, hits)
        if self._c.headings:
            heading_hits(self._c.headings, sentences, hits)

    def _scoped(self, parsed: ParsedDocument, hits: Hits) -> Hits:
        """Drop hits of criteria scoped to headings that fall outside those headings."""
        sentences = parsed.document.sentences
        for (criterion_id, role), by_sentence in hits.items():
            scope = self._c.scopes.get(criterion_id)
            if not scope or role in ("exclude", TIMEOUT_ROLE):
                continue
            for index in list(by_sentence):
                title = (sentences[index].section or "").lower()
                if not any(word in title for word in scope):
                    del by_sentence[index]
        return hits
