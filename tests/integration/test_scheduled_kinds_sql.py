"""Scheduled kinds on the real storage: batched content in a fixed number of queries, anchored periods kept once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine

from domain.coaching.cycle import CoachingCycle
from domain.delivery import Delivery, DeliveryKey, DeliveryStatus
from domain.model import Member, Role, Workspace, WorkspaceRef
from domain.notifications.kind import KindRegistry, ScheduledKind
from domain.notifications.registry import KINDS
from domain.ports import UnitOfWorkFactory
from domain.scheduling.anchors import Appointment
from domain.scheduling.kinds import Audience, Cadence, Staleness
from domain.services.notifications import NotificationContentService
from domain.services.scheduling import ScheduleService
from tests.fakes_anchors import FakeAnchors
from tests.integration.test_sql_scheduling import recording, selects

T1 = WorkspaceRef("T1")
MONDAY = date(2026, 11, 30)
DUE = datetime(2026, 11, 30, 14, tzinfo=UTC)


def _teams(uow_factory: UnitOfWorkFactory, managers: int, reps_each: int) -> None:
    with uow_factory() as uow:
        uow.workspaces.add(Workspace(T1))
        for m in range(managers):
            manager = f"UM{m:02d}"
            uow.members.add(Member(T1, manager, f"Manager {m}", "America/New_York", role=Role.MANAGER))
            for r in range(reps_each):
                rep = f"UR{m:02d}{r:02d}"
                uow.members.add(Member(T1, rep, f"Rep {m} {r}", "America/New_York", manager_id=manager))
                uow.cycles.add(CoachingCycle(T1, rep, manager, MONDAY))
        uow.commit()


def _rows(kind: str, recipients: list[str], period: date) -> list[Delivery]:
    return [Delivery(DeliveryKey("T1", user, kind, period.isoformat()), DeliveryStatus.SENDING, DUE,
                     DUE + timedelta(hours=8)) for user in recipients]


@pytest.mark.parametrize(("kind", "audience", "period"), [
    ("week_ahead", "managers", MONDAY),
    ("cycle_tasks", "reps", MONDAY),
    ("team_tasks", "managers", MONDAY + timedelta(days=2)),
    ("maintenance_checkin", "reps", date(2027, 2, 2)),  # week 10 of the cycles: maintenance (issue 13)
])
def test_a_kinds_content_costs_the_same_queries_for_two_people_as_for_forty(
    engine: Engine, uow_factory: UnitOfWorkFactory, kind: str, audience: str, period: date
) -> None:
    _teams(uow_factory, managers=8, reps_each=5)
    content = NotificationContentService(uow_factory)

    def cost(people: int) -> tuple[int, int]:
        if audience == "managers":
            recipients = [f"UM{m:02d}" for m in range(min(people, 8))]
        else:
            recipients = [f"UR{m:02d}{r:02d}" for m in range(8) for r in range(5)][:people]
        with recording(engine) as statements:
            found = content.contents_for(_rows(kind, recipients, period))
        return len(selects(statements)), len(found)

    (few, few_notes), (many, many_notes) = cost(2), cost(40)
    assert few == many, f"{kind}: {few} queries for 2 people, {many} for 40"
    assert (few_notes, many_notes) == (2, 8 if audience == "managers" else 40)


def test_an_anchored_reminder_is_one_ledger_row_however_many_planners_run(uow_factory: UnitOfWorkFactory) -> None:
    _teams(uow_factory, managers=1, reps_each=2)
    sessions = FakeAnchors()
    session = Appointment("session-123456", datetime(2026, 12, 1, 20, tzinfo=UTC))
    for person in ("UM00", "UR0000"):
        sessions.set(T1, person, session)
    # Without the monthly check-in, whose first Tuesday (1 December, 10:00) is due for every rep at that hour too.
    kinds = KindRegistry(*(k for k in KINDS.values() if k.name != "maintenance_checkin"), ScheduledKind(
        name="session_reminder_two_hours", title="Two hours before a session", audience=Audience.EVERYONE,
        cadence=Cadence.BEFORE_INSTANT, before=timedelta(hours=2), stale=Staleness(before_instant=timedelta(0)),
        source=sessions, gather=lambda _uow, _ws, occasions: {o: o.ref for o in occasions},
    ))
    ScheduleService(uow_factory, kinds).refresh_people(T1, ["UM00", "UR0000", "UR0001"], DUE)

    queued = [ScheduleService(uow_factory, kinds).plan(session.at - timedelta(hours=2) + timedelta(minutes=m)).queued
              for m in (0, 0, 1)]

    assert queued == [2, 0, 0]
    with uow_factory() as uow:
        keys = {d.key for d in uow.deliveries.search(status=DeliveryStatus.PENDING)}
    assert keys == {DeliveryKey("T1", person, "session_reminder_two_hours", "session-123456@20261201T2000Z")
                    for person in ("UM00", "UR0000")}
    # The content check reads the same period back through the source.
    found = NotificationContentService(uow_factory, kinds).contents_for(
        [d for d in _pending(uow_factory) if d.key.kind == "session_reminder_two_hours"])
    assert set(found.values()) == {"session-123456"}


def _pending(uow_factory: UnitOfWorkFactory) -> list[Delivery]:
    with uow_factory() as uow:
        return uow.deliveries.search(status=DeliveryStatus.PENDING)


@pytest.mark.parametrize(("kind", "audience"), [("challenge_invite", "reps"), ("challenge_invite_team", "managers")])
def test_the_week_7_invitations_cost_the_same_queries_for_two_people_as_for_forty(
    engine: Engine, uow_factory: UnitOfWorkFactory, kind: str, audience: str
) -> None:
    """Issue 13: Monday of week 7, every rep with focus skills and no challenge of this cycle is invited."""
    _teams(uow_factory, managers=8, reps_each=5)
    with uow_factory() as uow:
        cycles = uow.cycles.active_for_reps(T1, [f"UR{m:02d}{r:02d}" for m in range(8) for r in range(5)])
        for cycle in cycles.values():
            uow.priorities.set_focus(T1, cycle.id or 0, ["discovery", "closing"])
        uow.commit()
    content = NotificationContentService(uow_factory)
    week_7 = MONDAY + timedelta(weeks=6)

    def cost(people: int) -> tuple[int, int]:
        if audience == "managers":
            recipients = [f"UM{m:02d}" for m in range(min(people, 8))]
        else:
            recipients = [f"UR{m:02d}{r:02d}" for m in range(8) for r in range(5)][:people]
        with recording(engine) as statements:
            found = content.contents_for(_rows(kind, recipients, week_7))
        return len(selects(statements)), len(found)

    (few, few_notes), (many, many_notes) = cost(2), cost(40)
    assert few == many, f"{kind}: {few} queries for 2 people, {many} for 40"
    assert (few_notes, many_notes) == (2, 8 if audience == "managers" else 40)
