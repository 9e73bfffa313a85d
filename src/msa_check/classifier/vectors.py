"""Word vectors learnt from unlabelled statements, for the sentence classifier.

The labelled files are small (a few thousand sentences from one country); a classifier
trained on them alone knows only the words that country's statements use. floret vectors
(fastText with hashed subwords, the format spaCy loads natively) trained on many unlabelled
statements teach it that "forced labour", "bonded labour" and "debt bondage" are neighbours,
whatever the labelled data happened to contain. Training needs the `floret` package (the
`train` extra); using the trained classifier needs only spaCy.

A measurement stays held out only if the vectors never saw the held-out statements either:
`drop_overlapping` removes unlabelled texts that share sentences with a held-out file
(the same statement, or the same company's statement of another year).
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy

from msa_check.classifier.corpus import read_labelled
from msa_check.errors import UsageError

# Small enough to ship (a 20,000 x 100 float32 table is 8 MB), large enough for the
# vocabulary of these statements; subword hashing covers the rest.
VECTOR_SETTINGS = {
    "model": "cbow",
    "mode": "floret",
    "hashCount": 2,
    "bucket": 20000,
    "minn": 4,
    "maxn": 5,
    "minCount": 3,
    "dim": 100,
    "epoch": 10,
    # One thread: fastText is deterministic only single-threaded (about a minute here).
    "thread": 1,
    "verbose": 0,
}
# A held-out sentence worth matching is long enough not to be boilerplate shared by many
# statements ("This statement is made pursuant to section 54 ...").
_DISTINCTIVE_CHARACTERS = 100
_OVERLAP_SHARE = 0.1


@dataclass(frozen=True)
class UnlabelledTexts:
    texts: tuple[str, ...]
    dropped: int  # texts left out because they overlap a held-out file


def read_texts(path: Path) -> list[str]:
    """Statement texts from JSON lines: `{"text": ...}` a line, or AIMS labelled statements
    (their sentences joined)."""
    try:
        # split("\n"), not splitlines(): extracted texts hold form feeds and U+2028 raw.
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {path}: {exc}") from exc
    texts: list[str] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if "sentences" in record:
                texts.append(" ".join(str(s["text"]) for s in record["sentences"]))
            else:
                texts.append(str(record["text"]))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise UsageError(
                f"{path}:{number}: expected a JSON object with a text or sentences ({exc})"
            ) from exc
    return texts


def _normalised(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def drop_overlapping(texts: Sequence[str], held_out: Sequence[Path]) -> UnlabelledTexts:
    """Leave out every text that contains a tenth (and at least two) of the distinctive
    sentences of any statement in the held-out files."""
    statements = [
        {_normalised(s.text) for s in statement.sentences if len(s.text) > _DISTINCTIVE_CHARACTERS}
        for path in held_out
        for statement in read_labelled(path)
    ]
    kept: list[str] = []
    for text in texts:
        flat = _normalised(text)
        if any(
            sentences
            and sum(s in flat for s in sentences) >= max(2, _OVERLAP_SHARE * len(sentences))
            for sentences in statements
        ):
            continue
        kept.append(text)
    return UnlabelledTexts(tuple(kept), len(texts) - len(kept))


@dataclass(frozen=True)
class VectorCorpus:
    texts: tuple[str, ...]  # the unlabelled texts kept, then the labelled statements
    unlabelled: int  # unlabelled texts kept
    left_out: int  # unlabelled texts left out: they overlap a held-out file


def vector_corpus(
    labelled: Sequence[Path], unlabelled: Sequence[Path], held_out: Sequence[Path]
) -> VectorCorpus:
    """What the vectors learn from: the unlabelled texts that do not overlap a held-out
    file, and the labelled statements' sentences (without their labels)."""
    kept = drop_overlapping([text for path in unlabelled for text in read_texts(path)], held_out)
    statements = [text for path in labelled for text in read_texts(path)]
    return VectorCorpus((*kept.texts, *statements), len(kept.texts), kept.dropped)


def train_vectors(texts: Iterable[str], output: Path) -> Path:
    """Train floret vectors on lower-cased, spaCy-tokenised texts; write OUTPUT (.floret)."""
    try:
        import floret
    except ImportError as exc:
        raise UsageError(
            "training with unlabelled texts needs floret: pip install 'msa-check[train]'"
        ) from exc
    tokenizer: Any = spacy.blank("en").tokenizer  # spaCy types it as a plain callable
    with tempfile.TemporaryDirectory() as work:
        corpus = Path(work) / "corpus.txt"
        with corpus.open("w", encoding="utf-8") as out:
            for doc in tokenizer.pipe(texts):
                words = [token.lower_ for token in doc if not token.is_space]
                if words:
                    out.write(" ".join(words) + "\n")
        model = floret.train_unsupervised(str(corpus), **VECTOR_SETTINGS)
    output.parent.mkdir(parents=True, exist_ok=True)
    model.save_floret_vectors(str(output))
    return output
