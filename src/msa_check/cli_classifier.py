"""`msa-check classifier ...`: train the sentence classifier; say what a model was trained on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from msa_check.classifier import (
    DEFAULT_CLASSIFIER,
    TRAINED_DIR,
    resolve_classifier,
    train_classifier,
)
from msa_check.cli_common import error_exit, stderr
from msa_check.errors import MsaCheckError

classifier_app = typer.Typer(
    name="classifier",
    help="Train the sentence classifier the rules can use, or describe a trained one.",
    no_args_is_help=True,
)
TRAINING_FILE = "msa-check-training.json"


@classifier_app.command("train")
def train_command(
    datasets: Annotated[list[Path], typer.Argument(help="Labelled statements (AIMS JSON lines).")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder to write the model to.")
    ] = TRAINED_DIR / DEFAULT_CLASSIFIER,
    epochs: Annotated[int, typer.Option(min=1)] = 8,
    seed: Annotated[int, typer.Option(help="Random seed, for a reproducible model.")] = 0,
    architecture: Annotated[str, typer.Option(help="ensemble (default) or bow.")] = "ensemble",
) -> None:
    """Train the classifier on expert-labelled sentences (default: rebuild the bundled model)."""
    try:
        for dataset in datasets:
            if not dataset.is_file():
                raise MsaCheckError(f"no data set at {dataset}")
        result = train_classifier(
            datasets, output, epochs=epochs, seed=seed, architecture=architecture
        )
    except MsaCheckError as error:
        raise error_exit(error) from None
    positives = ", ".join(f"{label} {count}" for label, count in result.labels.items())
    stderr.print(f"Trained on {result.sentences} sentences ({positives}); written to {output}")


@classifier_app.command("info")
def info_command(
    model: Annotated[
        str, typer.Argument(help="A bundled model's name or a folder.")
    ] = DEFAULT_CLASSIFIER,
) -> None:
    """What a classifier model was trained on, how, and with which labels."""
    try:
        path = resolve_classifier(model)
    except MsaCheckError as error:
        raise error_exit(error) from None
    meta = path / TRAINING_FILE
    typer.echo(f"{path}")
    typer.echo(
        meta.read_text(encoding="utf-8")
        if meta.is_file()
        else json.dumps({"note": "no training record"})
    )
