"""Database set-up for the processes the CLI starts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic.util.exc import CommandError
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from bot.config import ConfigError
from bot.health import BoundedHealthCheck, write_probe
from storage import migrate
from storage.uow import make_engine, normalise_database_url


def upgrade_database(url: str) -> tuple[str | None, str | None]:
    engine = make_engine(url)
    try:
        before = migrate.current_revision(engine)
        migrate.upgrade(engine)
        return before, migrate.current_revision(engine)
    except SQLAlchemyError as error:
        raise ConfigError(_unreachable(error)) from None
    except CommandError:
        raise ConfigError(_newer_schema(url)) from None
    finally:
        engine.dispose()


def _unreachable(error: SQLAlchemyError) -> str:
    detail = " ".join(str(getattr(error, "orig", None) or error).split())  # the driver's lines, as one
    return f"DATABASE_URL: cannot reach the database ({error.__class__.__name__}: {detail})."


def _newer_schema(url: str) -> str:
    return (
        "DATABASE_URL: the database schema is newer than this version of Coachflow "
        "(a later release migrated it). Deploy that release again or restore a backup."
    )


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names (relative to the current directory); None for a server or :memory:."""
    try:
        parsed = make_url(normalise_database_url(url))
    except ArgumentError:
        raise ConfigError(f"DATABASE_URL: not a database URL ({url.split('://', 1)[0]}://...).") from None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).expanduser()


def missing_sqlite_file(url: str) -> Path | None:
    """The SQLite file `url` names when it does not exist yet (opening it would create it)."""
    path = sqlite_file(url)
    return path if path is not None and not path.exists() else None


def _no_database(path: Path) -> str:
    return (
        f"DATABASE_URL: there is no database at {path} (nothing to read yet); "
        "check DATABASE_URL, or create it with `coachflow db upgrade`."
    )


def database_status(url: str) -> tuple[str | None, str]:
    """(current revision, head); a SQLite file that does not exist is at None and stays absent."""
    if missing_sqlite_file(url) is not None:
        return None, migrate.head_revision()
    engine = make_engine(url)
    try:
        return migrate.current_revision(engine), migrate.head_revision()
    except SQLAlchemyError as error:
        raise ConfigError(_unreachable(error)) from None
    finally:
        engine.dispose()


def prepare_database(url: str, *, create: bool = True) -> None:
    """SQLite is brought up to date on start; a shared server is migrated on purpose.

    Several instances share one PostgreSQL, so none of them changes its schema
    behind the others' backs: an operator runs `coachflow db upgrade` once.
    `create=False`: a SQLite file that does not exist is an error, not created
    (a command that needs data already there, such as an import).
    """
    if normalise_database_url(url).startswith("sqlite"):
        missing = missing_sqlite_file(url)
        if missing is not None and not create:
            raise ConfigError(_no_database(missing))
        upgrade_database(url)
        return
    _require_current_schema(url)


def open_for_reading(url: str) -> Engine:
    """An engine on a database that exists and is up to date; nothing is created or migrated.

    Reading commands (`jobs due`, `deliveries`, `pipeline audit`) use this: a
    typo in DATABASE_URL must not leave an empty database file behind.
    """
    missing = missing_sqlite_file(url)
    if missing is not None:
        raise ConfigError(_no_database(missing))
    _require_current_schema(url)
    return make_engine(url)


def _require_current_schema(url: str) -> None:
    current, head = database_status(url)
    if current is not None and not migrate.is_known_revision(current):
        raise ConfigError(_newer_schema(url))
    if current != head:
        raise ConfigError(
            f"DATABASE_URL: the database schema is at revision {current or 'none'}, "
            f"this version needs {head}. Run `coachflow db upgrade` first."
        )


def database_health_check(url: str) -> Callable[[], bool]:
    """True when the database takes a write within a second (bot/health.py)."""
    sa_url = make_url(normalise_database_url(url))
    if sa_url.get_backend_name() == "postgresql" and "connect_timeout" not in sa_url.query:
        # libpq's minimum is 2 s; the probe's thread bounds the answer to /healthz anyway,
        # this only frees that thread sooner during a network partition.
        sa_url = sa_url.update_query_dict({"connect_timeout": "2"})
    engine = make_engine(sa_url.render_as_string(hide_password=False))
    return BoundedHealthCheck(write_probe(engine))
