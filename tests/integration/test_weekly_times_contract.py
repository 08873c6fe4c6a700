"""The workspace's weekly times (`/coach admin scorecard`) in storage.

On the fake, SQLite and PostgreSQL: they round-trip, change and clear; on
SQL, what is stored is plain JSON, and entries this version cannot read are
left out instead of stopping the workspace.
"""

from __future__ import annotations

from datetime import time

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from domain.model import WeeklyTime, Workspace, WorkspaceRef, WorkspaceSettings
from domain.scheduling.slots import SCORECARD_SLOT
from storage.orm import WorkspaceRow

T1 = WorkspaceRef("T1")
THURSDAY_1600 = WeeklyTime(SCORECARD_SLOT, 3, time(16))
SUN_THU = WorkspaceSettings(working_days=frozenset({6, 0, 1, 2, 3}))


def _stored(uow_factory, settings: WorkspaceSettings) -> WorkspaceSettings:
    with uow_factory() as uow:
        uow.workspaces.update(Workspace(T1, "Acme", settings))
        uow.commit()
    with uow_factory() as uow:
        found = uow.workspaces.get(T1)
    assert found is not None
    return found.settings


def test_weekly_times_round_trip_change_and_clear(any_uow_factory):
    with any_uow_factory() as uow:
        uow.workspaces.add(Workspace(T1, "Acme"))
        uow.commit()
    chosen = SUN_THU.with_weekly_time(SCORECARD_SLOT, THURSDAY_1600)
    two = chosen.with_weekly_time("other", WeeklyTime("other", 0, time(8, 30, 15)))
    moved = two.with_weekly_time(SCORECARD_SLOT, WeeklyTime(SCORECARD_SLOT, 2, time(9)))

    assert _stored(any_uow_factory, chosen) == chosen
    assert _stored(any_uow_factory, two) == two
    assert _stored(any_uow_factory, moved).weekly_time(SCORECARD_SLOT) == WeeklyTime(SCORECARD_SLOT, 2, time(9))
    assert _stored(any_uow_factory, SUN_THU).weekly_times == ()


def test_stored_as_plain_json_and_bad_entries_are_left_out(engine, uow_factory):
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(T1, settings=WorkspaceSettings().with_weekly_time(SCORECARD_SLOT, THURSDAY_1600)))
        uow.commit()
    with Session(engine) as session:
        stored = session.scalars(select(WorkspaceRow.settings)).one()
        odd = [
            {"slot": "scorecard", "weekday": 9, "at": "16:00"},  # no such weekday
            {"slot": "scorecard", "weekday": 3, "at": "teatime"},
            {"slot": "digest"},
            "scorecard thu 16:00",
            {"slot": "", "weekday": 1, "at": "10:00"},
            {"slot": "scorecard", "weekday": 3, "at": "16:00", "future": True},  # the one this version reads
            {"slot": "scorecard", "weekday": 4, "at": "09:00"},  # a second for the same slot: the first wins
        ]
        session.execute(update(WorkspaceRow).values(settings={**stored, "weekly_times": odd}))
        session.commit()
    with uow_factory() as uow:
        found = uow.workspaces.get(T1)

    assert stored["weekly_times"] == [{"slot": "scorecard", "weekday": 3, "at": "16:00"}]
    assert found is not None and found.settings.weekly_times == (THURSDAY_1600,)


def test_a_workspace_without_a_choice_stores_no_weekly_times(engine, uow_factory):
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.commit()
    with Session(engine) as session:
        assert "weekly_times" not in session.scalars(select(WorkspaceRow.settings)).one()
