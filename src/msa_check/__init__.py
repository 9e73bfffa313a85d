"""msa-check: read modern slavery statements and report, with quoted evidence, how well
each meets the disclosure criteria of the law."""

from __future__ import annotations

__version__ = "0.1.0"

# The Python API: each function imports its stage only when called.
from msa_check.api import batch, check, iter_store_rows, read_store

__all__ = ["__version__", "batch", "check", "iter_store_rows", "read_store"]
