"""Hostile rule files into the loader, the validator and the matcher (issue 15 items 3, 8).

A rule file is untrusted input. Whatever its bytes, loading it gives a RuleSet or a
RuleError (exit 2) whose message names the file, and `rules validate` exits 0 or 2
without a traceback. A file that validates must then run over a short statement: its
regexes, however they nest, are held to the matcher's time limit.
"""

from __future__ import annotations

import atexit
import itertools
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import event, given
from hypothesis import strategies as st
from spacy.language import Language
from typer.testing import CliRunner

from msa_check.analyse import analyse_document
from msa_check.cli import app
from msa_check.errors import ExitCode, RuleError
from msa_check.extract.assemble import DraftBlock, assemble_document
from msa_check.models import BlockKind, ContentKind
from msa_check.nlp import load_pipeline, parse_document
from msa_check.rules import text_hits, token_regex, yaml_source
from msa_check.rules.backtracking import backtracking_warnings
from msa_check.rules.loading import BUNDLED_DIR, load_rule_set
from msa_check.rules.matching import RuleSetMatcher
from msa_check.rules.schema import RuleSet
from msa_check.rules.yaml_source import parse_yaml, read_yaml
from tests.fuzz.settings import FUZZ

runner = CliRunner()
_FOLDER = Path(tempfile.mkdtemp(prefix="msa-fuzz-rules-"))
# Not pytest's tmp_path: hypothesis refuses function-scoped fixtures across examples.
atexit.register(shutil.rmtree, _FOLDER, ignore_errors=True)
_NAMES = itertools.count()

# A hang, not a speed figure: a statement of a few sentences, each regex held to
# REGEX_TIMEOUT (below) per sentence, finishes in well under a second; a regex that
# escaped its time limit takes minutes (the (a|a)+$ shape below on 30 letters: 2**30 ways).
HANG_SECONDS = 60.0
REGEX_TIMEOUT = 0.05

_UK = yaml.safe_load((BUNDLED_DIR / "uk-msa-s54.yaml").read_text(encoding="utf-8"))

# Text that makes backtracking regexes work hard: a long run of one letter that then
# fails to match, next to sentences the bundled criteria match.
STATEMENT = (
    "This statement sets out the steps we have taken during the year to ensure that "
    "slavery and human trafficking is not taking place in our supply chains. "
    + "a" * 30
    + "! Our code "
    + "a" * 30
    + "1 is one token. Workers can call our worker hotline. The board approved this statement "
    "and it is signed by a director."
)

