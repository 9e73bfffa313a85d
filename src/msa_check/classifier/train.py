"""Training the sentence classifier from expert-labelled sentences (the AIMS format).

Each member is trained alike from its own seed and stored as one more
`textcat_multilabel` component of a single pipeline (see `model.py`).
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import spacy
from spacy import about as spacy_about
from spacy.language import Language
from spacy.pipeline.textcat_multilabel import DEFAULT_MULTI_TEXTCAT_MODEL
from spacy.training import Example
from spacy.training.initialize import convert_vectors
from spacy.util import minibatch
from thinc.api import fix_random_seed

from msa_check.classifier.corpus import read_labelled
from msa_check.classifier.linear_store import save_linear
from msa_check.classifier.locate import TRAINING_RECORD, file_record
from msa_check.classifier.model import (
    CONTEXT_CHARACTERS,
    PIPE,
    member_name,
    with_context,
)
from msa_check.classifier.rule_hits import given_rule_hits
from msa_check.defaults import DEFAULT_MEMBERS
from msa_check.errors import SETTING, Setting, UsageError

if TYPE_CHECKING:
    from msa_check.rules.matching import RuleSetMatcher


def _default_ensemble(*, static_vectors: bool) -> dict[str, Any]:
    model: dict[str, Any] = copy.deepcopy(dict(DEFAULT_MULTI_TEXTCAT_MODEL))
    model["tok2vec"]["embed"]["include_static_vectors"] = static_vectors
    return model


# "ensemble" is spaCy's default textcat model: a bag of words beside a small CNN over
# hashed word embeddings. Measured on the AIMS files (benchmarks/ACCURACY.md) it
# generalises across jurisdictions better than the bag of words alone.
# "tfidf" (the default) is not a spaCy model: see linear.py and linear_train.py.
TFIDF = "tfidf"
# The TF-IDF designs (linear_train.DESIGNS): what each reads beyond the sentence's
# neighbours. Named here so that the option is checked before scikit-learn loads.
TFIDF_DESIGNS = (
    "tfidf",
    "tfidf-stage2",
    "tfidf-heading",
    "tfidf-heading-stage2",
    "tfidf-stage2-plain",
    "tfidf-unlabelled-idf",
    "tfidf-mean-heading",
    "tfidf-position",
    "tfidf-rule-hits",
    "tfidf-position-rule-hits",
    "tfidf-nb",
    "tfidf-chars",
    "tfidf-inner-c",
)
# The one design that reads unlabelled texts without word vectors: their n-gram counts.
UNLABELLED_IDF = "tfidf-unlabelled-idf"
ARCHITECTURES: dict[str, dict[str, Any]] = {
    **{design: {} for design in TFIDF_DESIGNS},
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
    architecture: str = TFIDF,
    vectors: Path | None = None,
    members: int = DEFAULT_MEMBERS,
    provenance: dict[str, Any] | None = None,
    unlabelled_texts: Sequence[str] = (),
    extra: Sequence[Path] = (),
) -> TrainingResult:
    """Train on every sentence of the given AIMS files; write the model and its training
    record. `extra` files (TF-IDF designs only) are trained on too, every sentence of them
    weighted so that together they count as much as those of `datasets`: how our own
    annotations (benchmarks/annotation/) join the experts' without outweighing them.
    With `vectors` (a .floret file), the model reads them ("ensemble-vectors");
    `unlabelled_texts` are what the tfidf-unlabelled-idf design counts its idf over.
    `members` components are trained alike from seeds `seed`, `seed + 1`, ... (member i
    is exactly the model `seed + i` alone would give) and their scores averaged.
    `provenance` (where the vectors came from) goes into the record."""
    data_texts, data_cats = _training_data(datasets)
    extra_texts, extra_cats = _training_data(extra)
    texts, cats = data_texts + extra_texts, data_cats + extra_cats
    if not texts:
        raise UsageError("no labelled sentences in the given data sets")
    if extra and architecture not in TFIDF_DESIGNS:
        raise UsageError(f"--extra files need a TF-IDF architecture, not {architecture}")
    if set(map(Path.resolve, extra)) & set(map(Path.resolve, datasets)):
        raise UsageError("a file cannot be both a data file and an --extra file")
    if members < 1:
        raise UsageError(f"a classifier needs at least one member, not {members}")
    if vectors is not None:
        refuse_vectors_for(architecture)
        architecture = "ensemble-vectors"
    elif architecture == "ensemble-vectors":
        raise UsageError(
            f"the ensemble-vectors architecture needs vectors ({SETTING})",
            setting=Setting.UNLABELLED,
        )
    if architecture not in ARCHITECTURES:
        raise UsageError(f"unknown architecture {architecture!r}: {', '.join(ARCHITECTURES)}")
    if (architecture == UNLABELLED_IDF) != bool(unlabelled_texts):
        raise UsageError(
            f"the {UNLABELLED_IDF} architecture, and it alone, counts its idf over unlabelled "
            "texts: give them with --unlabelled FILE"
            if architecture == UNLABELLED_IDF
            else f"the {architecture} architecture reads no unlabelled texts"
        )
    # The labels are the data files' own: an --extra file may train a label they annotate,
    # never one of its own.
    labels = sorted({label for c in data_cats for label in c})
    if architecture in TFIDF_DESIGNS:
        return _train_tfidf(
            datasets, output, labels, provenance, architecture, unlabelled_texts, extra
        )
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
    (output / TRAINING_RECORD).write_text(json.dumps(meta, indent=2) + "\n")
    return TrainingResult(output, len(texts), counts)


def _train_tfidf(
    datasets: Sequence[Path],
    output: Path,
    labels: list[str],
    provenance: dict[str, Any] | None,
    design_name: str = TFIDF,
    unlabelled_texts: Sequence[str] = (),
    extra: Sequence[Path] = (),
) -> TrainingResult:
    from msa_check.classifier import linear_columns, linear_train, regularisation_choice

    design = linear_train.DESIGNS[design_name]
    unlabelled = linear_train.count_unlabelled(unlabelled_texts) if unlabelled_texts else None
    documents: list[list[str]] = []
    labels_of: list[list[frozenset[str]]] = []
    rule_hits_of: list[list[frozenset[str]]] = []
    annotated_of: list[frozenset[str]] = []
    from_extra: list[bool] = []
    rules_alone = _rule_hit_matcher() if design.rule_hits else None
    for dataset in [*datasets, *extra]:
        for statement in read_labelled(dataset):
            from_extra.append(dataset in extra)
            documents.append([s.text for s in statement.sentences])
            annotated_of.append(statement.annotated_labels)
            labels_of.append([s.labels & statement.annotated_labels for s in statement.sentences])
            if rules_alone is not None:
                rule_hits_of.append(given_rule_hits(statement, *rules_alone))
    weights = (
        linear_train.source_weights([len(d) for d in documents], from_extra) if extra else None
    )
    model = linear_train.fit_linear(
        documents,
        labels_of,
        labels,
        design=design,
        unlabelled=unlabelled,
        rule_hits_of=rule_hits_of if design.rule_hits else None,
        annotated_of=annotated_of,
        document_weights=weights,
    )
    save_linear(output, model)
    truth = [t for document in labels_of for t in document]
    counts = {label: sum(1 for t in truth if label in t) for label in labels}
    meta = {
        "trained_with": "msa-check classifier train",
        "trained_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "data": [file_record(path) for path in datasets],
        **(
            {
                "extra": [file_record(path) for path in extra],
                "extra_weight": "each sentence of the extra files weighted "
                f"{weights[-1] if weights else 1.0:.4f}, so that together they "
                "count as much as the data files' sentences",
            }
            if extra
            else {}
        ),
        "sentences": len(truth),
        "positives": counts,
        "architecture": f"{design_name}: logistic regression per label over word 1-2 gram TF-IDF",
        "context": "the previous and the next sentence, each its own TF-IDF block, "
        f"weighted {linear_train.NEIGHBOUR_WEIGHT}"
        + (
            f"; the nearest heading-shaped sentence above, weighted {design.heading_weight}"
            if design.heading
            else ""
        )
        + (
            "; log-odds the mean of this model and the same with the nearest heading-shaped "
            f"sentence above (weighted {design.heading_weight})"
            if design.mean_with_heading
            else ""
        ),
        **(
            {
                "idf": "counted over the labelled sentences and "
                f"{unlabelled.sentences} sentences of {len(unlabelled_texts)} unlabelled "
                "texts (split at line breaks and after . ! ?); vocabulary: n-grams of the "
                "labelled sentences in at least "
                f"{linear_columns.MIN_DOCUMENT_FREQUENCY} sentences of the two"
            }
            if unlabelled is not None
            else {}
        ),
        **(
            {
                "second_stage": "logistic regression per label over the first stage's "
                "log-odds of every label for the sentence and its two neighbours, fitted on "
                f"{design.second_stage_folds}-fold out-of-fold log-odds, "
                f"C={design.second_stage_regularisation}"
            }
            if design.second_stage
            else {}
        ),
        **(
            {
                "position": "indicators of the fifth of the document a sentence is in, and of "
                "the first and the last sentence"
            }
            if design.position
            else {}
        ),
        **(
            {
                "rule_hits": f"indicators of the {linear_train.RULE_HITS_RULE_SET} criteria and "
                "roles that rule parts other than the classifier matched in the sentence"
            }
            if design.rule_hits
            else {}
        ),
        **(
            {
                "nb_weighted": "each n-gram column scaled, per label, by its log-count ratio "
                "between the sentences with and without the label (NBSVM-style, alpha="
                f"{linear_columns.NB_SMOOTHING}), stored as nb_ratios"
            }
            if design.nb_weighted
            else {}
        ),
        **(
            {
                "characters": "a TF-IDF block of the sentence's character 3-5 grams inside "
                f"word boundaries ({len(model.chars.terms)} n-grams)"
            }
            if model.chars is not None
            else {}
        ),
        "vocabulary": len(model.terms),
        "regularisation_C": model.regularisation or linear_train.REGULARISATION,
        **(
            {
                "regularisation_choice": "each label's C from "
                f"{list(regularisation_choice.REGULARISATION_CHOICES)}, the best pooled F1 at "
                f"0.5 in a {regularisation_choice.INNER_FOLDS}-fold cross-validation by "
                "statement of the training data"
            }
            if model.regularisation
            else {}
        ),
        "min_document_frequency": linear_columns.MIN_DOCUMENT_FREQUENCY,
        **(provenance or {}),
    }
    (output / TRAINING_RECORD).write_text(json.dumps(meta, indent=2) + "\n")
    return TrainingResult(output, len(truth), counts)


def _rule_hit_matcher() -> tuple[RuleSetMatcher, Language]:
    """The matcher of the rule set a rule-hits design reads, and its spaCy pipeline
    (imported here: only such a design needs them)."""
    from msa_check.classifier.linear_train import RULE_HITS_RULE_SET
    from msa_check.nlp import load_pipeline
    from msa_check.rules.loading import load_rule_set
    from msa_check.rules.matching import RuleSetMatcher

    nlp = load_pipeline()
    return RuleSetMatcher(load_rule_set(RULE_HITS_RULE_SET), nlp), nlp


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
    if architecture not in ("ensemble", "ensemble-vectors"):  # tfidf reads n-grams alone
        raise UsageError(
            f"the {architecture} architecture does not read word vectors: use {SETTING}",
            setting=Setting.NO_VECTORS,
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
