"""The weekly shadow count for many reps: the same answer as rep by rep, in a fixed number of queries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine

from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.cycle import CoachingCycle
from domain.coaching.debriefs import ShadowObservation
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.ports import UnitOfWorkFactory
from domain.services.shadow_weeks import managers_days, shadow_weeks
from storage.uow import make_uow_factory
from tests.bench.pipeline import _counting  # the statement counter the benchmarks print

WS = WorkspaceRef("T1", "E1")
OTHER = WorkspaceRef("T2")
THURSDAY = date(2026, 12, 10)
STARTED = date(2026, 11, 23)  # week 3 on Mon 7 Dec: Develop
ANSWERS = CallAnswers("a", "b", "c")


def _team(uow_factory: UnitOfWorkFactory, reps: int) -> list[str]:
    """Reps shadowed n % 4 times this week, once last week; Tokyo's Maya and Chicago's Omar coach them."""
    ids = []
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.workspaces.add(Workspace(OTHER))
        uow.members.add(Member(WS, "UMGR", "Maya", "Asia/Tokyo", role=Role.MANAGER))
        uow.members.add(Member(WS, "UMGR2", "Omar", "America/Chicago", role=Role.MANAGER))
        for n in range(reps):
            rep, manager = f"UR{n:02d}", "UMGR" if n % 2 else "UMGR2"
            uow.members.add(Member(WS, rep, f"Rep {n:02d}", "UTC", manager_id=manager))
            if n % 5:
                uow.cycles.add(CoachingCycle(WS, rep, manager, STARTED))
            for k in range(n % 4):
                uow.shadow_observations.add(ShadowObservation(
                    WS, rep, manager, CallRef(f"Call {k}"), CallType.DEMO, THURSDAY - timedelta(days=k), ANSWERS, "ok"))
            uow.shadow_observations.add(ShadowObservation(
                WS, rep, manager, CallRef("Old"), CallType.DEMO, date(2026, 12, 4), ANSWERS, "ok"))
            ids.append(rep)
        # The same rep id in another workspace, shadowed this week: never counted here.
        uow.members.add(Member(OTHER, "UR01", "Elsewhere", "UTC"))
        uow.shadow_observations.add(ShadowObservation(
            OTHER, "UR01", "UX", CallRef("Else"), CallType.DEMO, THURSDAY, ANSWERS, "ok"))
        uow.commit()
    return ids


def test_a_batch_is_each_rep_alone(any_uow_factory: UnitOfWorkFactory) -> None:
    reps = _team(any_uow_factory, 9)
    with any_uow_factory(read_only=True) as uow:
        days = dict.fromkeys(reps, THURSDAY)
        batch = shadow_weeks(uow, WS, days)
        alone = {rep: shadow_weeks(uow, WS, {rep: THURSDAY})[rep] for rep in reps}
    assert batch == alone
    assert [batch[rep].count for rep in reps] == [n % 4 for n in range(9)]
    assert [rep for rep in reps if batch[rep].behind] == ["UR01", "UR04", "UR08"]  # UR00/UR05: no cycle


def test_each_rep_is_counted_in_their_managers_week(any_uow_factory: UnitOfWorkFactory) -> None:
    reps = _team(any_uow_factory, 4)
    # Sunday 13 Dec 20:00 in Chicago is already Monday 14 Dec in Tokyo: Maya's reps start a new week.
    now = datetime(2026, 12, 14, 2, tzinfo=UTC)
    with any_uow_factory(read_only=True) as uow:
        members = uow.members.get_many(WS, ["UMGR", "UMGR2", *reps])
        days = managers_days([members[r] for r in reps], members, now)
        weeks = shadow_weeks(uow, WS, days)
    assert days == {"UR00": date(2026, 12, 13), "UR01": date(2026, 12, 14), "UR02": date(2026, 12, 13),
                    "UR03": date(2026, 12, 14)}
    assert {rep: week.count for rep, week in weeks.items()} == {"UR00": 0, "UR01": 0, "UR02": 2, "UR03": 0}


def test_two_reps_or_forty_cost_the_same_statements(engine: Engine) -> None:
    factory = make_uow_factory(engine)
    reps = _team(factory, 40)
    costs = []
    for batch in (reps[:2], reps):
        with factory(read_only=True) as uow:
            uow.workspaces.get(WS)  # the transaction's own statements come first
            with _counting(engine) as count:
                weeks = shadow_weeks(uow, WS, dict.fromkeys(batch, THURSDAY))
        assert len(weeks) == len(batch)
        costs.append(count[0])
    assert costs[0] == costs[1] <= 2, costs
