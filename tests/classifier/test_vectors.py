"""Word vectors from unlabelled statements: reading texts, keeping held-out statements out,
and a classifier trained with them (`msa-check classifier train --unlabelled`)."""

from __future__ import annotations

import builtins
import json
import random
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from msa_check.classifier.model import load_classifier
from msa_check.classifier.vectors import drop_overlapping, read_texts, train_vectors
from msa_check.cli import app
from msa_check.errors import ExitCode, UsageError

runner = CliRunner()
HELD_OUT_SENTENCES = [
    "Our cocoa is bought through three cooperatives in the Ashanti region of Ghana, where "
    "child labour on smallholder farms is a documented risk that we assess every year.",
    "In 2024 we audited eleven packaging suppliers in Malaysia against the Employer Pays "
    "Principle and found recruitment fees charged to migrant workers at two of them.",
    "We repaid those fees in full, with interest, to 143 workers, and we now check the "
    "recruitment contracts of every new supplier before the first order is placed.",
]


def _labelled(path: Path, statements: list[tuple[str, list[tuple[str, list[str]]]]]) -> Path:
    lines = [
        json.dumps(
            {
                "id": sid,
                "annotated_labels": ["c3_risk_description", "c4_risk_mitigation"],
                "sentences": [
                    {"idx": i, "text": text, "labels": labels}
                    for i, (text, labels) in enumerate(sentences)
                ],
            }
        )
        for sid, sentences in statements
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _texts(path: Path, texts: list[str]) -> Path:
    path.write_text(
        "".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts))
    )
    return path


def test_texts_are_read_from_text_lines_and_from_labelled_statements(tmp_path: Path) -> None:
    # Page breaks and line separators as PDF extraction leaves them, unescaped in the JSON.
    texts = ["First statement.\f Page 2.", "Second\u2028statement.\x1c"]
    plain = tmp_path / "u.jsonl"
    plain.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts))
    labelled = _labelled(tmp_path / "l.jsonl", [("S1", [("One.", []), ("Two.", [])])])
    assert read_texts(plain) == texts
    assert read_texts(labelled) == ["One. Two."]


def test_a_malformed_line_names_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{"id": "no text"}\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"bad.jsonl:2: expected a JSON object with a text"):
        read_texts(bad)


def test_texts_sharing_sentences_with_a_held_out_file_are_left_out(tmp_path: Path) -> None:
    held_out = _labelled(tmp_path / "held.jsonl", [("H1", [(s, []) for s in HELD_OUT_SENTENCES])])
    boilerplate = "This statement is made pursuant to section 54 of the Modern Slavery Act 2015."
    texts = [
        # The held-out statement again, extracted differently (case, line breaks).
        "OUR COCOA is bought through three cooperatives in the Ashanti region of Ghana, where\n"
        "child labour on smallholder farms is a documented risk that we assess every year. "
        + HELD_OUT_SENTENCES[1],
        # Another company: one shared distinctive sentence is not enough, boilerplate never is.
        f"{boilerplate} {HELD_OUT_SENTENCES[2]} We sell bicycles in Norway.",
        "We make garden furniture in Leeds.",
    ]
    kept = drop_overlapping(texts, [held_out])
    assert kept.dropped == 1
    assert kept.texts == tuple(texts[1:])
    assert drop_overlapping(texts, []).texts == tuple(texts)


def _training_corpus(rng: random.Random) -> list[str]:
    risks = ["forced labour", "debt bondage", "child labour", "recruitment fees"]
    actions = ["audit", "train", "screen", "contract"]
    return [
        f"We {rng.choice(actions)} suppliers because {rng.choice(risks)} is a risk in "
        f"{rng.choice(['Malaysia', 'Ghana', 'Brazil'])} and our buyers {rng.choice(actions)} "
        "every supplier each year."
        for _ in range(400)
    ]


