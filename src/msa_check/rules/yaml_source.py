"""Read YAML into plain Python data while remembering where each value was written.

Validation errors must name file:line:column, so the loader keeps, for every path into
the data (("criteria", 3, "match", "regex", 0) say), the position of its node.

A rule file is untrusted input, so reading it is bounded: a file over 2 MB is refused
(the largest bundled set is about 100 KB); aliases are expanded, but at most
MAX_NODES values in all, so a "billion laughs" file of nested aliases is refused
instead of filling memory; an alias inside its own anchor and nesting deeper than
MAX_DEPTH are refused with the line they start on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from msa_check.errors import RuleError

DataPath = tuple[str | int, ...]

MAX_RULE_FILE_BYTES = 2_000_000
MAX_NODES = 200_000  # values after aliases are expanded; the bundled sets have under 10,000
MAX_DEPTH = 60  # the schema nests about 8 deep


@dataclass(frozen=True)
class Position:
    file: str
    line: int  # 1-based
    column: int  # 1-based

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class YamlSource:
    """Plain data from a YAML file, and the position of every value in it."""

    file: str
    data: Any
    positions: dict[DataPath, Position]

    def position(self, path: DataPath) -> Position:
        """The position of `path`, or of its nearest enclosing value that has one."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Position(self.file, 1, 1))


def read_yaml(path: Path) -> YamlSource:
    try:
        size = path.stat().st_size
        if size > MAX_RULE_FILE_BYTES:
            raise RuleError(
                f"{path}: rule file is {size:,} bytes, over the limit of "
                f"{MAX_RULE_FILE_BYTES:,} (split it, or use `extends`)"
            )
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleError(f"cannot read rule file {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise RuleError(f"{path}: not UTF-8 text (save the rule file as UTF-8)") from exc
    return parse_yaml(text, str(path))


def parse_yaml(text: str, file: str) -> YamlSource:
    if len(text) > MAX_RULE_FILE_BYTES:
        raise RuleError(f"{file}: rule text is over the limit of {MAX_RULE_FILE_BYTES:,} bytes")
    reader = _NodeReader(file)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        # Inside the try: a scalar's tag (!!binary, !!python/object) is resolved here.
        data = None if node is None else reader.to_data(node, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{file}:{mark.line + 1}:{mark.column + 1}" if mark else file
        raise RuleError(f"{where}: invalid YAML: {exc.problem}") from exc
    except yaml.reader.ReaderError as exc:
        # A character YAML does not allow (NUL, most control characters): found by fuzzing.
        position = _position_of_offset(text, exc.position, file)
        raise RuleError(
            f"{position}: invalid YAML: character {exc.character:#06x} is not allowed in YAML"
        ) from exc
    except RecursionError as exc:
        # PyYAML's composer recurses once per level: thousands of [[[... run out of stack.
        raise RuleError(f"{file}: YAML nested too deeply (the limit is {MAX_DEPTH})") from exc
    return YamlSource(file, data, reader.positions)


def _position_of_offset(text: str, offset: int, file: str) -> Position:
    line_start = text.rfind("\n", 0, offset) + 1
    return Position(file, text.count("\n", 0, offset) + 1, offset - line_start + 1)


class _NodeReader:
    """Turns a composed node graph into data, within the node and depth budgets."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.positions: dict[DataPath, Position] = {}
        self.nodes = 0
        # Nodes being read, outermost first: an alias back to one of them is a cycle.
        self.open: set[int] = set()

    def refuse(self, node: yaml.Node, message: str) -> RuleError:
        return RuleError(f"{self._position(node)}: {message}")

    def _position(self, node: yaml.Node) -> Position:
        mark = node.start_mark
        return Position(self.file, mark.line + 1, mark.column + 1)

    def to_data(self, node: yaml.Node, path: DataPath) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.refuse(
                node,
                f"the file expands to over {MAX_NODES:,} values (aliases that repeat "
                "aliases?); write the values out or split the file",
            )
        if len(path) > MAX_DEPTH:
            raise self.refuse(node, f"YAML nested deeper than {MAX_DEPTH} levels")
        self.positions[path] = self._position(node)
        if not isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            return _scalar(node)
        if id(node) in self.open:
            raise self.refuse(node, "an alias refers to the value that contains it (a cycle)")
        self.open.add(id(node))
        try:
            return self._collection(node, path)
        finally:
            self.open.discard(id(node))

    def _collection(self, node: yaml.MappingNode | yaml.SequenceNode, path: DataPath) -> Any:
        if isinstance(node, yaml.SequenceNode):
            return [self.to_data(item, (*path, i)) for i, item in enumerate(node.value)]
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                # `? [a, b]` or `{[a]: 1}`: a key that is a list or mapping (found by fuzzing;
                # it was an unhashable-type traceback). No rule-file key is one.
                raise self.refuse(key_node, "a key is text, not a list or mapping")
            key = key_node.value
            key_path: DataPath = (*path, key)
            result[key] = self.to_data(value_node, key_path)
            # A problem with a key (unknown, misspelt) is reported where the key is written.
            self.positions[key_path] = self._position(key_node)
        return result


def _scalar(node: yaml.Node) -> Any:
    # Let PyYAML's safe constructor resolve tags: true/false, numbers, null, strings.
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node)
    finally:
        loader.dispose()
