"""Engine set-up: URL normalisation, SQLite pragmas, PostgreSQL schemas."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from storage.uow import SQLITE_BUSY_TIMEOUT_SECONDS, make_engine, normalise_database_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u:p@db:5432/coach", "postgresql+psycopg://u:p@db:5432/coach"),
        ("postgresql://u@db/coach", "postgresql+psycopg://u@db/coach"),
        ("postgresql+psycopg://u@db/coach", "postgresql+psycopg://u@db/coach"),
        ("coachflow.db", "sqlite:///coachflow.db"),
        ("data/coachflow.db", "sqlite:///data/coachflow.db"),
        ("/var/lib/coachflow.db", "sqlite:////var/lib/coachflow.db"),
        ("sqlite:///coachflow.db", "sqlite:///coachflow.db"),
        ("sqlite://", "sqlite://"),
        ("  coachflow.db \n", "sqlite:///coachflow.db"),
    ],
)
def test_database_urls_are_normalised(given, expected):
    assert normalise_database_url(given) == expected


def test_an_empty_database_url_is_an_error():
    with pytest.raises(ValueError, match="empty database URL"):
        normalise_database_url("  ")


def test_sqlite_connections_enforce_foreign_keys_wait_when_busy_and_use_wal(tmp_path):
    engine = make_engine(str(tmp_path / "plain-path.db"))
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            busy_ms = connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
            assert busy_ms == SQLITE_BUSY_TIMEOUT_SECONDS * 1000
    finally:
        engine.dispose()
    assert (tmp_path / "plain-path.db").exists()


def test_in_memory_sqlite_works(tmp_path):
    engine = make_engine("sqlite://")
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SELECT 1")).scalar() == 1
    finally:
        engine.dispose()


def test_schema_is_for_postgresql_only_and_must_be_a_plain_name():
    with pytest.raises(ValueError, match="schema= is for PostgreSQL"):
        make_engine("sqlite://", schema="x")
    with pytest.raises(ValueError, match="invalid schema name"):
        make_engine("postgresql://u@localhost/db", schema="x; DROP TABLE members")


@pytest.mark.postgres
def test_schema_puts_every_postgres_connection_on_that_search_path(postgres_database):
    url = make_url(postgres_database.url)
    options = url.query["options"]
    assert isinstance(options, str)  # one options= in the URL
    schema = options.removeprefix("-csearch_path=")
    plain_url = url.difference_update_query(["options"]).render_as_string(hide_password=False)

    for engine in (make_engine(plain_url, schema=schema), make_engine(postgres_database.url)):
        try:
            with engine.connect() as connection:
                assert connection.execute(text("SELECT current_schema()")).scalar() == schema
                members = connection.execute(text("SELECT count(*) FROM members")).scalar()
                assert members is not None and members >= 0
        finally:
            engine.dispose()
    assert engine.pool._pre_ping  # noqa: SLF001 - survives a restarted server