# Regexes from a small alphabet, so brackets go unbalanced and quantifiers nest, and the
# classic catastrophic shapes themselves.
_REGEX_ALPHABET = "a()+*?[]{}|\\^$.,1-w:<>=!"
_NASTY_REGEXES = [
    "(a+)+$",
    "(a|a)+$",
    "(a|aa)+$",
    r"(\w+\s?)*$",
    "((a*)*)*b",
    "(?:a{1,30}){1,30}!x",
    "(",
    "[",
    "a{99999999999}",
    "a{2,1}",
    "(?P<x>a)(?P=x)",
    "(?<=a+)b",
    r"\p{L}+",
    "",
    " ",
]
_REGEX = st.sampled_from(_NASTY_REGEXES) | st.text(_REGEX_ALPHABET, max_size=14)
_WORDS = st.text(max_size=20) | st.sampled_from(["hotline", "slavery", "a", "step", "worker"])
_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([10**30, -(10**30), -1, 0, 2**63]),
    st.floats(),
    st.text(max_size=30),
)
_VALUE = st.recursive(
    _SCALAR,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
_EXTENDS = st.sampled_from(["uk-msa-s54", "au-msa-s16", "no-such-set", "missing.yaml", "SELF"])


def _write(content: bytes | str) -> Path:
    path = _FOLDER / f"rules-{next(_NAMES)}.yaml"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
    else:
        path.write_bytes(content)
    return path


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def _load_or_refuse(path: Path) -> Any:
    """The RuleSet, or None after checking the refusal is a RuleError naming the file."""
    try:
        return load_rule_set(str(path))
    except RuleError as error:
        assert error.exit_code == ExitCode.USAGE
        assert str(path) in error.message, error.message
        return None


def _validate_on_the_command_line(path: Path) -> None:
    result = runner.invoke(app, ["rules", "validate", str(path)])
    assert result.exit_code in (ExitCode.OK, ExitCode.USAGE), result.output
    assert "Traceback" not in result.output
    if result.exit_code == ExitCode.USAGE:
        assert str(path) in result.stderr, result.stderr


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes_as_a_rule_file_load_or_are_refused_naming_the_file(content: bytes) -> None:
    _load_or_refuse(_write(content))


@FUZZ
@given(st.text(max_size=300))
def test_any_text_as_a_rule_file_loads_or_is_refused_naming_the_file(text: str) -> None:
    path = _write(text.encode("utf-8", "surrogatepass"))
    _load_or_refuse(path)
    try:
        parse_yaml(text, "text.yaml")
    except RuleError as error:
        assert error.message.startswith("text.yaml"), error.message


def _yaml_shaped(draw: st.DrawFn) -> str:
    """YAML built from YAML's own syntax: flow and block collections, keys that are
    collections, anchors, aliases (also inside their own anchor), tags and merges."""
    pieces = st.sampled_from(
        [
            "{",
            "}",
            "[",
            "]",
            ", ",
            ": ",
            "\n",
            "\n  ",
            "- ",
            "? ",
            "&a ",
            "*a",
            "&b ",
            "*b",
            "<<: *a",
            "!!str ",
            "!!python/object ",
            "!!binary ",
            "'",
            '"',
            "|\n  ",
            "id",
            "criteria",
            "match",
            "regex",
            "x",
            "1",
            "null",
            "~",
            "#",
            "---\n",
            "...",
        ]
    )
    return "".join(draw(st.lists(pieces, max_size=40)))


@FUZZ
@given(st.data())
def test_yaml_syntax_soup_loads_or_is_refused_and_validate_never_crashes(
    data: st.DataObject,
) -> None:
    text = data.draw(st.composite(lambda draw: _yaml_shaped(draw))())
    path = _write(text)
    _load_or_refuse(path)
    _validate_on_the_command_line(path)


def _laughs(levels: int, width: int) -> str:
    """Nested aliases: width**levels values once expanded."""
    lines = ['l0: &l0 ["lol"]']
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def _expanded_values(levels: int, width: int) -> int:
    """How many values the loader counts in `_laughs(levels, width)`: the top mapping,
    then each level's list and what its aliases expand to."""
    sizes = [2]  # l0: its list and "lol"
    for _ in range(levels):
        sizes.append(1 + width * sizes[-1])
    return 1 + sum(sizes)


# The real budget (200,000) costs about a second per refusal; the counting is the same
# with a small one, and tests/rules/test_rule_file_safety.py holds the real one.
SMALL_BUDGET = 2_000


@FUZZ
@given(st.integers(1, 12), st.integers(1, 12), st.booleans())
def test_nested_aliases_expand_within_the_budget_or_are_refused(
    levels: int, width: int, cycle: bool
) -> None:
    text = _laughs(levels, width) + ("me: &me {again: *me}\n" if cycle else "")
    path = _write(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yaml_source, "MAX_NODES", SMALL_BUDGET)
        try:
            read_yaml(path)
        except RuleError as error:
            assert error.message.startswith(f"{path}:"), error.message  # with the line
            over = _expanded_values(levels, width) > SMALL_BUDGET
            assert ("over 2,000 values" in error.message) is over, error.message
            assert cycle or over, error.message
        else:
            assert not cycle and _expanded_values(levels, width) <= SMALL_BUDGET


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


def _parent(root: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        root = root[step]
    return root


@st.composite
def _mutated_rule_file(draw: st.DrawFn) -> str:
    """One to three bundled criteria, mutated a few times over, as YAML text."""
    criteria = draw(st.lists(st.sampled_from(_UK["criteria"]), min_size=1, max_size=3))
    document: dict[str, Any] = {
        "id": "fuzzed",
        "title": "Fuzzed",
        "criteria": yaml.safe_load(yaml.safe_dump(criteria)),  # a deep copy
    }
    for _ in range(draw(st.integers(0, 6))):
        paths = [p for p in _paths(document) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, key = _parent(document, path), path[-1]
        action = draw(st.sampled_from(["drop", "retype", "regex", "phrase", "duplicate", "number"]))
        if action == "drop":
            del parent[key]
        elif action == "retype":
            parent[key] = draw(_VALUE)
        elif action == "regex":
            parent[key] = draw(st.lists(_REGEX, min_size=1, max_size=3))
        elif action == "phrase":
            parent[key] = draw(st.lists(_WORDS, min_size=1, max_size=3))
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(yaml.safe_load(yaml.safe_dump(parent[key])))
        elif action == "number":
            parent[key] = draw(st.sampled_from([-1, 0, 1, 2, 10**30, -(10**30), 0.5]))
    if draw(st.booleans()):
        criteria = document.get("criteria")
        criterion = (
            draw(st.sampled_from(criteria)) if isinstance(criteria, list) and criteria else None
        )
        if isinstance(criterion, dict):
            criterion["require"] = {"min_evidence": draw(st.integers(-5, 5) | _SCALAR)}
            regexes = draw(st.lists(_REGEX, min_size=1, max_size=3))
            match = criterion.get("match")
            if not isinstance(match, dict):
                match = criterion["match"] = {}
            match["regex"] = regexes
            if draw(st.booleans()):  # the same shapes as spaCy token REGEX predicates
                match["patterns"] = [[{"LOWER": {"REGEX": r}}] for r in regexes]
    if draw(st.booleans()):
        document["extends"] = draw(_EXTENDS)
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    # Anchors and aliases the dumper never writes: a phrase list shared by reference,
    # and (sometimes) an alias inside its own anchor.
    if draw(st.booleans()):
        text = text.replace("  match:\n", "  match: &m\n", 1)
        text = text.replace("  exclude:\n", "  exclude: *m\n  unused:\n", 1)
    if draw(st.booleans()):
        text += "description: &self [*self]\n"
    return text


@FUZZ
@given(_mutated_rule_file())
def test_a_mutated_bundled_set_validates_or_not_and_what_validates_runs_in_bounded_time(
    nlp: Language, text: str
) -> None:
    path = _write(text.replace("SELF", "placeholder"))
    path.write_text(text.replace("SELF", str(path)), encoding="utf-8", errors="surrogatepass")
    rule_set = _load_or_refuse(path)
    event("refused" if rule_set is None else "validated, then run")
    if rule_set is None:
        return
    if backtracking_warnings(rule_set):
        event("validated with a nested-quantifier warning")
    _run_within_the_time_limit(rule_set, nlp)


def _run_within_the_time_limit(rule_set: RuleSet, nlp: Language) -> None:
    """Run the rule set over STATEMENT with a short regex time limit; no hang, every
    criterion judged."""
    document = assemble_document(
        ContentKind.TEXT, [DraftBlock(STATEMENT, BlockKind.PARAGRAPH, None)]
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text_hits, "REGEX_TIMEOUT_SECONDS", REGEX_TIMEOUT)
        patch.setattr(token_regex, "REGEX_TIMEOUT_SECONDS", REGEX_TIMEOUT)
        started = time.monotonic()
        [result] = analyse_document(parse_document(document, nlp), [RuleSetMatcher(rule_set, nlp)])
        elapsed = time.monotonic() - started
    if any("and was skipped there" in (c.note or "") for c in result.criteria):
        event("a regex ran out of time and was skipped")
    assert elapsed < HANG_SECONDS, f"{elapsed:.1f} s on a {len(STATEMENT)}-character statement"
    assert [c.id for c in result.criteria] == [c.id for c in rule_set.criteria]


# Regexes that always compile, built to nest quantifiers: atoms, groups of them, repeats.
_ATOM = st.sampled_from(["a", "aa", r"\w", ".", "[a-z]", r"\s", "1", "!"])
_QUANTIFIER = st.sampled_from(["", "+", "*", "?", "{1,30}", "+?", "*+", "{2}"])
_VALID_REGEX = st.recursive(
    st.tuples(_ATOM, _QUANTIFIER).map("".join),
    lambda inner: (
        st.tuples(st.lists(inner, min_size=1, max_size=3).map("|".join), _QUANTIFIER).map(
            lambda group: f"(?:{group[0]}){group[1]}"
        )
        | st.lists(inner, min_size=2, max_size=3).map("".join)
    ),
    max_leaves=6,
).map(lambda body: body + _anchor(body))


def _anchor(body: str) -> str:
    # A trailing $ after a nested repeat is the catastrophic shape: (a|a)+$ on "aaa...a!".
    return "$" if len(body) % 2 else ""


@st.composite
def _valid_set_with_hostile_regexes(draw: st.DrawFn) -> str:
    """Bundled criteria, left valid, with every regex swapped for a nested-quantifier one
    (and, sometimes, token REGEX patterns of the same), and any min_evidence of 1 or more."""
    criteria = draw(
        st.lists(
            st.sampled_from(_UK["criteria"]), min_size=1, max_size=2, unique_by=lambda c: c["id"]
        )
    )
    criteria = yaml.safe_load(yaml.safe_dump(criteria))
    for criterion in criteria:
        criterion["require"] = {"min_evidence": draw(st.integers(1, 5))}
        for spec in [
            criterion["match"],
            criterion.get("exclude"),
            *(a.get("match") for a in criterion.get("alerts", [])),
        ]:
            if not isinstance(spec, dict):
                continue
            regexes = draw(
                st.lists(_VALID_REGEX | st.sampled_from(_NASTY_REGEXES[:6]), min_size=1, max_size=3)
            )
            spec["regex"] = regexes
            if draw(st.booleans()):
                spec["patterns"] = [[{"LOWER": {"REGEX": r}}] for r in regexes]
    return yaml.safe_dump(
        {"id": "fuzzed", "title": "Fuzzed", "criteria": criteria}, sort_keys=False
    )


@FUZZ
@given(_valid_set_with_hostile_regexes())
def test_a_valid_set_with_nested_quantifier_regexes_validates_and_runs_in_bounded_time(
    nlp: Language, text: str
) -> None:
    rule_set = load_rule_set(str(_write(text)))  # must validate: every regex compiles
    if backtracking_warnings(rule_set):
        event("validated with a nested-quantifier warning")
    _run_within_the_time_limit(rule_set, nlp)
