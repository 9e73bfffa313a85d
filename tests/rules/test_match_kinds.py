"""Issue 13 item 3: each match kind is declared once (rules/schema.py MATCH_KINDS), and
validation, loading, the generated reference and the user docs agree with that table."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

from msa_check.rules.loading import build_match
from msa_check.rules.schema import MATCH_KEYS, MATCH_KINDS, MatchSpec, Near

DOCS = Path(__file__).parents[2] / "docs" / "rule-files.md"


def test_every_match_kind_is_a_matchspec_field_and_a_validated_key() -> None:
    keys = [kind.key for kind in MATCH_KINDS]
    assert keys == [f.name for f in fields(MatchSpec)]
    assert list(MATCH_KEYS) == keys


def test_the_user_docs_have_one_row_per_match_kind() -> None:
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("### Match:", 1)[1].split("\n### ", 1)[0]
    documented = re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE)
    assert documented == [kind.key for kind in MATCH_KINDS]


def test_near_within_defaults_in_one_place() -> None:
    [near] = build_match({"near": [{"a": ["approve"], "b": ["board"]}]}).near
    assert near.within == Near((), ()).within == 10
    [given] = build_match({"near": [{"a": "approve", "b": "board", "within": 3}]}).near
    assert given == Near(("approve",), ("board",), 3)


def test_an_empty_match_builds_an_empty_spec() -> None:
    assert build_match({}) == MatchSpec()
    assert build_match({}).is_empty
    assert not build_match({"headings": "training"}).is_empty
