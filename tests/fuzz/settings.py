"""Shared hypothesis settings: a few seconds in CI, more with MSA_FUZZ_EXAMPLES set."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("MSA_FUZZ_EXAMPLES", "25"))
# No per-example deadline: the machine is shared, and a slow example is not a failure
# here (hangs are the linear-time test's business); the example count bounds the run.
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
