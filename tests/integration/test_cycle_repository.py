"""Cycle storage behaves the same on the fake, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from domain.coaching.cycle import CoachingCycle, CycleStatus
from domain.model import Workspace, WorkspaceRef

T1, T2 = WorkspaceRef("T1", "E1"), WorkspaceRef("T2")


def _cycle(rep: str, starts: date, ws: WorkspaceRef = T1) -> CoachingCycle:
    return CoachingCycle(ws, rep, "UMGR", starts)


def _workspaces(uow) -> None:
    uow.workspaces.add(Workspace(T1))
    uow.workspaces.add(Workspace(T2))


def test_cycles_round_trip_with_history_newest_first(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        _workspaces(uow)
        old = uow.cycles.add(_cycle("UA", date(2026, 9, 7)))
        uow.cycles.update(old.ended(date(2026, 11, 2)))
        new = uow.cycles.add(_cycle("UA", date(2026, 11, 30)))
        uow.cycles.add(_cycle("UB", date(2026, 11, 30)))
        uow.cycles.add(_cycle("UA", date(2026, 11, 30), ws=T2))
        uow.commit()

    with any_uow_factory() as uow:
        history = uow.cycles.history(T1, "UA")
        assert [c.starts_on for c in history] == [date(2026, 11, 30), date(2026, 9, 7)]
        assert history[1].status is CycleStatus.ENDED and history[1].ended_on == date(2026, 11, 2)
        assert uow.cycles.active_for(T1, "UA") == new
        assert new.id is not None and new.workspace.enterprise_id == "E1"
        assert set(uow.cycles.active_for_reps(T1, ["UA", "UB", "UC"])) == {"UA", "UB"}
        assert [c.workspace for c in uow.cycles.history(T2, "UA")] == [T2]  # nothing crosses workspaces


def test_steering_is_saved_and_unknown_cycles_are_refused(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        _workspaces(uow)
        cycle = uow.cycles.add(_cycle("UA", date(2026, 11, 30)))
        uow.cycles.update(cycle.extended(2))
        uow.commit()
    with any_uow_factory() as uow:
        assert uow.cycles.active_for(T1, "UA").offset_weeks == -2
        with pytest.raises(LookupError):
            uow.cycles.update(CoachingCycle(T1, "UA", "UMGR", date(2026, 11, 30), id=999))


def test_cycles_since_a_day_are_the_active_ones_and_those_ended_since(any_uow_factory) -> None:
    with any_uow_factory() as uow:
        _workspaces(uow)
        long_ago = uow.cycles.add(_cycle("UA", date(2026, 3, 2)))
        uow.cycles.update(long_ago.ended(date(2026, 4, 27)))
        recent = uow.cycles.add(_cycle("UA", date(2026, 9, 7)))
        uow.cycles.update(recent.ended(date(2026, 11, 2)))
        uow.cycles.add(CoachingCycle(T1, "UB", "UOTHER", date(2026, 11, 30)))
        uow.cycles.add(_cycle("UC", date(2026, 11, 30), ws=T2))
        uow.commit()
    with any_uow_factory() as uow:
        found = uow.cycles.since(T1, date(2026, 10, 1))
        assert [(c.rep_id, c.starts_on) for c in found] == [("UB", date(2026, 11, 30)), ("UA", date(2026, 9, 7))]
        assert [c.rep_id for c in uow.cycles.since(T1, date(2026, 10, 1), manager_id="UMGR")] == ["UA"]
        assert uow.cycles.since(T1, date(2026, 11, 3), manager_id="UMGR") == []
