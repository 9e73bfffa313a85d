"""The metadata matchers find what spaCy's Matcher finds with the token patterns they stand
for (names, "Ethics Committee", "Head of Procurement"), held to it over generated runs of
tokens; and the per-block shortcuts give each sentence's own answer."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from msa_check.extract import extract_document
from msa_check.fetch.local import source_from_bytes
from msa_check.metadata.finder import parsed_sentences
from msa_check.metadata.lexicon import (
    BOARD_BODIES,
    NAME_PREFIXES,
    NOT_NAME_WORDS,
    OTHER_BODIES,
    ROLES,
)
from msa_check.metadata.matchers import MetadataMatchers, ParsedSentence, word_count
from msa_check.metadata.names import INITIAL_PATTERN, NAME_WORD_PATTERN, name_shapes
from msa_check.models import Sentence, SourceKind
from msa_check.nlp import load_pipeline, parse_document
from tests.fuzz.settings import EXAMPLES, FUZZ

NLP = load_pipeline()
MATCHERS = MetadataMatchers(NLP)
# Words of every kind the patterns tell apart: name words in three cases, initials,
# titles, the marks, words that are not names, "committee", "head of", odd characters.
WORDS = (
    "Jane", "Doe", "JANE", "O'Neil", "McDonald", "Smith\u2019s", "Élodie", "J.", "J", "A",
    "Dr", "dr.", "Sir", "MR", "Ms.", "-", "(", ")", "Director", "Board", "board", "Ltd",
    "the", "and", "signed", "x", "2025", "Ethics", "committee", "Committee", "COMMITTEE",
    "head", "Head", "HEAD", "of", "Of", "Procurement", "chief", "executive", "officer", "____",
)  # fmt: skip
TOKENS = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14)
# Mostly the parts of names, so that most runs hold several (a title that is no name word,
# "Ms.", before a name is found only as a title).
NAME_PARTS = ("Jane", "Doe", "JANE", "J.", "A", "Dr", "dr.", "Ms.", "-", "(", ")", "the", "Ltd")
NAME_TOKENS = st.lists(st.sampled_from(NAME_PARTS), min_size=1, max_size=14)


def as_doc(words: Sequence[str]) -> Doc:
    return Doc(NLP.vocab, words=list(words))


def the_names_matcher() -> Matcher:
    """The Matcher that metadata/names.py stands for, as it was written."""
    matcher = Matcher(NLP.vocab)
    word = {"TEXT": {"REGEX": NAME_WORD_PATTERN}, "LOWER": {"NOT_IN": sorted(NOT_NAME_WORDS)}}
    initial = {"TEXT": {"REGEX": INITIAL_PATTERN}}
    prefix = {"LOWER": {"IN": list(NAME_PREFIXES)}, "OP": "?"}
    hyphen = {"ORTH": "-"}
    patterns = [
        [prefix, word, word],
        [prefix, word, word, word],
        [prefix, word, word, word, word],
        [prefix, word, initial, word],
        [prefix, word, word, hyphen, word],
        [prefix, initial, word],
        [prefix, word, {"ORTH": "("}, word, {"ORTH": ")"}, word],
    ]
    matcher.add("NAME", patterns)
    return matcher


def the_block_matchers() -> tuple[PhraseMatcher, Matcher]:
    """The phrase matcher and the token Matcher of bodies and roles, as they were written."""
    phrases = PhraseMatcher(NLP.vocab, attr="LOWER")
    for label, words in (("BOARD", BOARD_BODIES), ("OTHER", OTHER_BODIES), ("ROLE", ROLES)):
        phrases.add(label, [NLP.make_doc(phrase) for phrase in words])
    patterns = Matcher(NLP.vocab)
    patterns.add("OTHER", [[{"IS_TITLE": True}, {"LOWER": "committee"}]])
    patterns.add("ROLE", [[{"LOWER": "head"}, {"LOWER": "of"}, {"IS_TITLE": True}]])
    return phrases, patterns


NAMES, (PHRASES, PATTERNS) = the_names_matcher(), the_block_matchers()


@settings(FUZZ, max_examples=max(300, EXAMPLES))  # an example takes a millisecond
@given(words=st.one_of(NAME_TOKENS, TOKENS), data=st.data())
def test_name_shapes_are_the_matchers_matches(words: list[str], data: st.DataObject) -> None:
    doc = as_doc(words)
    start = data.draw(st.integers(0, len(doc) - 1))
    span = doc[start : data.draw(st.integers(start + 1, len(doc)))]
    expected = {(span.start + start, span.start + end) for _, start, end in NAMES(span)}
    assert set(name_shapes(span)) == expected


def test_name_shapes_of_known_names() -> None:
    doc = as_doc(
        ["Signed", "by", "Dr", "J.", "Smith", "and", "Seetarama", "(", "Swamy", ")", "Kumar"]
    )
    shapes = {doc[start:end].text for start, end in name_shapes(doc[:])}
    assert {"Dr J. Smith", "J. Smith", "Seetarama ( Swamy ) Kumar"} <= shapes
    assert "Signed by" not in shapes
    doc = as_doc(["Ms.", "Jane", "Doe"])  # "Ms." is a title only, not a name word
    assert name_shapes(doc[:]) == [(0, 3), (1, 3)]


@FUZZ
@given(words=TOKENS)
def test_block_matches_are_the_phrase_and_token_matchers(words: list[str]) -> None:
    doc = as_doc(words)
    strings = NLP.vocab.strings
    expected = {(strings[key], start, end) for key, start, end in PHRASES(doc)}
    expected |= {(strings[key], start, end) for key, start, end in PATTERNS(doc)}
    assert set(MATCHERS._block_matches(doc)[1]) == expected


def test_titled_bodies_and_roles() -> None:
    doc = as_doc(["the", "Ethics", "Committee", "and", "Head", "of", "Procurement", "head", "of"])
    labelled = {(s.label_, s.text) for s in MATCHERS.bodies_and_roles(doc[:])}
    assert labelled == {("OTHER", "Ethics Committee"), ("ROLE", "Head of Procurement")}


def _old_word_count(span: Span) -> int:
    return sum(1 for t in span if not t.is_punct and not t.is_space and "_" not in t.text)


@FUZZ
@given(words=st.lists(st.sampled_from((*WORDS, "Signed____", "__", "\n", ",")), min_size=1))
def test_word_count_leaves_out_punctuation_spaces_and_signature_lines(words: list[str]) -> None:
    doc = as_doc(words)
    for start in range(len(doc)):
        span = doc[start:]
        sentence = Sentence(0, span.text, span.start_char, span.end_char)
        assert word_count(ParsedSentence(sentence, span)) == _old_word_count(span)


def test_sentences_with_roles_are_those_with_a_role_inside() -> None:
    text = (
        "Our Chief Executive Officer leads. We make widgets.\n\n"
        "A member of the board committee met. Jane Doe Director\n\n"
        "The Head of Procurement buys. Nothing else."
    )
    source = source_from_bytes("statement.txt", SourceKind.FILE, text.encode())
    parsed = parse_document(extract_document(source), NLP)
    sentences = list(parsed_sentences(parsed))
    expected = {i for i, parsed in enumerate(sentences) if MATCHERS.has_role(parsed.span)}
    assert MATCHERS.sentences_with_roles(sentences) == expected
    assert [sentences[i].sentence.text for i in sorted(expected)] == [
        "Our Chief Executive Officer leads.",
        "A member of the board committee met.",
        "Jane Doe Director",
        "The Head of Procurement buys.",
    ]


ROLE_TEXT = st.lists(
    st.sampled_from((*WORDS, "CEO", "Chief", "Executive", "Officer", "\u017fecretary", "Company",
                     "Secretary", "Vice-Chancellor", "non", "Non-Executive", ".", "\n\n")),
    min_size=1,
    max_size=40,
)  # fmt: skip


@FUZZ
@given(words=ROLE_TEXT)
def test_sentences_with_roles_of_generated_text(words: list[str]) -> None:
    text = "Statement. " + " ".join(words)
    source = source_from_bytes("statement.txt", SourceKind.FILE, text.encode())
    parsed = parse_document(extract_document(source), NLP)
    sentences = list(parsed_sentences(parsed))
    expected = {i for i, parsed in enumerate(sentences) if MATCHERS.has_role(parsed.span)}
    assert MATCHERS.sentences_with_roles(sentences) == expected
