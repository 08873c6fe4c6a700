"""The homework reminder through the planner and the drain: 09:00 the rep's time on the due date, exactly once.

Reps from UTC-10 to UTC+14, a clock change the weekend before, holidays and
weekends (the last working day before), time off, opt-outs, and homework
handed in before its morning.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.catalog import load_catalog
from domain.coaching.homework import HandIn
from domain.delivery import Delivery, DeliveryStatus, SendOutcome, Sent
from domain.model import Member, Role, Workspace, WorkspaceRef, WorkspaceSettings
from domain.notifications.homework_due import HOMEWORK_DUE, HomeworkDueNote
from domain.notifications.kind import KindRegistry
from domain.services.delivery import DeliveryService
from domain.services.homework import HomeworkService
from domain.services.notifications import NotificationContentService
from domain.services.scheduling import ScheduleService
from tests.fakes import FakeStore

WS = WorkspaceRef("T1")
CATALOG = load_catalog()
THANKSGIVING = date(2026, 11, 26)
ZONES = {"UHNL": "Pacific/Honolulu", "ULA": "America/Los_Angeles", "UBER": "Europe/Berlin",
         "UKOL": "Asia/Kolkata", "UKIR": "Pacific/Kiritimati"}


class _Sender:
    def __init__(self) -> None:
        self.sent: list[tuple[str, object, datetime]] = []
        self.now = datetime.min.replace(tzinfo=UTC)

    def send(self, delivery: Delivery, content: object) -> SendOutcome:
        self.sent.append((str(delivery.key), content, self.now))
        return Sent(f"D{delivery.key.recipient_id}", f"{len(self.sent)}.0")

    def find_sent(self, delivery: Delivery) -> Sent | None:
        return None


@dataclass
class World:
    store: FakeStore
    homework: HomeworkService
    schedules: ScheduleService
    deliveries: DeliveryService
    sender: _Sender
    clock: list[datetime]

    def assign(self, rep_id: str, due: date, at: datetime) -> int:
        self.clock[0] = at
        done = self.homework.assign_and_tell(WS, "UMGR", rep_id, None, f"Homework for {rep_id}", due, "text")
        assert done.result.id is not None
        return done.result.id

    def tick(self, now: datetime) -> None:
        self.clock[0] = now
        self.sender.now = now
        self.schedules.plan(now)
        self.deliveries.drain(self.sender, lambda: now)

    def run(self, start: datetime, end: datetime, step: timedelta = timedelta(minutes=30)) -> None:
        at = start
        while at <= end:
            self.tick(at)
            at += step

    def reminders(self) -> list[tuple[str, str]]:
        """(rep, "YYYY-MM-DD HH:MM" it arrived, their local time) of each reminder sent."""
        found = []
        for _, note, at in self.sender.sent:
            assert isinstance(note, HomeworkDueNote)
            found.append((note.rep.user_id, f"{at.astimezone(ZoneInfo(note.rep.time_zone)):%Y-%m-%d %H:%M}"))
        return found


@pytest.fixture
def world() -> World:
    store = FakeStore()
    with store.uow() as uow:
        uow.workspaces.add(Workspace(WS, settings=WorkspaceSettings(holidays=frozenset({THANKSGIVING}))))
        uow.members.add(Member(WS, "UMGR", "Maya", "America/New_York", role=Role.MANAGER))
        for rep_id, tz in ZONES.items():
            uow.members.add(Member(WS, rep_id, rep_id, tz, manager_id="UMGR"))
        uow.commit()
    kinds = KindRegistry(HOMEWORK_DUE)
    clock = [datetime(2026, 11, 2, tzinfo=UTC)]
    schedules = ScheduleService(store.uow, kinds)
    homework = HomeworkService(store.uow, CATALOG, lambda: clock[0], schedules)
    deliveries = DeliveryService(store.uow, NotificationContentService(store.uow, kinds), lambda _: None)
    return World(store, homework, schedules, deliveries, _Sender(), clock)


def test_each_rep_hears_at_nine_on_the_due_date_in_their_own_time_zone_once(world: World) -> None:
    due = date(2026, 12, 9)  # a Wednesday
    for rep_id in ZONES:
        world.assign(rep_id, due, datetime(2026, 12, 1, 15, tzinfo=UTC))

    world.run(datetime(2026, 12, 7, tzinfo=UTC), datetime(2026, 12, 11, tzinfo=UTC))
    world.run(datetime(2026, 12, 7, tzinfo=UTC), datetime(2026, 12, 11, tzinfo=UTC), timedelta(hours=7))  # again

    assert sorted(world.reminders()) == sorted((rep_id, "2026-12-09 09:00") for rep_id in ZONES)


def test_the_reminder_stays_at_nine_local_across_the_clock_change(world: World) -> None:
    # Clocks go back on Sunday 1 November 2026 in Los Angeles; the homework was set under summer time.
    world.assign("ULA", date(2026, 11, 2), datetime(2026, 10, 28, 18, tzinfo=UTC))
    world.tick(datetime(2026, 11, 2, 16, tzinfo=UTC))  # 09:00 under summer time: 08:00 now
    assert world.reminders() == []
    world.run(datetime(2026, 11, 2, 16, 30, tzinfo=UTC), datetime(2026, 11, 3, tzinfo=UTC))
    assert world.reminders() == [("ULA", "2026-11-02 09:00")]
    assert world.sender.sent[0][2] == datetime(2026, 11, 2, 17, tzinfo=UTC)


def test_a_due_date_on_a_holiday_or_a_weekend_is_announced_the_working_day_before(world: World) -> None:
    world.assign("ULA", THANKSGIVING, datetime(2026, 11, 20, 18, tzinfo=UTC))
    world.assign("UBER", date(2026, 11, 28), datetime(2026, 11, 20, 18, tzinfo=UTC))  # a Saturday

    world.run(datetime(2026, 11, 23, tzinfo=UTC), datetime(2026, 11, 30, tzinfo=UTC))

    assert sorted(world.reminders()) == [("UBER", "2026-11-27 09:00"), ("ULA", "2026-11-25 09:00")]
    notes = [note for _, note, _ in world.sender.sent]
    assert all(isinstance(n, HomeworkDueNote) and n.homework.due_on in (THANKSGIVING, date(2026, 11, 28))
               for n in notes)


def test_time_off_and_opt_outs_silence_it(world: World) -> None:
    due = date(2026, 12, 9)
    with world.store.uow() as uow:
        for rep_id, change in (("ULA", {"paused_until": date(2026, 12, 10)}),
                               ("UBER", {"muted_kinds": frozenset({"homework_due"})})):
            rep = uow.members.get(WS, rep_id)
            assert rep is not None
            uow.members.update(replace(rep, **change))
        uow.commit()
    for rep_id in ("ULA", "UBER", "UKOL"):
        world.assign(rep_id, due, datetime(2026, 12, 1, 15, tzinfo=UTC))

    world.run(datetime(2026, 12, 8, tzinfo=UTC), datetime(2026, 12, 10, tzinfo=UTC))

    assert world.reminders() == [("UKOL", "2026-12-09 09:00")]


def test_a_workspace_that_switched_it_off_sends_nothing(world: World) -> None:
    with world.store.uow() as uow:
        uow.workspaces.update(Workspace(WS, settings=WorkspaceSettings(disabled_kinds=frozenset({"homework_due"}))))
        uow.commit()
    world.assign("UKOL", date(2026, 12, 9), datetime(2026, 12, 1, 15, tzinfo=UTC))
    world.run(datetime(2026, 12, 8, tzinfo=UTC), datetime(2026, 12, 10, tzinfo=UTC))
    assert world.reminders() == []


def test_homework_handed_in_before_its_morning_is_not_reminded(world: World) -> None:
    due = date(2026, 12, 9)
    early = world.assign("UKOL", due, datetime(2026, 12, 1, 15, tzinfo=UTC))
    queued = world.assign("UBER", due, datetime(2026, 12, 1, 15, tzinfo=UTC))
    world.clock[0] = datetime(2026, 12, 8, 12, tzinfo=UTC)
    world.homework.hand_in_and_tell(WS, "UKOL", early, HandIn("Done early"))
    # Berlin's reminder is already queued at 09:00 when Bea hands in at 09:00:30, before the drain.
    world.schedules.plan(datetime(2026, 12, 9, 8, tzinfo=UTC))
    world.clock[0] = datetime(2026, 12, 9, 8, 0, 30, tzinfo=UTC)
    world.homework.hand_in_and_tell(WS, "UBER", queued, HandIn("Just in time"))

    world.run(datetime(2026, 12, 9, 8, 1, tzinfo=UTC), datetime(2026, 12, 10, tzinfo=UTC))

    assert world.reminders() == []
    statuses = {d.key.recipient_id: d.status for d in world.store.tables.deliveries.values()
                if d.key.kind == "homework_due"}
    assert statuses == {"UBER": DeliveryStatus.SKIPPED}  # queued, then left out: nothing to send any more


def test_after_downtime_a_reminder_is_still_sent_that_day_and_skipped_the_day_after(world: World) -> None:
    world.assign("UKOL", date(2026, 12, 9), datetime(2026, 12, 1, 15, tzinfo=UTC))
    world.assign("ULA", date(2026, 12, 8), datetime(2026, 12, 1, 15, tzinfo=UTC))
    world.tick(datetime(2026, 12, 7, tzinfo=UTC))

    world.tick(datetime(2026, 12, 9, 12, tzinfo=UTC))  # down from Monday to Wednesday 17:30 in Kolkata

    assert world.reminders() == [("UKOL", "2026-12-09 17:30")]
    ledger = {d.key.recipient_id: d.status for d in world.store.tables.deliveries.values()
              if d.key.kind == "homework_due"}
    assert ledger == {"UKOL": DeliveryStatus.SENT, "ULA": DeliveryStatus.SKIPPED}
    assert HOMEWORK_DUE.local_time == time(9)
