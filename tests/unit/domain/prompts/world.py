"""A workspace on the fake store with the real kinds, a planner, a drain and a recording sender, on time the test sets.

Shared by the end-of-day prompt and debrief digest tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.coaching.calls import CallAnswers, CallRef, CallType
from domain.coaching.debriefs import Debrief
from domain.delivery import Delivery, DeliveryStatus, SendOutcome, Sent
from domain.model import Member, Role, Workspace, WorkspaceRef, WorkspaceSettings
from domain.services.debrief_prompts import digest_after_debrief
from domain.services.delivery import DeliveryService
from domain.services.notifications import NotificationContentService
from domain.services.scheduling import ScheduleService
from tests.fakes import FakeStore

T1 = WorkspaceRef("T1")


def local(tz: str, year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time in `tz`, as a UTC instant."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(tz)).astimezone(UTC)


@dataclass(frozen=True)
class SentMessage:
    key: str  # team/recipient/kind/period
    content: object
    at: datetime  # the tick's instant

    @property
    def recipient(self) -> str:
        return self.key.split("/")[1]

    @property
    def kind(self) -> str:
        return self.key.split("/")[2]

    @property
    def period(self) -> str:
        return self.key.split("/", 3)[3]


class _Sender:
    def __init__(self, world: World) -> None:
        self._world = world

    def send(self, delivery: Delivery, content: object) -> SendOutcome:
        self._world.sent.append(SentMessage(str(delivery.key), content, self._world.now))
        return Sent(f"D{delivery.key.recipient_id}", f"{len(self._world.sent)}.0")

    def find_sent(self, delivery: Delivery) -> Sent | None:
        return None


@dataclass
class World:
    store: FakeStore = field(default_factory=FakeStore)
    sent: list[SentMessage] = field(default_factory=list)
    now: datetime = datetime(2026, 10, 28, tzinfo=UTC)

    def __post_init__(self) -> None:
        self.schedules = ScheduleService(self.store.uow)
        self.deliveries = DeliveryService(self.store.uow, NotificationContentService(self.store.uow), lambda _: None)

    def setup(self, settings: WorkspaceSettings, *members: Member) -> None:
        with self.store.uow() as uow:
            uow.workspaces.add(Workspace(T1, settings=settings))
            for member in members:
                uow.members.add(member)
            uow.commit()
        self.schedules.refresh_workspace(T1, self.now)

    def update(self, member: Member) -> None:
        with self.store.uow() as uow:
            uow.members.update(member)
            uow.commit()
        self.schedules.refresh_people(T1, [member.user_id], self.now)

    def tick(self, at: datetime) -> None:
        self.now = at
        self.schedules.plan(at)
        self.deliveries.drain(_Sender(self), lambda: at)

    def run(self, start: datetime, end: datetime, step: timedelta = timedelta(minutes=30)) -> None:
        at = start
        while at <= end:
            self.tick(at)
            at += step

    def debrief(self, rep_id: str, at: datetime, *, call_on: date | None = None, account: str = "Acme",
                went_well: str = "Asked about budget early") -> Debrief:
        """What the debrief use case stores at `at`, and its call to plan the manager's digest."""
        self.now = at
        with self.store.uow() as uow:
            rep = uow.members.get(T1, rep_id)
            assert rep is not None
            day = call_on or at.astimezone(ZoneInfo(rep.time_zone)).date()
            stored = uow.debriefs.add(Debrief(T1, rep_id, CallRef(account), CallType.DISCOVERY, day,
                                              CallAnswers(went_well, "Talk less", "Quantify pain"), created_at=at))
            digest_after_debrief(self.schedules, uow, T1, rep, at)
            uow.commit()
        return stored

    def of_kind(self, kind: str, recipient: str | None = None) -> list[SentMessage]:
        return [m for m in self.sent if m.kind == kind and (recipient is None or m.recipient == recipient)]

    def rows(self, kind: str) -> dict[str, tuple[DeliveryStatus, str | None]]:
        return {f"{d.key.recipient_id}/{d.key.period}": (d.status, d.reason)
                for d in self.store.tables.deliveries.values() if d.key.kind == kind}


def manager(user_id: str = "UMGR", tz: str = "America/New_York", **changes: object) -> Member:
    return replace(Member(T1, user_id, f"Manager {user_id}", tz, role=Role.MANAGER), **changes)  # type: ignore[arg-type]


def rep(user_id: str, tz: str, manager_id: str | None = "UMGR", **changes: object) -> Member:
    return replace(Member(T1, user_id, f"Rep {user_id}", tz, manager_id=manager_id), **changes)  # type: ignore[arg-type]
