"""Database set-up for the processes the CLI starts."""

from __future__ import annotations

from collections.abc import Callable

from alembic.util.exc import CommandError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.health import BoundedHealthCheck, write_probe

from bot.config import ConfigError
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
    detail = getattr(error, "orig", None) or error
    return f"DATABASE_URL: cannot reach the database ({error.__class__.__name__}: {detail})."


def _newer_schema(url: str) -> str:
    return (
        "DATABASE_URL: the database schema is newer than this version of Coachflow "
        "(a later release migrated it). Deploy that release again or restore a backup."
    )


def database_status(url: str) -> tuple[str | None, str]:
    engine = make_engine(url)
    try:
        return migrate.current_revision(engine), migrate.head_revision()
    except SQLAlchemyError as error:
        raise ConfigError(_unreachable(error)) from None
    finally:
        engine.dispose()


def prepare_database(url: str) -> None:
    """SQLite is brought up to date on start; a shared server is migrated on purpose.

    Several instances share one PostgreSQL, so none of them changes its schema
    behind the others' backs: an operator runs `coachflow db upgrade` once.
    """
    if normalise_database_url(url).startswith("sqlite"):
        upgrade_database(url)
        return
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
