"""A small sentence classifier: one signal the rules can use ("classifier score >= t").

A spaCy `textcat_multilabel` model (a bag of words beside a small CNN, optionally over
floret word vectors learnt from unlabelled statements: see `vectors.py`), trained on
expert-labelled sentences (the AIMS format), scores each sentence with the end of the
previous one as context.
It runs on a CPU in microseconds a sentence and needs no network. Rules decide how much
to trust it: a criterion matches a sentence when its score for a label reaches the
criterion's `min_score`, and the evidence says so, with the score.

The bundled model lives in `msa_check/trained/NAME/`; `meta.json` beside it names the
data it was trained on. `msa-check classifier train` rebuilds it.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import spacy
from spacy import about as spacy_about
from spacy.language import Language
from spacy.pipeline.textcat_multilabel import DEFAULT_MULTI_TEXTCAT_MODEL
from spacy.training import Example
from spacy.training.initialize import convert_vectors
from spacy.util import minibatch
from thinc.api import fix_random_seed

from msa_check.errors import ModelError, UsageError
from msa_check.evaluation.corpus import read_labelled

TRAINED_DIR = Path(__file__).resolve().parent / "trained"
DEFAULT_CLASSIFIER = "aims-sentences"
CONTEXT_CHARACTERS = 200  # of the previous sentence: enough for a heading or a lead-in
PIPE = "textcat_multilabel"


def _default_ensemble(*, static_vectors: bool) -> dict[str, Any]:
    model: dict[str, Any] = copy.deepcopy(dict(DEFAULT_MULTI_TEXTCAT_MODEL))
    model["tok2vec"]["embed"]["include_static_vectors"] = static_vectors
    return model


# "ensemble" is spaCy's default textcat model: a bag of words beside a small CNN over
# hashed word embeddings. Measured on the AIMS files (benchmarks/ACCURACY.md) it
# generalises across jurisdictions better than the bag of words alone.
ARCHITECTURES: dict[str, dict[str, Any]] = {
    "ensemble": {},
    # The same, with the CNN also reading the static (floret) word vectors.
    "ensemble-vectors": {"model": _default_ensemble(static_vectors=True)},
    "bow": {
        "model": {
            "@architectures": "spacy.TextCatBOW.v3",
            "exclusive_classes": False,
            "ngram_size": 2,
            "no_output_layer": False,
            "length": 262144,
        }
    },
}


def with_context(previous: str, sentence: str) -> str:
    """The text the classifier sees: the end of the previous sentence, then the sentence."""
    return f"{previous[-CONTEXT_CHARACTERS:]} || {sentence}"


class SentenceClassifier:
    """Scores sentences for the labels a trained model knows."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name
        textcat: Any = nlp.get_pipe(PIPE)  # spaCy types pipes as plain callables
        self.labels: tuple[str, ...] = tuple(textcat.labels)

    def score(self, sentences: Sequence[str]) -> list[dict[str, float]]:
        """Per sentence (in document order), the score of every label, 0.0-1.0."""
        texts = [with_context(sentences[i - 1] if i else "", s) for i, s in enumerate(sentences)]
        return [dict(doc.cats) for doc in self.nlp.pipe(texts, batch_size=512)]


def resolve_classifier(name_or_path: str) -> Path:
    path = Path(name_or_path)
    if path.is_dir():
        return path
    bundled = TRAINED_DIR / name_or_path
    if bundled.is_dir():
        return bundled
    known = ", ".join(sorted(p.name for p in TRAINED_DIR.glob("*") if p.is_dir())) or "none"
    raise ModelError(f"no classifier model {name_or_path!r} (bundled: {known}; or give a folder)")


@functools.lru_cache(maxsize=4)
def load_classifier(name_or_path: str = DEFAULT_CLASSIFIER) -> SentenceClassifier:
    """Load a trained classifier once per process."""
    path = resolve_classifier(name_or_path)
    try:
        nlp = spacy.load(path)
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot load the classifier at {path}: {exc}") from exc
    if PIPE not in nlp.pipe_names:
        raise ModelError(f"{path} is a spaCy pipeline without a {PIPE} component")
    return SentenceClassifier(nlp, name_or_path)


