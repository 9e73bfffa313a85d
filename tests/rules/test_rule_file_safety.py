"""Issue 15: a rule file is untrusted input. Reading one is bounded (size, aliases, cycles,
depth) and its regexes run with a time limit, so a hostile or careless file gets a
file:line error (exit 2) or a noted skip, never a hang, a memory blow-up or a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from msa_check.analyse import analyse_document
from msa_check.cli import app
from msa_check.errors import ExitCode, RuleError
from msa_check.extract.assemble import DraftBlock, assemble_document
from msa_check.models import BlockKind, ContentKind, Verdict
from msa_check.nlp import parse_document
from msa_check.rules import text_hits
from msa_check.rules.backtracking import has_nested_quantifier
from msa_check.rules.catalogue import read_config
from msa_check.rules.loading import RuleValidationError, load_rule_set
from msa_check.rules.matching import RuleSetMatcher
from msa_check.rules.yaml_source import MAX_NODES, MAX_RULE_FILE_BYTES, parse_yaml, read_yaml
from tests.conftest import one_criterion_rule_set
from tests.rules.test_validation import write

runner = CliRunner()

# Nine levels of nine aliases: 9**9 (387 million) strings once expanded, from 500 bytes.
BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)
CYCLE = "id: &me\n  again: *me\n"
HOTLINE = """\
id: mine
title: Mine
criteria:
  - id: hotline
    title: Hotline
    match:
      {match}
    examples:
      pass: ["Workers can call our worker hotline."]
      fail: ["We value our people."]
