"""Every regular expression built into msa_check runs in linear time on long runs.

A hostile page can hold one 300,000-letter "word"; a pattern that backtracks over it from
every start position (as `_LINE_END_HYPHEN` once did) turns that into hours. The patterns
are found two ways so a new one cannot slip past: the compiled patterns held by each
module (directly or in a tuple, list or dict), and every literal pattern passed to a `re`
function anywhere in src/. Each is timed on a run of n and of 4n characters: linear work
grows about 4x, quadratic 16x; the bound leaves room for a loaded machine.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import msa_check

SOURCE_ROOT = Path(msa_check.__file__).parent
RE_FUNCTIONS = {
    "compile",
    "search",
    "match",
    "fullmatch",
    "sub",
    "subn",
    "findall",
    "finditer",
    "split",
}
SHORT_RUN = 5_000
LONG_RUN = 4 * SHORT_RUN
# Linear is about 4x; quadratic about 16x. Below the floor a run is too quick to be a hang
# and too quick to time reliably on a shared machine.
RATIO_BOUND = 12.0
# 0.25 s: under the full suite a linear pattern's 4 ms grew to 64 ms once (16x, noise);
# each quadratic pattern this test found took 0.9 s or more on the long run.
FLOOR_SECONDS = 0.25
ABSOLUTE_BOUND_SECONDS = 2.0

RUN_MAKERS = {
    "letters": lambda n: "a" * n,
    "capitals": lambda n: "A" * n,
    "digits": lambda n: "7" * n,
    "ligatures": lambda n: "\ufb01" * n,
    "spaces": lambda n: " " * n,
    "letters-then-hyphen": lambda n: "a" * n + "-\n",
    "words": lambda n: "ab " * (n // 3),
    "dots": lambda n: "." * n,
    "newlines": lambda n: " \n" * (n // 2),
}


def _patterns_in(value: object, depth: int = 0) -> Iterator[re.Pattern[str]]:
    if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
        yield value
    elif depth < 3 and isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            yield from _patterns_in(item, depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for item in value.values():
            yield from _patterns_in(item, depth + 1)


def _module_patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for module_info in pkgutil.walk_packages(msa_check.__path__, "msa_check."):
        if module_info.name.endswith("__main__"):
            continue  # importing it runs the command line
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            for index, pattern in enumerate(_patterns_in(value)):
                found.setdefault(f"{module_info.name}.{name}[{index}]", pattern)
    return found


def _literal_pattern_calls() -> Iterator[tuple[str, str]]:
    """(where, pattern) for each `re.f("literal", ...)` call in the package's source."""
    for path in sorted(SOURCE_ROOT.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in RE_FUNCTIONS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                where = f"{path.relative_to(SOURCE_ROOT)}:{node.lineno}"
                yield where, node.args[0].value


MODULE_PATTERNS = _module_patterns()
LITERAL_CALLS = list(_literal_pattern_calls())


def _all_patterns() -> dict[str, re.Pattern[str]]:
    patterns = dict(MODULE_PATTERNS)
    held = {(p.pattern) for p in MODULE_PATTERNS.values()}
    for where, literal in LITERAL_CALLS:
        if literal not in held:
            # Inline calls (re.sub(r"\s+", ...)) are compiled here with no flags, as written.
            patterns[where] = re.compile(literal)
    return patterns


ALL_PATTERNS = _all_patterns()


def _seconds_for(pattern: re.Pattern[str], text: str) -> float:
    """Best of three timings of the work normalisation and matching do: sub and finditer."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        pattern.sub("", text)
        for _match in pattern.finditer(text):
            pass
        best = min(best, time.perf_counter() - started)
    return best


def test_the_scan_finds_the_built_in_patterns() -> None:
    # Guards the collector itself: if imports or the walk broke, the timing test would
    # pass over nothing.
    assert len(ALL_PATTERNS) >= 60
    assert any(name.endswith("._LINE_END_HYPHEN[0]") for name in ALL_PATTERNS)
    compiled_literals = {lit for where, lit in LITERAL_CALLS}
    held = {p.pattern for p in MODULE_PATTERNS.values()}
    # Most re.compile literals sit at module level; those that do not (in a function) are
    # still timed through the literal route.
    assert len(compiled_literals & held) >= 40


@pytest.mark.parametrize("name", sorted(ALL_PATTERNS))
def test_pattern_runs_in_linear_time(name: str) -> None:
    pattern = ALL_PATTERNS[name]
    for run_name, make_run in RUN_MAKERS.items():
        short = _seconds_for(pattern, make_run(SHORT_RUN))
        long = _seconds_for(pattern, make_run(LONG_RUN))
        assert long < ABSOLUTE_BOUND_SECONDS, f"{name} on {LONG_RUN} {run_name}: {long:.2f} s"
        if long > FLOOR_SECONDS:
            ratio = long / max(short, 1e-9)
            assert ratio < RATIO_BOUND, (
                f"{name} on {run_name}: {short:.4f} s for {SHORT_RUN}, "
                f"{long:.4f} s for {LONG_RUN} ({ratio:.1f}x; linear is about 4x)"
            )
