"""Database fixtures shared by every test directory.

Backends: SQLite always (one temporary file per test session) and PostgreSQL
when COACHFLOW_TEST_DATABASE_URL is set. Each PostgreSQL test session gets its
own schema (`coachflow_test_<hex>`), migrated with storage.migrate and dropped
at the end, so parallel runs and developers can share one database.

Fixtures:
- `database`, `database_url`, `engine`: a migrated database, emptied before
  each test; parametrised over ["sqlite", "postgres"].
- `uow_factory`: a `domain.ports.UnitOfWorkFactory` over that database.
- `sqlite_engine`: the same on SQLite only, for tests that need one backend.
- `empty_database_url`, `empty_engine`: a brand-new database with no tables
  (migration tests); parametrised over both backends.

CI (`CI=true`) requires PostgreSQL: the run stops at once without the
variable, and fails if no PostgreSQL test actually ran.
"""

from __future__ import annotations

import os
import secrets
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from domain.ports import UnitOfWorkFactory
from storage import migrate
from storage.orm import Base
from storage.uow import make_engine, make_uow_factory, normalise_database_url

POSTGRES_URL_VARIABLE = "COACHFLOW_TEST_DATABASE_URL"
POSTGRES_SKIP_REASON = (
    "PostgreSQL tests need COACHFLOW_TEST_DATABASE_URL "
    "(e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)"
)
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def _postgres_base_url() -> str | None:
    return os.environ.get(POSTGRES_URL_VARIABLE, "").strip() or None


# -- CI requires PostgreSQL ----------------------------------------------------

_postgres_tests_run = 0
_ci_problems: list[str] = []


def pytest_sessionstart(session: pytest.Session) -> None:
    if _in_ci() and _postgres_base_url() is None:
        raise pytest.UsageError(
            f"CI=true but {POSTGRES_URL_VARIABLE} is not set: CI must run the "
            "PostgreSQL tests. Set it, e.g. "
            f"{POSTGRES_URL_VARIABLE}=postgresql+psycopg://postgres@127.0.0.1:5432/test"
        )


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    global _postgres_tests_run  # noqa: PLW0603 - pytest's hooks share no object but the module
    if report.when == "call" and "postgres" in report.keywords and not report.skipped:
        _postgres_tests_run += 1


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not _in_ci() or session.config.option.collectonly or _postgres_tests_run:
        return
    _ci_problems.append(
        "CI=true but no PostgreSQL test ran (all skipped, deselected or not "
        f"collected). CI requires them: check {POSTGRES_URL_VARIABLE} and -m/-k options."
    )
    if session.exitstatus in (pytest.ExitCode.OK, pytest.ExitCode.NO_TESTS_COLLECTED):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    # One line per reason, not one per skipped test (addopts has no `-rs`):
    # without PostgreSQL some 200 tests skip for the same reason.
    reasons = Counter(_skip_reason(report) for report in terminalreporter.stats.get("skipped", []))
    if reasons:
        terminalreporter.section("skipped, by reason", sep="-")
        for reason, count in reasons.most_common():
            terminalreporter.write_line(f"{count:5d}  {reason}")
    for problem in _ci_problems:
        terminalreporter.section("CI requires PostgreSQL", sep="=", red=True, bold=True)
        terminalreporter.write_line(problem, red=True)


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    return reason.removeprefix("Skipped: ")


# -- session databases ---------------------------------------------------------


@dataclass(frozen=True)
class TestDatabase:
    """A migrated database for one backend; `url` works with make_engine."""

    __test__ = False  # not a test class, whatever its name

    backend: str
    url: str
    engine: Engine


def delete_all_rows(engine: Engine) -> None:
    # Children before parents; far faster than dropping and migrating again.
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


def _url_with_search_path(base_url: str, schema: str) -> str:
    # The schema goes into the URL itself (psycopg's `options`), so code that
    # only gets a URL, such as the CLI, lands in the test schema too.
    url = make_url(normalise_database_url(base_url))
    url = url.update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def _postgres_admin_engine() -> Iterator[Engine]:
    base_url = _postgres_base_url()
    if base_url is None:
        pytest.skip(POSTGRES_SKIP_REASON)
    engine = make_engine(base_url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        engine.dispose()
        masked = make_url(normalise_database_url(base_url)).render_as_string(hide_password=True)
        pytest.fail(f"{POSTGRES_URL_VARIABLE}={masked}: cannot connect ({error})", pytrace=False)
    yield engine
    engine.dispose()


@contextmanager
def _temporary_schema(admin: Engine) -> Iterator[str]:
    """A new, empty PostgreSQL schema, dropped with everything in it afterwards."""
    schema = f"coachflow_test_{secrets.token_hex(6)}"
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield schema
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))


@pytest.fixture(scope="session")
def _postgres_database(_postgres_admin_engine: Engine) -> Iterator[TestDatabase]:
    base_url = _postgres_base_url()
    assert base_url is not None
    with _temporary_schema(_postgres_admin_engine) as schema:
        url = _url_with_search_path(base_url, schema)
        engine = make_engine(url)
        try:
            migrate.upgrade(engine)
            yield TestDatabase("postgres", url, engine)
        finally:
            # Close pooled connections before the schema is dropped.
            engine.dispose()


@pytest.fixture(scope="session")
def _sqlite_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestDatabase]:
    path = tmp_path_factory.mktemp("sqlite") / "coachflow-test.db"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        yield TestDatabase("sqlite", url, engine)
    finally:
        engine.dispose()


# -- per-test fixtures ---------------------------------------------------------


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest) -> TestDatabase:
    """The migrated session database of one backend, emptied for this test."""
    db: TestDatabase = request.getfixturevalue(f"_{request.param}_database")
    delete_all_rows(db.engine)
    return db


@pytest.fixture
def database_url(database: TestDatabase) -> str:
    return database.url


@pytest.fixture
def engine(database: TestDatabase) -> Engine:
    return database.engine


@pytest.fixture
def uow_factory(engine: Engine) -> UnitOfWorkFactory:
    return make_uow_factory(engine)


@pytest.fixture
def sqlite_engine(_sqlite_database: TestDatabase) -> Engine:
    delete_all_rows(_sqlite_database.engine)
    return _sqlite_database.engine


@pytest.fixture(params=BACKENDS)
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with no tables at all, not even Alembic's."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    admin: Engine = request.getfixturevalue("_postgres_admin_engine")
    base_url = _postgres_base_url()
    assert base_url is not None
    with _temporary_schema(admin) as schema:
        yield _url_with_search_path(base_url, schema)


@pytest.fixture
def empty_engine(empty_database_url: str) -> Iterator[Engine]:
    engine = make_engine(empty_database_url)
    yield engine
    engine.dispose()
