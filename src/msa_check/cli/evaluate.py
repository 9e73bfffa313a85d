"""`msa-check evaluate`: agreement with expert labels, per label and as merged macro-F1."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from msa_check.cli.exits import PipeSafeConsole, error_exit
from msa_check.cli.options import ClassifierModel, SpacyModel
from msa_check.defaults import DEFAULT_MODEL, LABEL_SET
from msa_check.errors import MsaCheckError, UsageError
from msa_check.evaluation.metrics import Counts

if TYPE_CHECKING:
    from msa_check.evaluation.provenance import ClassifierUse
    from msa_check.evaluation.run import Evaluation

DEFAULT_EVALUATION_RULES = "au-msa-s16"  # its criterion ids are the corpus labels


def evaluate_command(
    dataset: Annotated[Path, typer.Argument(help="Labelled statements, JSON lines (AIMS format).")],
    rules: Annotated[
        list[str] | None,
        typer.Option("--rules", "-r", help="Rule sets whose criteria map to the labels."),
    ] = None,
    predictions_out: Annotated[
        Path | None,
        typer.Option(help="Write one JSON line per sentence: id, idx, labels, scores."),
    ] = None,
    label_set: Annotated[
        str, typer.Option(help="Which `labels:` key of the criteria to use.")
    ] = LABEL_SET,
    model: SpacyModel = DEFAULT_MODEL,
    classifier: ClassifierModel = None,
) -> None:
    """Score msa-check's sentence predictions against expert labels.

    Prints the rule sets and classifier models used first, and warns under the figures when
    a classifier was trained on the very file scored (its training record names the file's
    sha256): such figures are not held-out ones.

    Exit codes: 0 scored; 2 usage error (no such data set, an unknown rule set, a file that
    cannot be written).
    """
    # Imported here: evaluating loads spaCy and the classifier, which `--help` must not.
    from msa_check.checker import Checker, load_rule_sets
    from msa_check.evaluation.provenance import classifier_models, classifier_uses
    from msa_check.evaluation.run import evaluate
    from msa_check.nlp import load_pipeline

    try:
        if not dataset.is_file():
            raise UsageError(f"no data set at {dataset}")
        rule_sets = load_rule_sets(rules or [DEFAULT_EVALUATION_RULES])
        checker = Checker(rule_sets, load_pipeline(model), classifier_model=classifier)
        with ExitStack() as stack:
            out = None
            if predictions_out is not None:
                try:
                    out = stack.enter_context(predictions_out.open("w", encoding="utf-8"))
                except OSError as exc:
                    raise UsageError(f"cannot write {predictions_out}: {exc.strerror}") from exc
            result = evaluate(dataset, checker, predictions_out=out, label_set=label_set)
        uses = classifier_uses(dataset, classifier_models(rule_sets, classifier))
    except MsaCheckError as error:
        raise error_exit(error) from None
    # Wrapped at words to the terminal's width (80 in a pipe), as every other command is.
    console = PipeSafeConsole(highlight=False)
    print_setup([r.id for r in rule_sets], uses, console)
    print_evaluation(result, console)
    print_training_warning(uses, console)


def print_setup(rule_sets: list[str], uses: list[ClassifierUse], console: Console) -> None:
    models = "; ".join(use.describe() for use in uses) or "none"
    console.print(f"rules: {', '.join(rule_sets)}; classifier: {models}", markup=False)


def print_training_warning(uses: list[ClassifierUse], console: Console) -> None:
    """Said last, under the figures it qualifies: they are not held-out figures."""
    for use in uses:
        if use.trained_on_this_data:
            console.print(
                f"warning: the classifier {use.model} was trained on this very file, so these "
                "figures are on its own training data, not on statements it never saw. For a "
                "held-out figure, train on other data (`msa-check classifier train OTHER.jsonl "
                "-o DIR`) and evaluate with `--classifier DIR`.",
                style="bold yellow",
                markup=False,
            )


def print_evaluation(result: Evaluation, console: Console) -> None:
    console.print(
        f"{result.dataset}: {result.statements} statements, {result.sentences} sentences; "
        "labels merged as the corpus README defines (c2, c4); only annotated labels scored.",
        markup=False,
    )
    for level, counts in (
        ("sentence", result.scores.sentence),
        ("statement", result.scores.statement),
    ):
        console.print(_table(f"{level} level", counts))
    labels = ", ".join(result.scores.sentence)
    console.print(
        f"merged macro-F1 (sentence level, over {labels}): {result.scores.macro_f1():.3f}"
    )
    console.print(f"merged macro-F1 (statement level): {result.scores.macro_f1('statement'):.3f}")


def _table(title: str, counts: dict[str, Counts]) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    for column in ("label", "precision", "recall", "F1", "support", "TP", "FP", "FN"):
        table.add_column(column, justify="left" if column == "label" else "right")
    for label, c in counts.items():
        table.add_row(
            label, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}",
            str(c.support), str(c.tp), str(c.fp), str(c.fn),
        )  # fmt: skip
    return table
