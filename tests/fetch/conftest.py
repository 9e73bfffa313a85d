"""Fixtures shared by the fetch tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fetch.servers import RawServer, running_raw_server


@pytest.fixture
def raw_server() -> Iterator[RawServer]:
    with running_raw_server() as server:
        yield server
