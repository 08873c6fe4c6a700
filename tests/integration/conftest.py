"""Contract fixtures: the same tests run on the SQL storage and on the fake.

The fake (tests/fakes.py) is what the unit tests trust; running the contract
against it too keeps the fake honest about what the database really does.
"""

from __future__ import annotations

import pytest

from domain.ports import UnitOfWorkFactory
from storage.uow import make_uow_factory
from tests.conftest import BACKENDS, TestDatabase, delete_all_rows
from tests.fakes import FakeStore


@pytest.fixture(params=[pytest.param("fake", id="fake"), *BACKENDS])
def any_uow_factory(request: pytest.FixtureRequest) -> UnitOfWorkFactory:
    """A clean store: the in-memory fake, SQLite, or PostgreSQL."""
    if request.param == "fake":
        return FakeStore().uow
    # The top-level session databases, so skipping and cleaning match `uow_factory`.
    database: TestDatabase = request.getfixturevalue(f"_{request.param}_database")
    delete_all_rows(database.engine)
    return make_uow_factory(database.engine)


@pytest.fixture
def postgres_database(_postgres_database: TestDatabase) -> TestDatabase:
    """The PostgreSQL session database, emptied; skips without PostgreSQL.

    For what only PostgreSQL does (row locks, advisory locks); mark such
    tests `@pytest.mark.postgres` so CI counts them.
    """
    delete_all_rows(_postgres_database.engine)
    return _postgres_database
