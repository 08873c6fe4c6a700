"""Anchored kinds through the planner and the drain: exactly once, moved sessions, runs with holidays."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.delivery import Delivery, DeliveryStatus, SendOutcome, Sent
from domain.model import Member, Role, Workspace, WorkspaceRef, WorkspaceSettings
from domain.notifications.kind import KindRegistry, Occasion, ScheduledKind
from domain.ports import UnitOfWork
from domain.scheduling.anchors import Appointment, Run
from domain.scheduling.kinds import END_OF_DAY, Audience, Cadence, Staleness
from domain.services.delivery import DeliveryService
from domain.services.notifications import NotificationContentService
from domain.services.scheduling import ScheduleService
from tests.fakes import FakeStore
from tests.fakes_anchors import FakeAnchors

T1 = WorkspaceRef("T1")
NEW_YORK = ZoneInfo("America/New_York")
THANKSGIVING = date(2026, 11, 26)


def ny(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=NEW_YORK).astimezone(UTC)


@dataclass(frozen=True)
class Reminder:
    """What a session or challenge note would carry: whom it is for, and when the thing is."""

    person: Member
    at: datetime | None
    on: date


@dataclass
class World:
    store: FakeStore
    sessions: FakeAnchors
    challenges: FakeAnchors
    gathered: list[int]  # batch sizes the gatherer was called with
    schedules: ScheduleService
    deliveries: DeliveryService
    sent: list[tuple[str, object]]

    def tick(self, now: datetime) -> None:
        self.schedules.plan(now)
        self.deliveries.drain(_Sender(self.sent), lambda: now)

    def rows(self) -> dict[str, DeliveryStatus]:
        return {f"{d.key.recipient_id}/{d.key.kind}/{d.key.period}": d.status
                for d in self.store.tables.deliveries.values()}


class _Sender:
    def __init__(self, sent: list[tuple[str, object]]) -> None:
        self._sent = sent

    def send(self, delivery: Delivery, content: object) -> SendOutcome:
        self._sent.append((str(delivery.key), content))
        return Sent(f"D{delivery.key.recipient_id}", f"{len(self._sent)}.0")

    def find_sent(self, delivery: Delivery) -> Sent | None:
        wanted = str(delivery.key)
        return next((Sent("D", "0.0") for key, _ in self._sent if key == wanted), None)


@pytest.fixture
def world() -> World:
    store, sessions, challenges, gathered = FakeStore(), FakeAnchors(), FakeAnchors(), []

    def reminders(uow: UnitOfWork, ws: WorkspaceRef, occasions: Sequence[Occasion]) -> Mapping[Occasion, Reminder]:
        gathered.append(len(occasions))
        people = uow.members.get_many(ws, [o.recipient_id for o in occasions])
        return {o: Reminder(people[o.recipient_id], o.at, o.on) for o in occasions if o.recipient_id in people}

    two_hours = ScheduledKind(
        name="session_2h", title="Two hours before a session", audience=Audience.EVERYONE,
        cadence=Cadence.BEFORE_INSTANT, before=timedelta(hours=2), stale=Staleness(before_instant=timedelta(0)),
        source=sessions, gather=reminders,
    )
    nudge = ScheduledKind(
        name="challenge_nudge", title="21-day challenge nudge", audience=Audience.REPS,
        cadence=Cadence.WORKING_DAY_RUN, local_time=time(9), stale=END_OF_DAY, source=challenges, gather=reminders,
    )
    kinds = KindRegistry(two_hours, nudge)
    with store.uow() as uow:
        uow.workspaces.add(Workspace(T1, settings=WorkspaceSettings(holidays=frozenset({THANKSGIVING}))))
        uow.members.add(Member(T1, "UMGR", "Maya", "America/New_York", role=Role.MANAGER))
        for rep in ("UA", "UB", "UC"):
            uow.members.add(Member(T1, rep, f"Rep {rep}", "America/New_York", manager_id="UMGR"))
        uow.commit()
    schedules = ScheduleService(store.uow, kinds)
    deliveries = DeliveryService(store.uow, NotificationContentService(store.uow, kinds), lambda _: None)
    return World(store, sessions, challenges, gathered, schedules, deliveries, [])


def test_a_session_reminder_is_sent_once_to_both_people_at_two_hours_before(world: World) -> None:
    session = Appointment("s42", ny(24, 15))
    world.sessions.set(T1, "UA", session)
    world.sessions.set(T1, "UMGR", session)
    world.schedules.refresh_people(T1, ["UA", "UMGR"], ny(23, 12))

    for at in (ny(24, 12, 59), ny(24, 13), ny(24, 13, 1), ny(24, 14)):
        world.tick(at)

    assert sorted(key for key, _ in world.sent) == [
        "T1/UA/session_2h/s42@20261124T2000Z", "T1/UMGR/session_2h/s42@20261124T2000Z"]
    assert world.gathered == [2]  # both rows' content in one batch
    reminder = world.sent[0][1]
    assert isinstance(reminder, Reminder) and reminder.at == session.at


def test_a_session_moved_after_its_reminder_was_queued_is_reminded_at_its_new_time_only(world: World) -> None:
    world.sessions.set(T1, "UA", Appointment("s42", ny(24, 15)))
    world.schedules.refresh_people(T1, ["UA"], ny(23, 12))
    world.schedules.plan(ny(24, 13))  # queued for 13:00 ...
    world.sessions.move("s42", ny(26, 10, month=12))  # ... then moved to 10:00 on 26 December
    world.schedules.refresh_people(T1, ["UA"], ny(24, 13, 1))

    world.tick(ny(24, 13, 1))
    assert world.sent == []
    assert world.rows() == {"UA/session_2h/s42@20261124T2000Z": DeliveryStatus.SKIPPED}
    world.tick(ny(26, 7, 59, month=12))
    world.tick(ny(26, 8, month=12))
    assert [key for key, _ in world.sent] == ["T1/UA/session_2h/s42@20261226T1500Z"]


def test_a_session_booked_at_short_notice_is_reminded_by_the_next_tick(world: World) -> None:
    world.schedules.refresh_people(T1, ["UA"], ny(24, 9))
    world.sessions.set(T1, "UA", Appointment("s7", ny(24, 11)))  # booked at 09:30 for 11:00
    world.schedules.refresh_people(T1, ["UA"], ny(24, 9, 30))

    world.tick(ny(24, 9, 31))

    assert [key for key, _ in world.sent] == ["T1/UA/session_2h/s7@20261124T1600Z"]


def test_a_challenge_nudges_every_working_day_once_and_not_on_thanksgiving(world: World) -> None:
    for rep in ("UA", "UB", "UC"):
        world.challenges.set(T1, rep, Run("c1", date(2026, 11, 23), date(2026, 12, 13)))  # 21 days
    world.schedules.refresh_people(T1, ["UA", "UB", "UC"], ny(22, 12))

    at = ny(22, 12)
    while at < ny(14, 12, month=12):
        world.tick(at)
        at += timedelta(hours=1)

    ua = sorted(key.rsplit("@", 1)[1] for key, _ in world.sent if key.startswith("T1/UA/"))
    assert len(ua) == 14 and THANKSGIVING.isoformat() not in ua  # 15 working days, less the holiday
    assert ua[0] == "2026-11-23" and ua[-1] == "2026-12-11" and len(set(ua)) == len(ua)
    assert len(world.sent) == 3 * 14
    assert set(world.gathered) == {3}  # each day's three nudges gathered together
    assert all(isinstance(note, Reminder) for _, note in world.sent)


def test_after_two_days_down_a_challenge_sends_today_and_records_the_missed_days_as_skipped(world: World) -> None:
    world.challenges.set(T1, "UA", Run("c1", date(2026, 11, 23), date(2026, 12, 13)))
    world.schedules.refresh_people(T1, ["UA"], ny(22, 12))
    world.tick(ny(23, 9))  # Monday's nudge

    world.tick(ny(25, 10))  # down from Monday 09:00 to Wednesday 10:00

    assert [key.rsplit("@", 1)[1] for key, _ in world.sent] == ["2026-11-23", "2026-11-25"]
    assert world.rows()["UA/challenge_nudge/c1@2026-11-24"] is DeliveryStatus.SKIPPED
    [skipped] = [d for d in world.store.tables.deliveries.values() if d.status is DeliveryStatus.SKIPPED]
    assert skipped.reason == "stale: was due Tue 24 Nov 09:00 America/New_York, relevant until Wed 25 Nov 00:00"


def test_a_workspace_refresh_asks_a_source_about_500_people_at_a_time(world: World) -> None:
    with world.store.uow() as uow:
        for n in range(1100):
            uow.members.add(Member(T1, f"UX{n:04d}", f"Person {n}", "America/New_York", manager_id="UMGR"))
        uow.commit()
    world.sessions.set(T1, "UX1099", Appointment("s9", ny(24, 15)))

    world.schedules.refresh_workspace(T1, ny(23, 12))

    assert [len(recipients) for _, recipients, _ in world.sessions.calls] == [500, 500, 104]
    with world.store.uow() as uow:
        [entry] = [e for e in uow.schedules.for_member(T1, "UX1099") if e.kind == "session_2h"]
    assert entry.next_check_at == ny(24, 13)
