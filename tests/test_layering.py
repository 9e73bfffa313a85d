"""The CLI is an outer shell (STYLE.md): no stage, and not the web app, imports msa_check.cli.

Read from the source, so an import inside a function (the way heavy parts are loaded late)
counts as much as one at the top of a module, whether or not a test happens to run it.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "msa_check"
# Allowed to import the CLI: the CLI itself and `python -m msa_check`.
SHELL = ("cli", "__main__.py")


def imported_modules(source: str, path: Path) -> set[str]:
    """Every msa_check module `source` imports at any depth of its code, read as the module
    at `path`, so that relative imports resolve."""
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0]
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] == "msa_check"}


def imports_of_the_cli(source: str, path: Path) -> list[str]:
    names = imported_modules(source, path)
    return sorted(name for name in names if name.split(".")[:2] == ["msa_check", "cli"])


def test_no_module_outside_the_cli_imports_it() -> None:
    inside = {
        str(path.relative_to(PACKAGE)): imports_of_the_cli(path.read_text("utf-8"), path)
        for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE).parts[0] not in SHELL
    }
    assert len(inside) > 100 and "serve/app.py" in inside
    assert {name: found for name, found in inside.items() if found} == {}


def test_the_shell_s_own_imports_are_found() -> None:
    main = PACKAGE / "__main__.py"
    assert imports_of_the_cli(main.read_text("utf-8"), main) == [
        "msa_check.cli",
        "msa_check.cli.main",
    ]


def test_a_late_relative_import_inside_a_method_counts() -> None:
    # The web app's old dashboard import, inside a method, written relative this time.
    app = PACKAGE / "serve" / "app.py"
    late = app.read_text("utf-8") + (
        "\n\nclass Late:\n    def dashboard(self) -> None:\n"
        "        from ..cli.report import report_command\n"
    )
    assert imports_of_the_cli(late, app) == [
        "msa_check.cli.report",
        "msa_check.cli.report.report_command",
    ]
