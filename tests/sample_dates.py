"""What the Northwind 2025 sample's exit code is today.

It meets every mandatory criterion a file can be checked on, for the financial year
ending 31 March 2025; from 18 months after that its `stale` flag is raised and `check`
exits 6 (ExitCode.STALE) instead of 0, as the README's exit-code table says. Tests
that run the sample ask this rather than hard-code either, so they hold on any date.
"""

from __future__ import annotations

from datetime import date

from msa_check.errors import ExitCode
from msa_check.metadata.flags import STALE_AFTER_MONTHS, add_months

NORTHWIND_PERIOD_END = date(2025, 3, 31)


def northwind_exit_code(today: date | None = None) -> ExitCode:
    stale_from = add_months(NORTHWIND_PERIOD_END, STALE_AFTER_MONTHS)
    return ExitCode.STALE if stale_from < (today or date.today()) else ExitCode.OK