"""


def test_nested_aliases_are_refused_within_the_node_budget(tmp_path: Path) -> None:
    path = write(tmp_path, BILLION_LAUGHS)
    assert len(BILLION_LAUGHS) < 600
    with pytest.raises(RuleError) as caught:
        read_yaml(path)
    assert caught.value.exit_code == ExitCode.USAGE
    assert caught.value.message.startswith(f"{path}:")
    assert f"over {MAX_NODES:,} values" in caught.value.message


def test_a_few_aliases_are_still_expanded() -> None:
    source = parse_yaml("words: &w [hotline, helpline]\nagain: *w\n", "f.yaml")
    assert source.data == {"words": ["hotline", "helpline"], "again": ["hotline", "helpline"]}


def test_an_alias_inside_its_own_anchor_is_a_cycle_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, CYCLE)
    with pytest.raises(RuleError, match=r"mine\.yaml:1:5: an alias refers to the value"):
        load_rule_set(str(path))


def test_deep_nesting_is_refused_not_a_recursion_error() -> None:
    with pytest.raises(RuleError, match="nested"):
        parse_yaml("a: " + "[" * 5000 + "]" * 5000, "deep.yaml")
    with pytest.raises(RuleError, match="nested deeper than"):
        parse_yaml("a: " + "[" * 100 + "]" * 100, "deep.yaml")


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "id: x\ntitle: " + "a" * MAX_RULE_FILE_BYTES + "\n")
    with pytest.raises(RuleError, match=r"over the limit of 2,000,000"):
        read_yaml(path)


@pytest.mark.parametrize("text", [BILLION_LAUGHS, CYCLE])
def test_the_config_file_is_read_under_the_same_limits(tmp_path: Path, text: str) -> None:
    with pytest.raises(RuleError, match=r"config\.yaml:\d+:\d+: "):
        read_config(write(tmp_path, text, "config.yaml"))


@pytest.mark.parametrize("text", [BILLION_LAUGHS, CYCLE])
def test_rules_validate_and_check_rules_exit_2_with_file_and_line(
    tmp_path: Path, text: str
) -> None:
    path = write(tmp_path, text)
    statement = write(tmp_path, "We have a worker hotline.\n", "statement.txt")
    for args in (["rules", "validate", str(path)], ["check", str(statement), "--rules", str(path)]):
        result = runner.invoke(app, args)
        assert result.exit_code == ExitCode.USAGE, result.output
        assert f"{path}:1:" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("expression", "nested"),
    [
        ("(a+)+$", True),
        (r"(\w+\s?)*x", True),
        ("(?:a|b+)*", True),
        (r"(?:\w+\s+){0,3}risk", False),  # a small bound: bundled rules rely on it
        ("a+b+", False),
        ("(ab|a)*", False),
    ],
)
def test_nested_quantifiers_are_recognised(expression: str, nested: bool) -> None:
    assert has_nested_quantifier(expression) is nested


def test_rules_validate_warns_about_nested_quantifiers_in_regex_and_token_patterns(
    tmp_path: Path,
) -> None:
    match = "regex: ['worker hotline', '(a+)+$']\n      patterns: [[{LOWER: {REGEX: '^(x+)+y$'}}]]"
    result = runner.invoke(
        app, ["rules", "validate", str(write(tmp_path, HOTLINE.format(match=match)))]
    )
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "warning:" in line]
    assert len(warnings) == 2 and "'(a+)+$' nests quantifiers" in warnings[0]
    assert "'^(x+)+y$'" in warnings[1]


def test_a_regex_that_runs_out_of_time_is_skipped_and_noted(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The `regex` module defuses the textbook (a+)+$, not (a|a)+$: on 30 letters and a
    # full stop that tries 2**30 ways to split the run.
    monkeypatch.setattr(text_hits, "REGEX_TIMEOUT_SECONDS", 0.05)
    rule_set = one_criterion_rule_set({"match": {"regex": ["(a|a)+$", "hotline"]}})
    text = "a" * 30 + "! We run a worker hotline."
    document = assemble_document(ContentKind.TEXT, [DraftBlock(text, BlockKind.PARAGRAPH, None)])
    [result] = analyse_document(parse_document(document, nlp), [RuleSetMatcher(rule_set, nlp)])
    [criterion] = result.criteria
    assert criterion.verdict is Verdict.MET  # the other regex still found its sentence
    assert "regex '(a|a)+$' took over 0.05 s on sentence 1 and was skipped there" in criterion.note


def test_a_classifier_model_that_is_not_there_is_a_validation_problem(tmp_path: Path) -> None:
    match = "classifier: {label: hotline, min_score: 0.5, model: " + str(tmp_path / "none") + "}"
    path = write(tmp_path, HOTLINE.format(match=match))
    with pytest.raises(RuleValidationError) as caught:
        load_rule_set(str(path))
    [problem] = [str(p) for p in caught.value.problems]
    assert problem.startswith(f"{path}:7:") and "no classifier model" in problem


def test_a_classifier_model_that_does_not_load_fails_validation_cleanly(tmp_path: Path) -> None:
    broken = tmp_path / "broken-model"
    broken.mkdir()
    (broken / "config.cfg").write_text("not a spaCy config", encoding="utf-8")
    match = f"classifier: {{label: hotline, min_score: 0.5, model: {broken}}}"
    result = runner.invoke(
        app, ["rules", "validate", str(write(tmp_path, HOTLINE.format(match=match)))]
    )
    assert result.exit_code == ExitCode.USAGE
    assert "cannot load the classifier" in result.stderr and "Traceback" not in result.output


# Found by tests/fuzz/test_rule_files.py: each was a traceback (exit 1, or 4 with --rules).
FUZZ_FINDINGS = {
    "a NUL character": ("id: x\ntitle: a\x00b\n", "2:9: invalid YAML: character 0x0000"),
    "a list as a key": ("id: x\n? [a, b]\n: 1\n", "2:3: a key is text, not a list or mapping"),
    "a mapping as a key": ("{id: x, {a: 1}: 2}\n", "1:9: a key is text, not a list or mapping"),
    "a Python tag": (
        "id: x\ntitle: !!python/object:os.system ls\n",
        "2:8: invalid YAML: could not determine a constructor",
    ),
    "a list as an id where `extends` makes ids partial": (
        "id: x\ntitle: X\nextends: uk-msa-s54\ncriteria:\n  - id: [steps_taken]\n",
        "5:5: an id is lower-case letters",
    ),
}


@pytest.mark.parametrize("name", FUZZ_FINDINGS)
def test_rule_files_the_fuzzer_broke_are_refused_at_their_line(tmp_path: Path, name: str) -> None:
    text, message = FUZZ_FINDINGS[name]
    path = write(tmp_path, text)
    with pytest.raises(RuleError) as caught:
        load_rule_set(str(path))
    assert f"{path}:{message}" in str(caught.value)
    result = runner.invoke(app, ["rules", "validate", str(path)])
    assert result.exit_code == ExitCode.USAGE, result.output
    assert f"{path}:{message}" in result.stderr and "Traceback" not in result.output
