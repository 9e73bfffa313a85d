"""The sentence classifier: one signal the rules can use ("classifier score >= t").

Two kinds of model load here. The bundled one is a TF-IDF logistic regression over each
sentence and its neighbours, scored with numpy alone (`linear.py`): fast, and each score
names the n-grams that pushed it. The older kind, still trainable with `--architecture
ensemble|bow`, is a spaCy `textcat_multilabel` model (a bag of words beside a small CNN,
optionally over floret word vectors learnt from unlabelled statements: see `vectors.py`), trained on
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

import functools
from collections.abc import Sequence
from typing import Any

import spacy
from spacy.language import Language
from spacy.util import minibatch

from msa_check.classifier.linear import LinearSentenceClassifier
from msa_check.classifier.linear_store import is_linear_model, load_linear
from msa_check.classifier.locate import resolve_classifier
from msa_check.defaults import DEFAULT_CLASSIFIER
from msa_check.errors import ModelError

CONTEXT_CHARACTERS = 200  # of the previous sentence: enough for a heading or a lead-in
PIPE = "textcat_multilabel"


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


AnyClassifier = SentenceClassifier | LinearSentenceClassifier


@functools.lru_cache(maxsize=4)
def load_classifier(name_or_path: str = DEFAULT_CLASSIFIER) -> AnyClassifier:
    """Load a trained classifier once per process."""
    path = resolve_classifier(name_or_path)
    if is_linear_model(path):
        return load_linear(path, name_or_path)
    try:
        nlp = spacy.load(path)
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot load the classifier at {path}: {exc}") from exc
    if PIPE not in nlp.pipe_names:
        raise ModelError(f"{path} is a spaCy pipeline without a {PIPE} component")
    return SentenceClassifier(nlp, name_or_path)