@dataclass(frozen=True)
class TrainingResult:
    output: Path
    sentences: int
    labels: dict[str, int]  # positive sentences per label


def train_classifier(
    datasets: Sequence[Path],
    output: Path,
    *,
    epochs: int = 8,
    seed: int = 0,
    architecture: str = "ensemble",
    vectors: Path | None = None,
    provenance: dict[str, Any] | None = None,
) -> TrainingResult:
    """Train on every sentence of the given AIMS files; write the model and its training
    record. With `vectors` (a .floret file), the model reads them ("ensemble-vectors");
    `provenance` (where the vectors came from) goes into the record."""
    texts, cats = _training_data(datasets)
    if not texts:
        raise UsageError("no labelled sentences in the given data sets")
    labels = sorted({label for c in cats for label in c})
    fix_random_seed(seed)
    shuffle = random.Random(seed).shuffle
    nlp = spacy.blank("en")
    if vectors is not None:
        refuse_vectors_for(architecture)
        # Looked up by lower-case form, as vectors.train_vectors learnt them.
        convert_vectors(nlp, vectors, truncate=0, prune=-1, mode="floret", attr="LOWER")
        architecture = "ensemble-vectors"
    elif architecture == "ensemble-vectors":
        raise UsageError("the ensemble-vectors architecture needs vectors (--unlabelled)")
    if architecture not in ARCHITECTURES:
        raise UsageError(f"unknown architecture {architecture!r}: {', '.join(ARCHITECTURES)}")
    textcat: Any = nlp.add_pipe(PIPE, config=ARCHITECTURES[architecture])
    for label in labels:
        textcat.add_label(label)
    examples = [
        Example.from_dict(nlp.make_doc(text), {"cats": {lab: float(lab in c) for lab in labels}})
        for text, c in zip(texts, cats, strict=True)
    ]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(epochs):
        shuffle(examples)
        for batch in minibatch(examples, size=32):  # type: ignore[no-untyped-call]
            nlp.update(batch, sgd=optimizer, drop=0.2)
    output.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    counts = {label: sum(1 for c in cats if label in c) for label in labels}
    meta = _training_meta(datasets, len(texts), counts, epochs, seed, architecture)
    meta.update(provenance or {})
    (output / "msa-check-training.json").write_text(json.dumps(meta, indent=2) + "\n")
    return TrainingResult(output, len(texts), counts)


def refuse_vectors_for(architecture: str) -> None:
    """Word vectors feed the ensemble's CNN; other architectures have nothing to read them."""
    if architecture not in ("ensemble", "ensemble-vectors"):
        raise UsageError(
            f"the {architecture} architecture does not read word vectors: "
            "drop --unlabelled, or use --architecture ensemble"
        )


def _training_data(datasets: Sequence[Path]) -> tuple[list[str], list[frozenset[str]]]:
    texts: list[str] = []
    cats: list[frozenset[str]] = []
    for dataset in datasets:
        for statement in read_labelled(dataset):
            previous = ""
            for sentence in statement.sentences:
                texts.append(with_context(previous, sentence.text))
                cats.append(sentence.labels & statement.annotated_labels)
                previous = sentence.text
    return texts, cats


def file_record(path: Path) -> dict[str, str]:
    """A data file as the training record names it: its name and the sha256 of its bytes."""
    return {"file": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def _training_meta(
    datasets: Sequence[Path],
    sentences: int,
    counts: dict[str, int],
    epochs: int,
    seed: int,
    architecture: str,
) -> dict[str, Any]:
    return {
        "trained_with": "msa-check classifier train",
        "trained_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "data": [file_record(path) for path in datasets],
        "sentences": sentences,
        "positives": counts,
        "architecture": f"spaCy textcat_multilabel, {architecture}",
        "context": f"the last {CONTEXT_CHARACTERS} characters of the previous sentence",
        "epochs": epochs,
        "seed": seed,
        "spacy": spacy_about.__version__,
    }
