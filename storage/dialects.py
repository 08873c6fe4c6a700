"""What differs between the two databases Coachflow supports, in one place."""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import DeclarativeBase, Session

SUPPORTED = ("postgresql", "sqlite")


def upsert_insert(
    session: Session, model: type[DeclarativeBase]
) -> postgresql.Insert | sqlite.Insert:
    """An INSERT with `on_conflict_do_nothing/do_update` for the session's database.

    Both dialects spell ON CONFLICT the same way, but each has its own
    `insert()` construct; plain `sqlalchemy.insert` has no ON CONFLICT at all.
    """
    name = session.get_bind().dialect.name
    if name == "postgresql":
        return postgresql.insert(model)
    if name == "sqlite":
        return sqlite.insert(model)
    raise NotImplementedError(f"Coachflow supports {', '.join(SUPPORTED)}, not {name}")
