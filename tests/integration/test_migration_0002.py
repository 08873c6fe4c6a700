"""Migration 0002 (scheduling) over a database that already has data, and back."""

from __future__ import annotations

from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import IntegrityError

from domain.model import WorkspaceRef, WorkspaceSettings
from storage import migrate
from storage.orm import Base
from storage.uow import make_uow_factory

T1 = WorkspaceRef("T1")


def schema(engine: Engine) -> dict[str, dict[str, Any]]:
    """Everything the inspector sees, in a form two databases can be compared by."""
    inspector = inspect(engine)
    found: dict[str, dict[str, Any]] = {}
    for table in sorted(set(inspector.get_table_names()) - {"alembic_version"}):
        found[table] = {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], c.get("default"))
                for c in inspector.get_columns(table)
            ],
            "primary key": inspector.get_pk_constraint(table)["constrained_columns"],
            "unique": sorted(
                (u["name"], tuple(u["column_names"]))
                for u in inspector.get_unique_constraints(table)
            ),
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in inspector.get_indexes(table)
            ),
            "foreign keys": sorted(
                (fk["name"], tuple(fk["constrained_columns"]), fk["referred_table"],
                 fk["options"].get("ondelete"))
                for fk in inspector.get_foreign_keys(table)
            ),
            "checks": sorted(
                (c["name"], c["sqltext"]) for c in inspector.get_check_constraints(table)
            ),
        }
    return found


def alembic(engine: Engine, action: str, revision: str) -> None:
    with engine.connect() as connection:
        getattr(command, action)(migrate.alembic_config(connection), revision)
        connection.commit()


def seed_at_0001(engine: Engine) -> None:
    # Raw SQL: the ORM models describe the newest schema, not 0001's.
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO workspaces (team_id, name, settings) "
                """VALUES ('T1', 'Acme', '{"default_time_zone": "Europe/Paris"}')"""
            )
        )
        connection.execute(
            text(
                "INSERT INTO members (team_id, user_id, name, time_zone, role, is_admin) "
                "VALUES ('T1', 'UA', 'Alex', 'UTC', 'rep', false)"
            )
        )


def test_existing_rows_get_the_new_defaults(empty_engine):
    migrate.upgrade(empty_engine, "0001")
    seed_at_0001(empty_engine)
    migrate.upgrade(empty_engine)

    with make_uow_factory(empty_engine)() as uow:
        workspace = uow.workspaces.get(T1)
        alex = uow.members.get(T1, "UA")
    assert workspace is not None and workspace.settings == WorkspaceSettings("Europe/Paris")
    assert alex is not None and alex.paused_until is None and alex.muted_kinds == frozenset()


def test_downgrade_to_0001_restores_its_schema_and_keeps_the_members(empty_engine):
    migrate.upgrade(empty_engine, "0001")
    at_0001 = schema(empty_engine)
    seed_at_0001(empty_engine)

    migrate.upgrade(empty_engine)
    assert {"schedules", "deliveries"} <= set(schema(empty_engine))
    alembic(empty_engine, "downgrade", "0001")

    assert migrate.current_revision(empty_engine) == "0001"
    assert schema(empty_engine) == at_0001
    with empty_engine.connect() as connection:
        assert connection.scalar(text("SELECT name FROM members WHERE user_id = 'UA'")) == "Alex"
    # The rebuilt members table (SQLite copies it) still checks roles.
    with pytest.raises(IntegrityError), empty_engine.begin() as connection:
        connection.execute(text("UPDATE members SET role = 'overlord'"))

    migrate.upgrade(empty_engine)
    with empty_engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
