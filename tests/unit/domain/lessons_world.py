"""A workspace of reps in weeks 3-6, the micro-lesson kind through the planner and the drain, on fakes.

Time moves the way the minute tick sees it: each step runs a tick at the
earliest instant a schedule entry asks to be looked at, so a lesson due at
10:00 local is sent at 10:00 local. The rep answers through `LessonService`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.catalog import load_catalog
from domain.coaching.cycle import CoachingCycle
from domain.coaching.lessons import LessonAnswer, LessonProgress, LessonStatus
from domain.delivery import Delivery, DeliveryStatus, SendOutcome, Sent
from domain.effects import Done
from domain.model import Member, Role, Workspace, WorkspaceRef, WorkspaceSettings
from domain.notifications.kind import KindRegistry
from domain.notifications.micro_lessons import MICRO_LESSONS, LessonNote
from domain.services.delivery import DeliveryService
from domain.services.lessons import LessonAnswered, LessonService
from domain.services.notifications import NotificationContentService
from domain.services.scheduling import ScheduleService
from tests.fakes import FakeStore

T1 = WorkspaceRef("T1")
CATALOG = load_catalog()
CYCLE_MONDAY = date(2026, 11, 30)  # week 3: Tue 15 Dec, Thu 17 Dec; week 6 ends Sun 10 Jan
START = datetime(2026, 12, 13, 12, 0, tzinfo=UTC)  # Sunday before week 3
KINDS = KindRegistry(MICRO_LESSONS)
DISCOVERY = [lesson.id for lesson in CATALOG.competency("discovery").micro_lessons]
CLOSING = [lesson.id for lesson in CATALOG.competency("closing").micro_lessons]


def local(day: date, at: time, tz: str) -> datetime:
    return datetime.combine(day, at, ZoneInfo(tz)).astimezone(UTC)


@dataclass
class Received:
    """A lesson as the rep got it: when (UTC), the ledger period, the note."""

    at: datetime
    period: str
    note: LessonNote

    @property
    def lesson_id(self) -> str:
        return self.note.choice.lesson_id


class _Sender:
    def __init__(self, world: LessonWorld) -> None:
        self._world = world

    def send(self, delivery: Delivery, content: object) -> SendOutcome:
        assert isinstance(content, LessonNote)
        self._world.received.setdefault(delivery.key.recipient_id, []).append(
            Received(self._world.now, delivery.key.period, content))
        return Sent(f"D{delivery.key.recipient_id}", f"{len(self._world.received)}.0")

    def find_sent(self, delivery: Delivery) -> Sent | None:
        return None


@dataclass
class LessonWorld:
    settings: WorkspaceSettings = field(default_factory=WorkspaceSettings)
    store: FakeStore = field(default_factory=FakeStore)
    now: datetime = START
    received: dict[str, list[Received]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        with self.store.uow() as uow:
            uow.workspaces.add(Workspace(T1, settings=self.settings))
            uow.members.add(Member(T1, "UMGR", "Maya", "America/New_York", role=Role.MANAGER))
            uow.commit()
        self.schedules = ScheduleService(self.store.uow, KINDS)
        self.deliveries = DeliveryService(self.store.uow, NotificationContentService(self.store.uow, KINDS),
                                          lambda _: None)
        self.lessons = LessonService(self.store.uow, CATALOG, lambda: self.now, self.schedules)

    def rep(self, user_id: str, tz: str, focus: list[str], *, starts_on: date = CYCLE_MONDAY,
            refresh: bool = True, **member: object) -> CoachingCycle:
        with self.store.uow() as uow:
            uow.members.add(Member(T1, user_id, f"Rep {user_id}", tz, manager_id="UMGR", **member))  # type: ignore[arg-type]
            cycle = uow.cycles.add(CoachingCycle(T1, user_id, "UMGR", starts_on))
            assert cycle.id is not None
            uow.priorities.set_focus(T1, cycle.id, focus)
            uow.commit()
        if refresh:
            self.schedules.refresh_people(T1, [user_id], self.now)
        return cycle

    def tick(self, at: datetime) -> None:
        self.now = at
        self.schedules.plan(at)
        self.deliveries.drain(_Sender(self), lambda: at)

    def run_until(self, end: datetime) -> None:
        """Tick at each instant a schedule entry comes due, up to `end` (what the minute tick would do)."""
        while True:
            due = [e.next_check_at for e in self.store.tables.schedules.values()
                   if e.next_check_at is not None and e.next_check_at <= end]
            if not due:
                break
            self.tick(max(min(due), self.now))
        self.now = max(self.now, end)

    def answer(self, user_id: str, received: Received, answer: LessonAnswer, at: datetime | None = None,
               ) -> Done[LessonAnswered]:
        if at is not None:
            self.now = at
        note = received.note
        return self.lessons.answer_and_tell(T1, user_id, note.cycle_id, note.choice.lesson_id, answer)

    def doing_every_lesson(self, user_id: str, end: datetime) -> None:
        """Run to `end` a day at a time; the rep marks each lesson done the day it arrives."""
        while self.now < end:
            self.run_until(min(self.now + timedelta(days=1), end))
            for received in self.got(user_id):
                if self.status(received) is not LessonStatus.DONE:
                    self.answer(user_id, received, LessonAnswer.DONE)

    def set_focus(self, user_id: str, focus: list[str]) -> None:
        """As the contract feature does: the focus changes and the scheduler is not told."""
        with self.store.uow() as uow:
            cycle = uow.cycles.active_for(T1, user_id)
            assert cycle is not None and cycle.id is not None
            uow.priorities.set_focus(T1, cycle.id, focus)
            uow.commit()

    def status(self, received: Received) -> LessonStatus | None:
        with self.store.uow(read_only=True) as uow:
            rows = uow.lessons.for_cycles(T1, [received.note.cycle_id]).get(received.note.cycle_id, {})
        row = rows.get(received.lesson_id)
        return row.status if row is not None else None

    def cycle_of(self, user_id: str) -> CoachingCycle:
        with self.store.uow(read_only=True) as uow:
            cycle = uow.cycles.active_for(T1, user_id)
        assert cycle is not None
        return cycle

    def got(self, user_id: str) -> list[Received]:
        return self.received.get(user_id, [])

    def progress(self, cycle: CoachingCycle) -> dict[str, LessonProgress]:
        with self.store.uow(read_only=True) as uow:
            return uow.lessons.for_cycles(T1, [cycle.id or 0]).get(cycle.id or 0, {})

    def ledger(self, user_id: str) -> dict[str, DeliveryStatus]:
        return {d.key.period: d.status for d in self.store.tables.deliveries.values()
                if d.key.recipient_id == user_id and d.key.kind == MICRO_LESSONS.name}


def day_after(moment: datetime, days: int = 1) -> datetime:
    return moment + timedelta(days=days)
