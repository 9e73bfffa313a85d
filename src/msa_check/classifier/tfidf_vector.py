"""A sentence's TF-IDF vector over a fitted vocabulary, as the classifier's blocks read it.

Shared by the word blocks (linear.py) and the character block (char_block.py): both were
fitted by scikit-learn's TfidfVectorizer with sublinear tf and l2 normalisation, and are
scored with numpy alone, so each computes the vector the same way.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

import numpy as np
import numpy.typing as npt


def tfidf_vector(
    grams: Iterable[str], index: Mapping[str, int], idf: npt.NDArray[np.float32]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """(term index, value) pairs of the known `grams`: sublinear tf times idf, l2-normalised."""
    counts = Counter(i for i in map(index.get, grams) if i is not None)
    indices = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
    tf = np.fromiter(
        (1.0 + math.log(c) for c in counts.values()), dtype=np.float32, count=len(counts)
    )
    values = tf * idf[indices]
    norm = float(np.sqrt(values @ values))
    return indices, values / norm if norm else values
