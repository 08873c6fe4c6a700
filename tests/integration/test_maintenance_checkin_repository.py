"""Maintenance check-ins behave the same on the fake, SQLite and PostgreSQL: one per rep, cycle and month,
replaced in place with their ratings and readings, read oldest first, a restart recorded once, scoped by
workspace."""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.coaching.cycle import CoachingCycle
from domain.coaching.maintenance_checkins import IndicatorReading, MaintenanceCheckin
from domain.model import Workspace, WorkspaceRef
from domain.ports import UnitOfWorkFactory

T1, T2 = WorkspaceRef("T1"), WorkspaceRef("T2")
AT = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
HOSTILE = "Slipping: <!channel> *discovery* & <https://evil.example|Acme> \u00e9\u4e2d"


def _cycles(uow_factory: UnitOfWorkFactory) -> tuple[int, int, int]:
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        uow.workspaces.add(Workspace(T2))
        mine = uow.cycles.add(CoachingCycle(T1, "UA", "UMGR", date(2026, 9, 7))).id or 0
        other = uow.cycles.add(CoachingCycle(T1, "UB", "UMGR", date(2026, 9, 7))).id or 0
        elsewhere = uow.cycles.add(CoachingCycle(T2, "UA", "UMGR", date(2026, 9, 7))).id or 0
        uow.commit()
    return mine, other, elsewhere


def _checkin(cycle_id: int, month: date, rating: int, slipping: str = "", value: float | None = 6.0,
             ws: WorkspaceRef = T1, rep: str = "UA") -> MaintenanceCheckin:
    readings = (IndicatorReading("discovery", "questions_per_call", value, 5),
                IndicatorReading("discovery", "impact_quantified", None, 0))
    return MaintenanceCheckin(ws, rep, "UMGR", cycle_id, month, (("discovery", rating), ("closing", 4)),
                              slipping, readings, AT)


def test_one_checkin_per_month_replaced_in_place_and_read_oldest_first(any_uow_factory: UnitOfWorkFactory) -> None:
    mine, other, elsewhere = _cycles(any_uow_factory)
    with any_uow_factory() as uow:
        first = uow.maintenance_checkins.save(_checkin(mine, date(2026, 11, 1), 5, HOSTILE))
        uow.maintenance_checkins.save(_checkin(mine, date(2026, 12, 1), 4))
        uow.maintenance_checkins.save(_checkin(other, date(2026, 12, 1), 2, rep="UB"))
        uow.commit()
    with any_uow_factory() as uow:
        again = uow.maintenance_checkins.save(MaintenanceCheckin(
            T1, "UA", "UMGR2", mine, date(2026, 11, 1), (("discovery", 3),), "edited",
            (IndicatorReading("discovery", "questions_per_call", 4.5, 3),), AT))
        uow.commit()
    assert again.id == first.id
    with any_uow_factory(read_only=True) as uow:
        found = uow.maintenance_checkins.for_cycle(T1, mine, date(2026, 12, 1), 3)
        assert [c.month for c in found] == [date(2026, 11, 1), date(2026, 12, 1)]
        november = found[0]
        assert (november.ratings, november.slipping, november.manager_id) == ((("discovery", 3),), "edited", "UMGR2")
        assert november.readings == (IndicatorReading("discovery", "questions_per_call", 4.5, 3),)
        assert november.submitted_at == AT and november.workspace.team_id == "T1"
        december = found[1]
        assert december.ratings == (("discovery", 4), ("closing", 4))
        assert december.reading("impact_quantified") == IndicatorReading("discovery", "impact_quantified", None, 0)
        assert [c.month for c in uow.maintenance_checkins.for_cycle(T1, mine, date(2026, 11, 30), 3)] == [
            date(2026, 11, 1)]
        assert [c.month for c in uow.maintenance_checkins.for_cycle(T1, mine, date(2026, 12, 1), 1)] == [
            date(2026, 12, 1)]
        assert uow.maintenance_checkins.get(T2, first.id or 0) is None
        assert uow.maintenance_checkins.for_cycle(T2, mine, date(2026, 12, 1), 3) == []
        assert uow.maintenance_checkins.for_cycle(T2, elsewhere, date(2026, 12, 1), 3) == []


def test_a_restart_is_recorded_once_and_survives_a_resubmission(any_uow_factory: UnitOfWorkFactory) -> None:
    mine, _, _ = _cycles(any_uow_factory)
    with any_uow_factory() as uow:
        checkin = uow.maintenance_checkins.save(_checkin(mine, date(2026, 12, 1), 3, HOSTILE))
        new_cycle = uow.cycles.add(CoachingCycle(T2, "UZ", "UMGR", date(2026, 12, 7))).id or 0
        uow.commit()
    checkin_id = checkin.id or 0
    with any_uow_factory() as uow:
        assert uow.maintenance_checkins.mark_restarted(T2, checkin_id, "discovery", new_cycle) is False
        assert uow.maintenance_checkins.mark_restarted(T1, checkin_id, "discovery", new_cycle) is True
        assert uow.maintenance_checkins.mark_restarted(T1, checkin_id, "closing", new_cycle) is False
        uow.commit()
    with any_uow_factory() as uow:
        uow.maintenance_checkins.save(_checkin(mine, date(2026, 12, 1), 2))
        uow.commit()
    with any_uow_factory(read_only=True) as uow:
        kept = uow.maintenance_checkins.get(T1, checkin_id)
        assert kept is not None and (kept.restarted_skill, kept.new_cycle_id) == ("discovery", new_cycle)
        assert kept.rating("discovery") == 2 and kept.slipping == ""
