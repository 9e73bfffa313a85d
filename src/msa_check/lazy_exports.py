"""Package names that import their module only when first used (PEP 562).

`msa-check --version` and `--help` must not wait for spaCy, pdfplumber or requests, yet
`from msa_check.fetch import FetchOptions` should keep working. A package that re-exports
names from heavy submodules declares them in a table, and its module `__getattr__`
imports the submodule the first time one of its names is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, exports: Mapping[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` for `package`: each name of `exports` is read from the
    submodule it maps to (relative to the package) on first use, then kept."""

    def __getattr__(name: str) -> Any:
        submodule = exports.get(name)
        if submodule is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{submodule}"), name)
        setattr(importlib.import_module(package), name, value)  # kept: asked for once
        return value

    return __getattr__
