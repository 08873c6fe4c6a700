"""Fixtures of the job tests: a fully wired app whose clock and sleep the test controls."""

from __future__ import annotations

from typing import Any

import pytest

from tests.handlers.jobs.steps import make_world


@pytest.fixture
def world(uow_factory: Any) -> Any:
    return make_world(uow_factory)
