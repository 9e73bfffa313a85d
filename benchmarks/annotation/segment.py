"""A corpus text's sentences exactly as `msa-check check` splits them, with their offsets.

The classifier scores the engine's own sentences at run time, so the sentences annotated
here are the engine's too: the text is extracted as a plain-text statement is
(extract_text_document) and split by the default pipeline (blank:en). The offsets are into
that Document's text; `sha` (the first 12 hex digits of the sentence's sha256) lets
build.py check that a later extractor still cuts the same sentence there.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from msa_check.extract.text import extract_text_document
from msa_check.nlp import load_pipeline, parse_document

SEGMENTER = "msa-check extract_text_document + parse_document, blank:en"


@dataclass(frozen=True)
class SegmentedSentence:
    idx: int
    start: int
    end: int
    text: str

    @property
    def sha(self) -> str:
        return sentence_sha(self.text)


def sentence_sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def segment(text: str) -> list[SegmentedSentence]:
    parsed = parse_document(extract_text_document(text.encode("utf-8")), load_pipeline())
    return [
        SegmentedSentence(sentence.index, sentence.start, sentence.end, sentence.text)
        for sentence in parsed.document.sentences
    ]
