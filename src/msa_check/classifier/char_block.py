"""The character n-gram block of the TF-IDF classifier (design `tfidf-chars`).

Beside the word 1-2 grams of a sentence and its neighbours, a model of this design reads
the sentence's character 3-5 grams inside word boundaries, as scikit-learn's `char_wb`
analyser makes them: "labour" and "labor", "subcontractors" and "sub-contractor" share most
of theirs, so a variant spelling seen in one jurisdiction's training data still counts in
another's. Scored with numpy alone, like the word blocks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from msa_check.classifier.tfidf_vector import tfidf_vector

CHAR_SIZES = range(3, 6)  # 3-, 4- and 5-grams
_NON_SPACE = re.compile(r"\S+")
_NUMBER = re.compile(r"\d")

FloatArray = npt.NDArray[np.float32]


def char_ngrams(text: str) -> list[str]:
    """Each word's character 3-5 grams, the word lower-cased (digits read as 0, as the word
    block reads them) and padded with a space either side, as `char_wb` pads it (so " lab"
    marks a word's start); a word shorter than a size gives itself, padded, once."""
    grams: list[str] = []
    for word in _NON_SPACE.findall(_NUMBER.sub("0", text.lower())):
        padded = f" {word} "
        for size in CHAR_SIZES:
            if len(padded) < size:
                break
            grams.extend(padded[i : i + size] for i in range(len(padded) - size + 1))
            if len(padded) == size:  # scikit-learn stops at the padded word itself
                break
    return grams


@dataclass(frozen=True)
class CharBlock:
    """The character n-grams a model knows, their idf, and their weights (terms x labels)."""

    terms: tuple[str, ...]
    idf: FloatArray
    weights: FloatArray
    index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {term: i for i, term in enumerate(self.terms)})

    def vector(self, text: str) -> tuple[npt.NDArray[np.int64], FloatArray]:
        """The sentence's TF-IDF vector over these n-grams: (term index, value) pairs,
        sublinear tf, l2-normalised, as the vectoriser that fitted them computes it."""
        return tfidf_vector(char_ngrams(text), self.index, self.idf)

    def logits(self, sentences: Sequence[str]) -> FloatArray:
        """Per sentence, what this block adds to each label's log-odds."""
        result = np.zeros((len(sentences), self.weights.shape[1]), np.float32)
        for row, text in enumerate(sentences):
            indices, values = self.vector(text)
            if len(indices):
                result[row] = values @ self.weights[indices]
        return result
