"""The declarative base every table shares, its column types and lengths.

One `Base.metadata` for all tables; Alembic's migrations are written against it,
and the migration test checks that the two agree.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any, ClassVar, TypeVar

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Dialect,
    MetaData,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Explicit constraint names, shared with Alembic: SQLite's batch migrations
# and PostgreSQL's ALTER ... DROP CONSTRAINT both need a name to find one.
NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Slack ids (T..., E..., U..., W...) are about 11 characters today; Slack says
# they may grow, so leave room.
SLACK_ID = 32
NAME = 255
# Ids in one IN list: SQLite (3.32 and later) takes 32,766 bound parameters in a statement, psycopg 65,535;
# the rest of the statement needs a few. A Friday run of 30,000 reps reads each table in one statement.
T = TypeVar("T")
IDS_PER_STATEMENT = 30_000


def in_chunks(ids: Sequence[T]) -> Iterator[Sequence[T]]:
    """`ids` cut to fit one IN list each: a whole-workspace read of more people stays a few statements."""
    for start in range(0, len(ids), IDS_PER_STATEMENT):
        yield ids[start : start + IDS_PER_STATEMENT]
TIME_ZONE = 64  # IANA names; the longest today is 32 characters
KIND = 64  # notification kinds, e.g. "challenge_nudge"
PERIOD = 32  # an ISO date or week, e.g. "2026-11-23"
SLACK_TS = 32  # message timestamps look like "1763900000.123456"
EMAIL = 320  # RFC 5321: 64 for the local part, @, 255 for the domain
SHARED_FILE_STATUS = 16  # "claimed", "done", "failed"


def utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware DateTime that is always UTC, on every backend.

    PostgreSQL keeps the instant (timestamptz) but SQLite has no time zones and
    would silently drop an offset, so values are converted to UTC on the way
    in and marked UTC on the way out. Naive datetimes are refused: they are
    ambiguous and a bug in the caller.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: store timezone-aware times only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:  # SQLite: stored as UTC without an offset
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime(),
        date: Date(),
        dict[str, Any]: JSON(),
        list[str]: JSON(),
    }


class TimestampMixin:
    # The Python defaults give exact UTC instants; the server defaults keep
    # rows written by hand or by a data migration valid too.
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        default=utcnow, onupdate=utcnow, server_default=func.now()
    )
