"""What only the SQL storage promises: constraints, timestamps, query counts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine, event, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain.model import Member, Workspace, WorkspaceRef, WorkspaceSettings
from domain.ports import UnitOfWorkFactory
from storage.orm import MemberRow, WorkspaceRow
from storage.uow import make_uow_factory

T1 = WorkspaceRef("T1")


@contextmanager
def counting_selects(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def seed_team(uow_factory: UnitOfWorkFactory, size: int = 10) -> None:
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        for i in range(size):
            uow.members.add(Member(T1, f"U{i}", f"Rep {i}", "UTC"))
        uow.commit()


def test_get_many_is_one_query(engine, uow_factory):
    seed_team(uow_factory)
    with uow_factory() as uow, counting_selects(engine) as selects:
        found = uow.members.get_many(T1, [f"U{i}" for i in range(10)] + ["UX"])
    assert len(found) == 10
    assert len(selects) == 1, selects


def test_a_member_needs_its_workspace(uow_factory):
    # The foreign key is enforced on SQLite too (PRAGMA foreign_keys=ON).
    with uow_factory() as uow, pytest.raises(IntegrityError):
        uow.members.add(Member(WorkspaceRef("TNONE"), "UA", "Alex", "UTC"))


def test_adding_a_duplicate_fails_at_the_call(uow_factory):
    seed_team(uow_factory, size=1)
    with uow_factory() as uow, pytest.raises(IntegrityError):
        uow.members.add(Member(T1, "U0", "Again", "UTC"))
    with uow_factory() as uow, pytest.raises(IntegrityError):
        uow.workspaces.add(Workspace(T1))


def test_deleting_a_workspace_deletes_its_members(engine, uow_factory):
    seed_team(uow_factory, size=3)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM workspaces WHERE team_id = 'T1'"))
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM members")) == 0


def test_the_database_refuses_an_unknown_role(engine, uow_factory):
    seed_team(uow_factory, size=1)
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(text("UPDATE members SET role = 'overlord'"))


def test_timestamps_are_utc_and_updated_at_moves(engine, uow_factory):
    seed_team(uow_factory, size=1)
    with Session(engine) as session:
        before = session.scalars(select(MemberRow)).one()
        created, first_update = before.created_at, before.updated_at
    assert created.tzinfo is not None and created.utcoffset() == timedelta(0)
    assert abs(datetime.now(UTC) - created) < timedelta(minutes=1)

    with uow_factory() as uow:
        uow.members.update(Member(T1, "U0", "Renamed", "UTC"))
        uow.commit()
    with Session(engine) as session:
        after = session.scalars(select(MemberRow)).one()
        assert after.created_at == created
        assert after.updated_at > first_update


def test_times_are_stored_as_utc_whatever_zone_they_come_in(engine, uow_factory):
    seed_team(uow_factory, size=0)
    kolkata = datetime(2026, 11, 23, 9, 30, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    with Session(engine) as session:
        session.execute(update(WorkspaceRow).values(created_at=kolkata))
        session.commit()
        stored = session.scalars(select(WorkspaceRow.created_at)).one()
    assert stored == datetime(2026, 11, 23, 4, 0, tzinfo=UTC)
    assert stored.tzinfo == UTC


def test_naive_datetimes_are_refused(engine, uow_factory):
    seed_team(uow_factory, size=0)
    with Session(engine) as session, pytest.raises(Exception, match="naive datetime"):
        session.execute(update(WorkspaceRow).values(created_at=datetime(2026, 1, 1)))  # noqa: DTZ001 - naive on purpose


def test_settings_written_by_a_newer_version_are_ignored_not_fatal(engine, uow_factory):
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(T1, settings=WorkspaceSettings("Europe/Paris")))
        uow.commit()
    with Session(engine) as session:
        session.execute(
            update(WorkspaceRow).values(settings={"default_time_zone": "Europe/Paris", "future": 1})
        )
        session.commit()
    with uow_factory() as uow:
        workspace = uow.workspaces.get(T1)
    assert workspace is not None and workspace.settings == WorkspaceSettings("Europe/Paris")


def test_a_unit_of_work_must_be_entered(uow_factory):
    uow = uow_factory()
    with pytest.raises(RuntimeError, match="context manager"):
        uow.commit()


def test_a_second_unit_in_the_same_thread_fails_at_once_on_sqlite(sqlite_engine):
    # Without the guard the inner unit would wait 30 s for the outer's lock.
    uow_factory = make_uow_factory(sqlite_engine)
    other_factory = make_uow_factory(sqlite_engine)  # same file, another factory
    with uow_factory() as outer:
        outer.workspaces.list_all()
        for factory in (uow_factory, other_factory):
            with pytest.raises(RuntimeError, match="already open in this thread"), factory():
                pass
    with uow_factory() as again:  # the guard is released on exit
        assert again.workspaces.list_all() == []
