"""The robustness suite: fixtures and the hypothesis profiles.

Profiles (hypothesis settings): `ci`, loaded when CI=true, is derandomized
(the same examples on every run, so CI never fails by chance) with moderate
example counts; `dev`, loaded elsewhere, draws new examples each run.
`HYPOTHESIS_PROFILE=ci` picks the CI one on a laptop. No deadline: a first
example that opens the database or a modal may take longer than hypothesis's
default 200 ms on a busy machine, and timings belong in benchmarks.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, Phase, settings

from tests.conftest import _in_ci
from tests.handlers.conftest import app, fake, fake_server, slack, slack_requests  # noqa: F401 - the handler tests' fixtures
from tests.robustness.private_postgres import PrivatePostgres, missing_reason

# The app, its database and the fake Slack are made once per test; the examples share them.
_SHARED = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]
# No shrinking in CI and by default: a failure is reported as found (with its blob to reproduce) in seconds,
# where shrinking a payload of a hundred fields can take minutes. `explore` shrinks.
_FIND = [Phase.explicit, Phase.reuse, Phase.generate]
# CI keeps no example database: the same examples every run, nothing written in the clone.
settings.register_profile("ci", derandomize=True, database=None, max_examples=25, deadline=None,
                          suppress_health_check=_SHARED, print_blob=True, phases=_FIND)
settings.register_profile("dev", max_examples=25, deadline=None, suppress_health_check=_SHARED, print_blob=True,
                          phases=_FIND)
# For hunting by hand: HYPOTHESIS_PROFILE=explore draws ten times as many, new ones each run.
settings.register_profile("explore", max_examples=250, deadline=None, suppress_health_check=_SHARED, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if _in_ci() else "dev"))


@pytest.fixture(scope="module")
def private_postgres() -> Iterator[PrivatePostgres]:
    """A running PostgreSQL of this module's own; required in CI, skipped with the reason elsewhere."""
    reason = missing_reason()
    if reason is not None:
        if _in_ci():
            pytest.fail(f"CI=true requires the database-outage test, but {reason}", pytrace=False)
        pytest.skip(f"the database-outage test needs a private PostgreSQL: {reason}")
    cluster = PrivatePostgres()
    try:
        cluster.create()
        cluster.start()
        yield cluster
    finally:
        cluster.remove()