def test_floret_vectors_are_learnt_and_give_a_classifier_that_loads_and_scores(
    tmp_path: Path,
) -> None:
    vectors = train_vectors(_training_corpus(random.Random(0)), tmp_path / "v.floret")
    header = vectors.read_text(encoding="utf-8").split("\n", 1)[0].split()
    assert header[:2] == ["20000", "100"]  # buckets x dimensions, as VECTOR_SETTINGS says
    data = _labelled(
        tmp_path / "train.jsonl",
        [
            (f"S{i}", [
                ("Forced labour is a high risk in our cocoa supply chain in Ghana.",
                 ["c3_risk_description"]),
                ("We audit every supplier against our code of conduct.", ["c4_risk_mitigation"]),
            ])
            for i in range(20)
        ],
    )  # fmt: skip
    result = runner.invoke(
        app,
        ["classifier", "train", str(data), "-o", str(tmp_path / "model"),
         "--unlabelled", str(_texts(tmp_path / "u.jsonl", _training_corpus(random.Random(1)))),
         "--architecture", "ensemble", "--epochs", "4"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    record = json.loads((tmp_path / "model" / "msa-check-training.json").read_text())
    assert record["architecture"] == "spaCy textcat_multilabel, ensemble-vectors"
    assert [f["file"] for f in record["vectors"]["learnt_from"]] == ["u.jsonl", "train.jsonl"]
    assert record["vectors"]["texts"] == 400 + 20
    classifier = load_classifier(str(tmp_path / "model"))
    assert classifier.nlp.vocab.vectors.shape == (20000, 100)
    # Three members by default, sharing the one vector table.
    assert len(classifier.members) == 3 and record["members"]["seeds"] == [0, 1, 2]
    [risk, audit] = classifier.score(
        ["Debt bondage is a high risk in our supply chain in Malaysia.",
         "We audit every supplier against our code of conduct."]
    )  # fmt: skip
    assert risk["c3_risk_description"] > risk["c4_risk_mitigation"]
    assert audit["c4_risk_mitigation"] > audit["c3_risk_description"]


def test_the_training_record_names_the_held_out_file_and_what_was_left_out(
    tmp_path: Path,
) -> None:
    held_out = _labelled(tmp_path / "held.jsonl", [("H1", [(s, []) for s in HELD_OUT_SENTENCES])])
    unlabelled = _texts(
        tmp_path / "u.jsonl",
        [" ".join(HELD_OUT_SENTENCES), *_training_corpus(random.Random(2))],
    )
    data = _labelled(
        tmp_path / "train.jsonl",
        [("S1", [("We audit every supplier.", ["c4_risk_mitigation"]), ("Hello.", [])])],
    )
    result = runner.invoke(
        app,
        ["classifier", "train", str(data), "-o", str(tmp_path / "model"), "--epochs", "1",
         "--architecture", "ensemble",
         "--unlabelled", str(unlabelled), "--held-out", str(held_out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "400 unlabelled texts (1 left out: they share sentences with held.jsonl)" in " ".join(
        result.stderr.split()
    )
    vectors = json.loads((tmp_path / "model" / "msa-check-training.json").read_text())["vectors"]
    assert vectors["left_out_as_overlapping_held_out"] == 1
    assert [f["file"] for f in vectors["held_out"]] == ["held.jsonl"]


def test_training_with_vectors_without_floret_says_which_extra_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_floret(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "floret":
            raise ImportError("No module named 'floret'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_floret)
    with pytest.raises(UsageError, match=r"pip install 'msa-check\[train\]'"):
        train_vectors(["We audit suppliers."], tmp_path / "v.floret")


def test_a_missing_unlabelled_file_is_a_usage_error(tmp_path: Path) -> None:
    data = _labelled(tmp_path / "train.jsonl", [("S1", [("Hello.", [])])])
    result = runner.invoke(
        app,
        ["classifier", "train", str(data), "-o", str(tmp_path / "model"),
         "--unlabelled", str(tmp_path / "nope.jsonl")],
    )  # fmt: skip
    assert result.exit_code == ExitCode.USAGE
    assert "no data file at" in result.stderr and "nope.jsonl" in result.stderr


def test_word_vectors_with_the_bag_of_words_are_refused_before_any_training(
    tmp_path: Path,
) -> None:
    data = _labelled(tmp_path / "train.jsonl", [("S1", [("We audit suppliers.", [])])])
    texts = _texts(tmp_path / "u.jsonl", ["We audit suppliers."])
    result = runner.invoke(
        app,
        ["classifier", "train", str(data), "-o", str(tmp_path / "model"),
         "--unlabelled", str(texts), "--architecture", "bow"],
    )  # fmt: skip
    assert result.exit_code == ExitCode.USAGE
    assert "the bow architecture does not read word vectors" in result.stderr
    assert "Learning word vectors" not in result.stderr
    assert not (tmp_path / "model").exists()


def test_a_classifier_without_members_is_refused(tmp_path: Path) -> None:
    data = _labelled(tmp_path / "train.jsonl", [("S1", [("We audit suppliers.", [])])])
    result = runner.invoke(
        app, ["classifier", "train", str(data), "-o", str(tmp_path / "model"), "--members", "0"]
    )
    assert result.exit_code == ExitCode.USAGE
    assert "--members" in result.stderr
    assert not (tmp_path / "model").exists()
