"""The workspace's monthly times (`/coach admin checkin`) in storage: the settings JSON, no migration.

On the fake, SQLite and PostgreSQL: they round-trip, change and clear; on
SQL, entries this version cannot read are left out instead of stopping the workspace.
"""

from __future__ import annotations

from datetime import time

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from domain.model import MonthlyTime, Workspace, WorkspaceRef, WorkspaceSettings
from domain.scheduling.monthly_slots import CHECKIN_SLOT
from storage.orm import WorkspaceRow

T1 = WorkspaceRef("T1")
SECOND_WED_0900 = MonthlyTime(CHECKIN_SLOT, 2, 2, time(9))


def _stored(uow_factory, settings: WorkspaceSettings) -> WorkspaceSettings:
    with uow_factory() as uow:
        uow.workspaces.update(Workspace(T1, "Acme", settings))
        uow.commit()
    with uow_factory() as uow:
        found = uow.workspaces.get(T1)
    assert found is not None
    return found.settings


def test_monthly_times_round_trip_change_and_clear(any_uow_factory):
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1, "Acme"))
        uow.commit()
    chosen = WorkspaceSettings().with_monthly_time(CHECKIN_SLOT, SECOND_WED_0900)
    moved = chosen.with_monthly_time(CHECKIN_SLOT, MonthlyTime(CHECKIN_SLOT, 4, 4, time(16, 30)))

    assert _stored(any_uow_factory, chosen).monthly_time(CHECKIN_SLOT) == SECOND_WED_0900
    assert _stored(any_uow_factory, moved) == moved
    assert _stored(any_uow_factory, moved.with_monthly_time(CHECKIN_SLOT, None)).monthly_times == ()


def test_bad_entries_are_left_out(engine, uow_factory):
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(T1, settings=WorkspaceSettings().with_monthly_time(CHECKIN_SLOT, SECOND_WED_0900)))
        uow.commit()
    with Session(engine) as session:
        stored = dict(session.scalars(select(WorkspaceRow.settings)).one())
        assert stored["monthly_times"] == [{"slot": "checkin", "week_of_month": 2, "weekday": 2, "at": "09:00"}]
        stored["monthly_times"] = [
            {"slot": "checkin", "week_of_month": 5, "weekday": 2, "at": "09:00"},  # no fifth week
            {"slot": "checkin", "week_of_month": True, "weekday": 2, "at": "09:00"},
            {"slot": "checkin", "week_of_month": 2, "weekday": 2, "at": "teatime"},
            "second wed 09:00",
            {"slot": "checkin", "week_of_month": 3, "weekday": 3, "at": "11:00"},  # the one this version reads
        ]
        session.execute(update(WorkspaceRow).values(settings=stored))
        session.commit()
    with uow_factory() as uow:
        found = uow.workspaces.get(T1)
    assert found is not None and found.settings.monthly_times == (MonthlyTime(CHECKIN_SLOT, 3, 3, time(11)),)
