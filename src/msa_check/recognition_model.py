"""The model signal of "is this a statement at all?" (recognition.py): does the document
read, sentence by sentence, as a statement's content?

The bundled sentence classifier (classifier/linear.py, the model `au-msa-s16` uses)
scores each sentence; its labels are merged as the corpus merges them (c2: structure,
operations and supply chains; c4: risk mitigation and remediation). A document whose
confident sentences (probability at least `MIN_PROBABILITY`) cover at least `MIN_LABELS`
of the statement-specific labels (modern slavery risks, actions against them, how their
effectiveness is assessed) reads as a statement's content, not only its topic. The
design and how it was measured are in benchmarks/ACCURACY.md ("A model score as one more
signal").

Pure: the sentences and a scoring function in, a StatementSignal out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from msa_check.models import StatementSignal

MODEL_POINTS = 1  # what a document that reads as statement content earns
MIN_PROBABILITY = 0.5  # a sentence counts for a label from this probability
MIN_LABELS = 2  # merged labels with a confident sentence that earn the point
_QUOTES = 2
_QUOTE_CHARS = 160

# The classifier's labels that are a statement's own content, merged (the corpus README's
# c4). Approval, signature and structure are left out: an annual report or a governance
# page has them too (counting them, the first design, let three such pages pass).
MERGED_LABEL = {
    "c3_risk_description": "c3 risks",
    "c4_risk_mitigation": "c4 actions",
    "c4_remediation": "c4 actions",
    "c5_effectiveness": "c5 effectiveness",
}

ScoreSentences = Callable[[Sequence[str]], list[dict[str, float]]]

LOOKED_FOR = (
    f"reads as a statement's content: the sentence classifier finds sentences (probability"
    f" {MIN_PROBABILITY:g} or more) of at least {MIN_LABELS} kinds (its risks, its actions"
    " against them, how it assesses their effectiveness); consulted only when the other"
    " signals leave the score one short and it does not read as minutes, a research paper"
    " or a statement registry's page"
)


def model_signal(sentences: Sequence[str], score: ScoreSentences) -> StatementSignal:
    """The signal from the classifier's scores of `sentences` (in document order)."""
    best: dict[str, tuple[float, str]] = {}  # merged label -> its most confident sentence
    for text, scores in zip(sentences, score(sentences) if sentences else [], strict=True):
        for label, probability in scores.items():
            merged = MERGED_LABEL.get(label, "")
            confident = bool(merged) and probability >= MIN_PROBABILITY
            if confident and probability > best.get(merged, (0.0, ""))[0]:
                best[merged] = (probability, text)
    present = len(best) >= MIN_LABELS
    ranked = sorted(best.items(), key=lambda item: -item[1][0])
    found = (
        f"{len(best)} kind(s): " + ", ".join(f"{label} {p:.2f}" for label, (p, _) in ranked)
        if best
        else "no confident sentence"
    )
    # The sentences that scored highest, shown even when they are too few to earn the point.
    quotes = tuple(_cut(text) for _, (_, text) in ranked[:_QUOTES])
    return StatementSignal(
        id="model", looked_for=LOOKED_FOR, found=found, points=MODEL_POINTS if present else 0,
        quotes=quotes,
    )  # fmt: skip


def not_consulted(score: int, needed: int, genre: str | None = None) -> StatementSignal:
    """The model signal when it could not change the outcome, or the document reads as
    another `genre` (recognition.GENRE_SIGNALS), so was not run."""
    why = f"it reads as {genre}; " if genre else ""
    return StatementSignal(
        id="model",
        looked_for=LOOKED_FOR,
        found=f"not consulted ({why}score {score} without it, {needed} needed)",
        points=0,
    )


def _cut(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= _QUOTE_CHARS:
        return text
    return text[:_QUOTE_CHARS].rsplit(" ", 1)[0] + "…"
