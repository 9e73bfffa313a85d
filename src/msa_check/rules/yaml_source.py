"""Read YAML into plain Python data while remembering where each value was written.

Validation errors must name file:line:column, so the loader keeps, for every path into
the data (("criteria", 3, "match", "regex", 0) say), the position of its node.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from msa_check.errors import RuleError

DataPath = tuple[str | int, ...]


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
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleError(f"cannot read rule file {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise RuleError(f"{path}: not UTF-8 text (save the rule file as UTF-8)") from exc
    return parse_yaml(text, str(path))


def parse_yaml(text: str, file: str) -> YamlSource:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{file}:{mark.line + 1}:{mark.column + 1}" if mark else file
        raise RuleError(f"{where}: invalid YAML: {exc.problem}") from exc
    positions: dict[DataPath, Position] = {}
    data = _to_data(node, (), file, positions) if node is not None else None
    return YamlSource(file, data, positions)


def _to_data(
    node: yaml.Node, path: DataPath, file: str, positions: dict[DataPath, Position]
) -> Any:
    mark = node.start_mark
    positions[path] = Position(file, mark.line + 1, mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            key_path: DataPath = (*path, key)
            result[key] = _to_data(value_node, key_path, file, positions)
            key_mark = key_node.start_mark
            # A problem with a key (unknown, misspelt) is reported where the key is written.
            positions[key_path] = Position(file, key_mark.line + 1, key_mark.column + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(item, (*path, i), file, positions) for i, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    # Let PyYAML's safe constructor resolve tags: true/false, numbers, null, strings.
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node)
    finally:
        loader.dispose()
