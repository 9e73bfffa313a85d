"""msa-check: read modern slavery statements and report, with quoted evidence, how well
each meets the disclosure criteria of the law."""

from __future__ import annotations

__version__ = "0.1.0"
