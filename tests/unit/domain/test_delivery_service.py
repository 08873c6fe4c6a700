"""Scheduling and draining with fakes: exactly once, polite with Slack, honest about failures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.delivery import (
    MAX_ATTEMPTS,
    Delivery,
    DeliveryStatus,
    PermanentFailure,
    RateLimited,
    Sent,
    TransientFailure,
)
from domain.model import WorkspaceRef
from domain.notifications.week_ahead import WEEK_AHEAD, WeekAheadNote
from domain.services.delivery import DeliveryService
from domain.services.notifications import NotificationContentService
from domain.services.roster import RosterService
from domain.services.scheduling import ScheduleService
from tests.fakes import FakeDirectory, FakeStore

T1 = WorkspaceRef("T1")
SUNDAY = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
MONDAY_8AM_NEW_YORK = datetime(2026, 11, 30, 13, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now
        self.slept: list[float] = []

    def __call__(self) -> datetime:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += timedelta(seconds=seconds)


class ScriptedSender:
    """A hand-written `MessageSender`: answers from a script, records every send."""

    def __init__(self, *outcomes: object) -> None:
        self.script = list(outcomes)
        self.sent: list[tuple[Delivery, object]] = []
        self.in_slack: dict[str, Sent] = {}  # ledger key -> what Slack already has
        self.lookups = 0

    def send(self, delivery: Delivery, content: object):
        outcome = self.script.pop(0) if self.script else Sent(f"D{delivery.key.recipient_id}", f"{len(self.sent)}.0")
        self.sent.append((delivery, content))
        if isinstance(outcome, Sent):
            self.in_slack[str(delivery.key)] = outcome
        return outcome

    def find_sent(self, delivery: Delivery):
        self.lookups += 1
        return self.in_slack.get(str(delivery.key))


@pytest.fixture
def world():
    store = FakeStore()
    clock = Clock(SUNDAY)
    # Only the week-ahead note: these tests count its rows (the cycle reminders have their own tests).
    schedules = ScheduleService(store.uow, kinds={WEEK_AHEAD.name: WEEK_AHEAD})
    roster = RosterService(store.uow, "UTC", schedules=schedules, clock=clock)
    directory = FakeDirectory()
    directory.add("UMGR", "Maya Chen", "America/New_York")
    directory.add("UA", "Alex Rivera", "America/Los_Angeles")
    roster.enroll_caller(T1, "UMGR", directory)
    roster.add_reps(T1, "UMGR", ["UA"], directory)
    content = NotificationContentService(store.uow)
    deliveries = DeliveryService(store.uow, content, clock.sleep)
    return store, clock, schedules, deliveries


def _statuses(store: FakeStore) -> list[DeliveryStatus]:
    return [d.status for d in store.tables.deliveries.values()]


def test_the_week_ahead_note_is_queued_at_8am_local_and_sent_once(world) -> None:
    store, clock, schedules, deliveries = world
    sender = ScriptedSender()

    early = schedules.plan(MONDAY_8AM_NEW_YORK - timedelta(minutes=1))
    on_time = schedules.plan(MONDAY_8AM_NEW_YORK)
    again = schedules.plan(MONDAY_8AM_NEW_YORK + timedelta(minutes=1))
    clock.now = MONDAY_8AM_NEW_YORK
    report = deliveries.drain(sender, clock)
    second = deliveries.drain(sender, clock)

    assert (early.queued, on_time.queued, again.queued) == (0, 1, 0)
    assert report.sent == 1 and second.sent == 0
    [(delivery, note)] = sender.sent
    assert isinstance(note, WeekAheadNote) and [r.user_id for r in note.reps] == ["UA"]
    assert str(delivery.key) == "T1/UMGR/week_ahead/2026-11-30"
    assert _statuses(store) == [DeliveryStatus.SENT]


def test_a_rate_limit_waits_retry_after_and_loses_nothing(world) -> None:
    store, clock, schedules, deliveries = world
    schedules.plan(MONDAY_8AM_NEW_YORK)
    clock.now = MONDAY_8AM_NEW_YORK
    sender = ScriptedSender(RateLimited("chat.postMessage", 7), RateLimited("chat.postMessage", 3))

    report = deliveries.drain(sender, clock)

    assert report.sent == 1 and report.rate_limited == 2
    assert clock.slept == [7, 3]
    [delivery] = store.tables.deliveries.values()
    assert delivery.status is DeliveryStatus.SENT and delivery.attempts == 1  # 429s do not count


def test_transient_failures_back_off_then_give_up(world) -> None:
    store, clock, schedules, deliveries = world
    schedules.plan(MONDAY_8AM_NEW_YORK)
    clock.now = MONDAY_8AM_NEW_YORK
    sender = ScriptedSender(*[TransientFailure("http_503")] * MAX_ATTEMPTS)

    first = deliveries.drain(sender, clock)
    [delivery] = store.tables.deliveries.values()
    assert first.retried == 1 and delivery.status is DeliveryStatus.PENDING
    assert delivery.next_attempt_at == clock.now + timedelta(seconds=30)

    for _ in range(MAX_ATTEMPTS):
        clock.now += timedelta(minutes=31)
        deliveries.drain(sender, clock)

    [delivery] = store.tables.deliveries.values()
    assert delivery.status is DeliveryStatus.FAILED and delivery.attempts == MAX_ATTEMPTS
    assert delivery.error == "http_503" and "gave up" in (delivery.reason or "")


def test_a_permanent_error_fails_at_once(world) -> None:
    store, clock, schedules, deliveries = world
    schedules.plan(MONDAY_8AM_NEW_YORK)
    clock.now = MONDAY_8AM_NEW_YORK

    report = deliveries.drain(ScriptedSender(PermanentFailure("account_inactive")), clock)

    [delivery] = store.tables.deliveries.values()
    assert report.failed == 1 and delivery.status is DeliveryStatus.FAILED
    assert delivery.error == "account_inactive" and delivery.attempts == 1


def test_a_sender_that_died_after_slack_accepted_is_not_sent_again(world) -> None:
    store, clock, schedules, deliveries = world
    schedules.plan(MONDAY_8AM_NEW_YORK)
    clock.now = MONDAY_8AM_NEW_YORK
    sender = ScriptedSender()
    # The first sender claims the row, counts its attempt, Slack takes the
    # message, and the process dies before recording it.
    with store.uow() as uow:
        [claimed] = uow.deliveries.claim_ready(clock.now, 10)
        uow.deliveries.update(claimed.with_status(DeliveryStatus.SENDING, attempts=1))
        uow.commit()
    sender.in_slack[str(claimed.key)] = Sent("DUMGR", "1700000000.000100")

    within_lease = deliveries.drain(sender, clock)
    clock.now += timedelta(minutes=3)
    after_lease = deliveries.drain(sender, clock)

    assert within_lease.sent == within_lease.recovered == 0
    assert after_lease.recovered == 1 and sender.sent == []
    [delivery] = store.tables.deliveries.values()
    assert delivery.status is DeliveryStatus.SENT and delivery.ts == "1700000000.000100"


def test_after_two_days_down_the_first_tick_skips_what_went_stale(world) -> None:
    store, _clock, schedules, _deliveries = world
    a_week_later = MONDAY_8AM_NEW_YORK + timedelta(days=7, minutes=5)

    report = schedules.plan(a_week_later)

    assert report.queued == 1 and report.skipped == 1
    rows = {d.key.period: d for d in store.tables.deliveries.values()}
    assert rows["2026-11-30"].status is DeliveryStatus.SKIPPED and "stale" in (rows["2026-11-30"].reason or "")
    assert rows["2026-12-07"].status is DeliveryStatus.PENDING


def test_a_paused_manager_gets_nothing_and_a_manager_without_reps_stops(world) -> None:
    store, clock, schedules, _deliveries = world
    roster = RosterService(store.uow, "UTC", schedules=schedules, clock=clock)

    roster.remove_rep(T1, "UMGR", "UA")

    assert schedules.plan(MONDAY_8AM_NEW_YORK).queued == 0
    assert store.tables.schedules == {}
