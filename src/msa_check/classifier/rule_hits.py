"""A labelled statement read as `check` reads it, for training on the rule engine's hits.

The statement's given sentences become the blocks of one Document, in order; given
sentences that break off mid-sentence ("This statement was approved by" / "the Board of
Directors") are joined into one block, as `check` joins such lines of a PDF or text file.
A classifier design that reads the rule engine's hits (linear_train's `rule_hits`) is
trained on the hits found so, block by block, and given at run time the hits `check`
finds in the same way (rules/hits.py, `sentence_rule_hits`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from msa_check.classifier.corpus import LabelledStatement
from msa_check.extract.assemble import (
    DraftBlock,
    assemble_document,
    continued_groups,
    join_continued_lines,
)
from msa_check.models import BlockKind, ContentKind

if TYPE_CHECKING:
    from spacy.language import Language

    from msa_check.nlp import ParsedDocument
    from msa_check.rules.matching import RuleSetMatcher


def statement_drafts(statement: LabelledStatement) -> list[DraftBlock]:
    return [DraftBlock(s.text, BlockKind.PARAGRAPH) for s in statement.sentences if s.text.strip()]


def given_of_blocks(statement: LabelledStatement) -> list[list[int]]:
    """For each block of `parse_statement`'s Document, the indices (in
    `statement.sentences`) of the given sentences it was joined from: a block joined from
    sentences broken off mid-sentence speaks for them all."""
    kept = [i for i, s in enumerate(statement.sentences) if s.text.strip()]
    return [
        [kept[part] for part in group] for group in continued_groups(statement_drafts(statement))
    ]


def parse_statement(statement: LabelledStatement, nlp: Language) -> ParsedDocument:
    """The statement's given sentences as one parsed Document, a block each, in order."""
    from msa_check.nlp import parse_document

    joined = join_continued_lines(statement_drafts(statement))
    return parse_document(assemble_document(ContentKind.TEXT, joined), nlp)


def given_rule_hits(
    statement: LabelledStatement, matcher: RuleSetMatcher, nlp: Language
) -> list[frozenset[str]]:
    """Per given sentence, the rule hits (`sentence_rule_hits`) of `matcher` in the block
    the sentence is read in: what a classifier that reads rule hits is trained on."""
    from msa_check.rules.hits import sentence_rule_hits

    parsed = parse_statement(statement, nlp)
    per_sentence = sentence_rule_hits(matcher.rule_hits(parsed), len(parsed.document.sentences))
    found: list[frozenset[str]] = [frozenset() for _ in statement.sentences]
    for block, given in zip(parsed.blocks, given_of_blocks(statement), strict=True):
        first = block.first_sentence
        names = frozenset[str]().union(*per_sentence[first : first + len(block.sentence_spans)])
        for index in given:
            found[index] = names
    return found
