"""A small sentence classifier: one signal the rules can use ("classifier score >= t").

A spaCy `textcat_multilabel` model (a bag of words beside a small CNN, optionally over
floret word vectors learnt from unlabelled statements: see `vectors.py`), trained on
expert-labelled sentences (the AIMS format), scores each sentence with the end of the
previous one as context.
A model may hold several such components ("members"), each trained alike but from its own
random seed; a sentence's score is their mean. Trained on a few thousand sentences, one
model's scores move with its seed by as much as the differences we tune thresholds on
(benchmarks/ACCURACY.md); the mean of three moves far less.
It runs on a CPU (about 400 sentences a second with three members) and needs no network.
Rules decide how much to trust it: a criterion matches a sentence when its score for a
label reaches the criterion's `min_score`, and the evidence says so, with the score.

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
# Three members: with one model, which threshold was best moved with the seed; with the
# mean of three it held across the draws of seeds tried (benchmarks/ACCURACY.md). More would
# pass the 50 MB the package may weigh (each member is about 12 MB, mostly bag of words).
DEFAULT_MEMBERS = 3


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


def member_name(index: int) -> str:
    """The pipeline name of an ensemble's member: the first keeps spaCy's default name."""
    return PIPE if index == 0 else f"{PIPE}_{index + 1}"


def _is_member(pipe_name: str) -> bool:
    return pipe_name == PIPE or pipe_name.startswith(f"{PIPE}_")


class SentenceClassifier:
    """Scores sentences for the labels a trained model knows (the mean of its members)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name
        # spaCy types pipes as plain callables
        self.members: tuple[Any, ...] = tuple(
            pipe for pipe_name, pipe in nlp.pipeline if _is_member(pipe_name)
        )
        self.labels: tuple[str, ...] = tuple(self.members[0].labels)
        if any(tuple(member.labels) != self.labels for member in self.members):
            raise ModelError(f"the members of classifier {name!r} do not share their labels")

    def score(self, sentences: Sequence[str]) -> list[dict[str, float]]:
        """Per sentence (in document order), the score of every label, 0.0-1.0."""
        texts = [with_context(sentences[i - 1] if i else "", s) for i, s in enumerate(sentences)]
        scored: list[dict[str, float]] = []
        for batch in minibatch(texts, size=512):  # type: ignore[no-untyped-call]
            docs = [self.nlp.make_doc(text) for text in batch]
            mean = sum(member.predict(docs) for member in self.members) / len(self.members)
            scored.extend(dict(zip(self.labels, map(float, row), strict=True)) for row in mean)
        return scored


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
    members: int = DEFAULT_MEMBERS,
    provenance: dict[str, Any] | None = None,
) -> TrainingResult:
    """Train on every sentence of the given AIMS files; write the model and its training
    record. With `vectors` (a .floret file), the model reads them ("ensemble-vectors").
    `members` components are trained alike from seeds `seed`, `seed + 1`, ... (member i
    is exactly the model `seed + i` alone would give) and their scores averaged.
    `provenance` (where the vectors came from) goes into the record."""
    texts, cats = _training_data(datasets)
    if not texts:
        raise UsageError("no labelled sentences in the given data sets")
    if members < 1:
        raise UsageError(f"a classifier needs at least one member, not {members}")
    if vectors is not None:
        refuse_vectors_for(architecture)
        architecture = "ensemble-vectors"
    elif architecture == "ensemble-vectors":
        raise UsageError("the ensemble-vectors architecture needs vectors (--unlabelled)")
    if architecture not in ARCHITECTURES:
        raise UsageError(f"unknown architecture {architecture!r}: {', '.join(ARCHITECTURES)}")
    labels = sorted({label for c in cats for label in c})
    trained = [
        _train_member(texts, cats, labels, epochs, seed + index, architecture, vectors)
        for index in range(members)
    ]
    nlp = trained[0]
    for index, member in enumerate(trained[1:], start=1):
        nlp.add_pipe(PIPE, name=member_name(index), source=member)
    output.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    counts = {label: sum(1 for c in cats if label in c) for label in labels}
    meta = _training_meta(datasets, len(texts), counts, epochs, seed, architecture, members)
    meta.update(provenance or {})
    (output / "msa-check-training.json").write_text(json.dumps(meta, indent=2) + "\n")
    return TrainingResult(output, len(texts), counts)


def _train_member(
    texts: list[str],
    cats: list[frozenset[str]],
    labels: list[str],
    epochs: int,
    seed: int,
    architecture: str,
    vectors: Path | None,
) -> Language:
    """One classifier, in a pipeline of its own, trained from `seed`."""
    fix_random_seed(seed)
    shuffle = random.Random(seed).shuffle
    nlp = spacy.blank("en")
    if vectors is not None:
        # Looked up by lower-case form, as vectors.train_vectors learnt them.
        convert_vectors(nlp, vectors, truncate=0, prune=-1, mode="floret", attr="LOWER")
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
    return nlp


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
    members: int,
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
        "members": {"count": members, "seeds": list(range(seed, seed + members))},
        "spacy": spacy_about.__version__,
    }
