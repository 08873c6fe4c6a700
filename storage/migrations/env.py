"""Alembic environment: how migrations reach the database.

The connection comes from `config.attributes["connection"]` (storage.migrate
and the tests pass one) or from a URL: `-x url=...` on the alembic command
line, else the `sqlalchemy.url` option. Engines are made by
`storage.uow.make_engine`, so migrations see the same SQLite settings as the app.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection

from storage.orm import Base
from storage.uow import make_engine, normalise_database_url

config = context.config
target_metadata = Base.metadata

if config.config_file_name is not None:
    # Only the alembic CLI has an ini file; keep the app's loggers working.
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    if not url:
        raise RuntimeError(
            "no database: pass a connection in config.attributes['connection'], "
            "`-x url=...`, or set sqlalchemy.url"
        )
    return url


@contextmanager
def _sqlite_foreign_keys_off(connection: Connection) -> Iterator[None]:
    """Batch migrations rebuild a SQLite table by copy, drop and rename.

    With foreign keys on, dropping `workspaces` would cascade and delete every
    member. SQLite ignores this pragma inside a transaction, so it is set on
    the raw connection before the migration transaction begins, then the
    whole database is checked and the pragma restored.
    """
    if connection.dialect.name != "sqlite" or connection.in_transaction():
        yield
        return
    raw = connection.connection.driver_connection
    assert raw is not None
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
        problems = raw.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise RuntimeError(f"migration left rows with broken foreign keys: {problems[:5]}")
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def _run(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table.
        render_as_batch=sqlite,
        compare_type=True,
        # storage.uow emits BEGIN itself on SQLite, so DDL is transactional
        # there too: a failed migration leaves nothing half done.
        transactional_ddl=True,
    )
    with _sqlite_foreign_keys_off(connection), context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    url = normalise_database_url(_url())
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        render_as_batch=url.startswith("sqlite"),
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(_url())
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
