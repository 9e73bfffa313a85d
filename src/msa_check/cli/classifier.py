"""`msa-check classifier ...`: train the sentence classifier; say what a model was trained on."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer

from msa_check.cli.exits import error_exit, stderr
from msa_check.cli.help import HELP_SETTINGS
from msa_check.defaults import DEFAULT_CLASSIFIER, DEFAULT_MEMBERS
from msa_check.errors import MsaCheckError

classifier_app = typer.Typer(
    **HELP_SETTINGS,
    name="classifier",
    help="Train the sentence classifier the rules can use, or describe a trained one.",
    no_args_is_help=True,
)


@classifier_app.command("train")
def train_command(
    datasets: Annotated[list[Path], typer.Argument(help="Labelled statements (AIMS JSON lines).")],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Folder to write the model to (default: ./msa-check-classifier, outside the "
            "package; give msa_check/trained/aims-sentences to replace the bundled model).",
        ),
    ] = Path("msa-check-classifier"),
    epochs: Annotated[
        int, typer.Option(min=1, help="Passes over the data (ensemble and bow architectures).")
    ] = 8,
    seed: Annotated[int, typer.Option(help="Random seed, for a reproducible model.")] = 0,
    members: Annotated[
        int,
        typer.Option(
            min=1,
            help="Models trained alike from seeds SEED, SEED+1, ...; a sentence's score is "
            "their mean (steadier than one model's).",
        ),
    ] = DEFAULT_MEMBERS,
    architecture: Annotated[
        str,
        typer.Option(
            help="tfidf (default: TF-IDF logistic regression with neighbouring sentences, "
            "needs the train extra); tfidf-heading, tfidf-stage2, tfidf-heading-stage2 and "
            "tfidf-stage2-plain read the heading above or a second stage too, "
            "tfidf-mean-heading averages tfidf and tfidf-heading, tfidf-position, "
            "tfidf-rule-hits and tfidf-position-rule-hits read where the sentence sits "
            "and which au-msa-s16 rules matched it, tfidf-nb scales each n-gram by its "
            "NB log-count ratio per label, tfidf-chars adds the sentence's character "
            "3-5 grams, tfidf-inner-c chooses each label's C by an inner CV, tfidf-unlabelled-idf "
            "counts its idf over --unlabelled texts too (none the default: see "
            "benchmarks/ACCURACY.md); or the older spaCy models ensemble (with "
            "vectors when --unlabelled) and bow; --epochs and --members apply to those only."
        ),
    ] = "tfidf",
    unlabelled: Annotated[
        list[Path] | None,
        typer.Option(
            help="Unlabelled statements (JSON lines with a text, or AIMS files) to learn "
            "floret word vectors from, with the labelled sentences (or, for "
            "tfidf-unlabelled-idf, to count the idf over); needs the train extra."
        ),
    ] = None,
    held_out: Annotated[
        list[Path] | None,
        typer.Option(
            help="A labelled file you will measure on: unlabelled texts that share its "
            "sentences are left out of the vectors, so the measurement stays held out."
        ),
    ] = None,
    extra: Annotated[
        list[Path] | None,
        typer.Option(
            help="More labelled statements, less expert than DATASETS (such as our own "
            "annotations, benchmarks/annotation/): trained on too, weighted so that together "
            "they count as much as DATASETS (TF-IDF architectures only)."
        ),
    ] = None,
) -> None:
    """Train the sentence classifier on expert-labelled sentences, into --output.

    Exit codes: 0 trained and written; 2 usage error (no such data file, the train extra
    not installed, an option that does not fit the architecture).
    """
    # Imported here: training loads spaCy, numpy and the train extra, which `--help` must not.
    from msa_check.classifier.train import UNLABELLED_IDF, refuse_vectors_for, train_classifier

    try:
        for path in [*datasets, *(unlabelled or ()), *(held_out or ()), *(extra or ())]:
            if not path.is_file():
                raise MsaCheckError(f"no data file at {path}")
        if unlabelled and architecture != UNLABELLED_IDF:
            refuse_vectors_for(architecture)  # before minutes of learning vectors
        with tempfile.TemporaryDirectory() as work:
            vectors: Path | None = None
            provenance: dict[str, Any] = {}
            unlabelled_texts: list[str] = []
            if unlabelled and architecture == UNLABELLED_IDF:
                unlabelled_texts, provenance = _idf_texts(unlabelled, held_out or [])
            elif unlabelled:
                vectors, provenance = _learn_vectors(
                    datasets, unlabelled, held_out or [], Path(work) / "vectors.floret"
                )
            result = train_classifier(
                datasets,
                output,
                epochs=epochs,
                seed=seed,
                architecture=architecture,
                vectors=vectors,
                members=members,
                provenance=provenance,
                unlabelled_texts=unlabelled_texts,
                extra=extra or (),
            )
    except MsaCheckError as error:
        raise error_exit(error) from None
    positives = ", ".join(f"{label} {count}" for label, count in result.labels.items())
    stderr.print(
        f"Trained on {result.sentences} sentences of {_names(datasets)} ({positives}); "
        f"written to {output}"
    )


def _learn_vectors(
    datasets: list[Path], unlabelled: list[Path], held_out: list[Path], output: Path
) -> tuple[Path, dict[str, Any]]:
    from msa_check.classifier.locate import file_record
    from msa_check.classifier.vectors import VECTOR_SETTINGS, train_vectors, vector_corpus

    corpus = vector_corpus(datasets, unlabelled, held_out)
    stderr.print(
        f"Learning word vectors from {corpus.unlabelled} unlabelled texts"
        + (
            f" ({corpus.left_out} left out: they share sentences with {_names(held_out)})"
            if held_out
            else ""
        )
        + " and the labelled sentences ..."
    )
    train_vectors(corpus.texts, output)
    provenance = {
        "vectors": {
            "learnt_from": [file_record(path) for path in [*unlabelled, *datasets]],
            "texts": len(corpus.texts),
            "held_out": [file_record(path) for path in held_out],
            "left_out_as_overlapping_held_out": corpus.left_out,
            "floret": VECTOR_SETTINGS,
        }
    }
    return output, provenance


def _idf_texts(unlabelled: list[Path], held_out: list[Path]) -> tuple[list[str], dict[str, Any]]:
    """The unlabelled texts the idf is counted over (those sharing sentences with a held-out
    file left out, as for the vectors), and how the training record names them."""
    from msa_check.classifier.locate import file_record
    from msa_check.classifier.vectors import drop_overlapping, read_texts

    kept = drop_overlapping([text for path in unlabelled for text in read_texts(path)], held_out)
    stderr.print(
        f"Counting the idf over {len(kept.texts)} unlabelled texts"
        + (
            f" ({kept.dropped} left out: they share sentences with {_names(held_out)})"
            if held_out
            else ""
        )
        + " and the labelled sentences ..."
    )
    provenance = {
        "unlabelled_idf": {
            "counted_over": [file_record(path) for path in unlabelled],
            "texts": len(kept.texts),
            "held_out": [file_record(path) for path in held_out],
            "left_out_as_overlapping_held_out": kept.dropped,
        }
    }
    return list(kept.texts), provenance


def _names(paths: list[Path]) -> str:
    return ", ".join(path.name for path in paths)


@classifier_app.command("info")
def info_command(
    model: Annotated[
        str, typer.Argument(help="A bundled model's name or a folder.")
    ] = DEFAULT_CLASSIFIER,
) -> None:
    """What a classifier model was trained on, how, and with which labels.

    Exit codes: 0 shown; 2 no such model.
    """
    from msa_check.classifier.locate import TRAINING_RECORD, resolve_classifier

    try:
        path = resolve_classifier(model)
    except MsaCheckError as error:
        raise error_exit(error) from None
    meta = path / TRAINING_RECORD
    typer.echo(f"{path}")
    typer.echo(
        meta.read_text(encoding="utf-8")
        if meta.is_file()
        else json.dumps({"note": "no training record"})
    )
