"""What only the SQL storage promises for scheduling: keys, indexes, JSON shapes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain.delivery import Delivery, DeliveryKey, DeliveryStatus
from domain.model import Member, QuietHours, Role, Workspace, WorkspaceRef, WorkspaceSettings
from domain.ports import ScheduleEntry, UnitOfWorkFactory
from storage import delivery_repository
from storage.orm import DeliveryRow, MemberRow, ScheduleRow, WorkspaceRow
from tests.integration.sql_statements import query_plan, recording

NOW = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
T1 = WorkspaceRef("T1")


def selects(statements: list[tuple[str, object]]) -> list[str]:
    return [s for s, _ in statements if s.lstrip().upper().startswith("SELECT")]


def pending(user: str, period: str = "2026-11-23", team: str = "T1") -> Delivery:
    return Delivery(
        DeliveryKey(team, user, "week_ahead", period),
        DeliveryStatus.PENDING,
        due_at=NOW,
        stale_at=NOW + timedelta(hours=6),
    )


def seed_workspace(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.commit()


def test_settings_are_stored_as_plain_sorted_json(engine, uow_factory):
    settings = WorkspaceSettings(
        working_days=frozenset({3, 1, 6}),
        holidays=frozenset({date(2026, 12, 25), date(2026, 1, 1)}),
        quiet_hours=QuietHours(time(20, 0), time(7, 0)),
        disabled_kinds=frozenset({"scorecard", "challenge_nudge"}),
    )
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(T1, settings=settings))
        uow.commit()
    with Session(engine) as session:
        stored = session.scalars(select(WorkspaceRow.settings)).one()
    assert stored == {
        "default_time_zone": None,
        "working_days": [1, 3, 6],
        "holidays": ["2026-01-01", "2026-12-25"],
        "quiet_hours": {"start": "20:00", "end": "07:00"},
        "disabled_kinds": ["challenge_nudge", "scorecard"],
        "coaching_channel": None,
    }


def test_settings_written_before_scheduling_read_as_the_defaults(engine, uow_factory):
    seed_workspace(uow_factory)
    with Session(engine) as session:
        session.execute(update(WorkspaceRow).values(settings={"default_time_zone": "Asia/Tokyo"}))
        session.commit()
    with uow_factory() as uow:
        found = uow.workspaces.get(T1)
    assert found is not None and found.settings == WorkspaceSettings("Asia/Tokyo")


def test_muted_kinds_are_a_sorted_json_list(engine, uow_factory):
    seed_workspace(uow_factory)
    with uow_factory() as uow:
        uow.members.add(Member(T1, "UA", "Alex", "UTC", muted_kinds=frozenset({"z", "a"})))
        uow.commit()
    with Session(engine) as session:
        assert session.scalars(select(MemberRow.muted_kinds)).one() == ["a", "z"]


def test_the_ledger_key_is_unique_in_the_database_itself(engine, uow_factory):
    seed_workspace(uow_factory)
    with uow_factory() as uow:
        assert uow.deliveries.add_if_absent(pending("U1"))
        uow.commit()
    row = {
        "team_id": "T1", "recipient_id": "U1", "kind": "week_ahead", "period": "2026-11-23",
        "status": "pending", "due_at": NOW, "stale_at": NOW, "attempts": 0,
    }
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(insert(DeliveryRow), [row])  # a plain INSERT, not ours
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(insert(DeliveryRow), [{**row, "period": "x", "status": "lost"}])


def test_schedules_and_deliveries_need_their_workspace_and_go_with_it(engine, uow_factory):
    entry = ScheduleEntry(T1, "U1", "week_ahead", NOW, NOW)
    with uow_factory() as uow, pytest.raises(IntegrityError):
        uow.schedules.upsert(entry)
    with uow_factory() as uow, pytest.raises(IntegrityError):
        uow.deliveries.add_if_absent(pending("U1"))

    seed_workspace(uow_factory)
    with uow_factory() as uow:
        uow.schedules.upsert(entry)
        uow.deliveries.add_if_absent(pending("U1"))
        uow.commit()
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM workspaces WHERE team_id = 'T1'"))
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM schedules")) == 0
        assert connection.scalar(text("SELECT count(*) FROM deliveries")) == 0


def test_existing_keys_asks_once_for_a_ticks_worth(engine, uow_factory, monkeypatch):
    seed_workspace(uow_factory)
    with uow_factory() as uow:
        for i in range(0, 40, 2):
            uow.deliveries.add_if_absent(pending(f"U{i}"))
        uow.commit()
    keys = [pending(f"U{i}").key for i in range(40)]
    with uow_factory() as uow, recording(engine) as statements:
        found = uow.deliveries.existing_keys(keys)
    assert found == {pending(f"U{i}").key for i in range(0, 40, 2)}
    assert len(selects(statements)) == 1, statements

    monkeypatch.setattr(delivery_repository, "KEYS_PER_QUERY", 15)  # a huge backlog: chunks
    with uow_factory() as uow, recording(engine) as statements:
        assert uow.deliveries.existing_keys(keys) == found
    assert len(selects(statements)) == 3


def test_managers_with_reps_is_one_query(engine, uow_factory):
    seed_workspace(uow_factory)
    with uow_factory() as uow:
        for i in range(5):
            uow.members.add(Member(T1, f"UM{i}", f"M{i}", "UTC", role=Role.MANAGER))
            uow.members.add(Member(T1, f"UR{i}", f"R{i}", "UTC", manager_id=f"UM{i}"))
        uow.commit()
    with uow_factory() as uow, recording(engine) as statements:
        assert len(uow.members.managers_with_reps(T1)) == 5
    assert len(selects(statements)) == 1


def test_upsert_and_updates_move_updated_at(engine, uow_factory):
    seed_workspace(uow_factory)
    with uow_factory() as uow:
        uow.schedules.upsert(ScheduleEntry(T1, "U1", "k", NOW, NOW))
        uow.commit()
    stamps = select(ScheduleRow.created_at, ScheduleRow.updated_at)
    with Session(engine) as session:
        created, first = session.execute(stamps).one()
    with uow_factory() as uow:
        uow.schedules.upsert(ScheduleEntry(T1, "U1", "k", None, NOW))
        uow.commit()
    with Session(engine) as session:
        again = session.execute(stamps).one()
    assert again[0] == created and again[1] > first


def test_the_ticks_due_query_uses_the_next_check_at_index(engine, uow_factory):
    seed_workspace(uow_factory)
    # Thousands of people, few of them due: the planner must not scan them all.
    rows = [
        {
            "team_id": "T1", "user_id": f"U{i:05}", "kind": "week_ahead",
            "next_check_at": NOW + timedelta(minutes=i - 20), "checked_until": NOW,
        }
        for i in range(5000)
    ]
    with engine.begin() as connection:
        connection.execute(insert(ScheduleRow), rows)
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql("ANALYZE schedules")
            connection.exec_driver_sql("ANALYZE workspaces")
    with uow_factory() as uow, recording(engine) as statements:
        assert len(uow.schedules.due(NOW, 50)) == 21
    [(statement, parameters)] = [(s, p) for s, p in statements if "schedules" in s]
    plan = query_plan(engine, statement, parameters)
    assert "ix_schedules_next_check_at" in plan, plan
    assert "SCAN schedules" not in plan and "Seq Scan on schedules" not in plan, plan
