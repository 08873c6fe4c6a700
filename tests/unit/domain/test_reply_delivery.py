"""Listeners' replies in the ledger: sent at once, recorded, and never resent by the drain."""

from __future__ import annotations

from datetime import timedelta

from domain.delivery import (
    REPLY_KIND,
    SENDING_LEASE,
    Delivery,
    DeliveryKey,
    DeliveryStatus,
    Sent,
    TransientFailure,
    reply_period,
)
from domain.model import WorkspaceRef
from domain.services.delivery import LOST_REPLY_REASON, DeliveryService
from domain.services.notifications import NotificationContentService
from domain.services.roster import RosterService
from domain.services.scheduling import ScheduleService
from tests.fakes import FakeDirectory, FakeStore
from tests.unit.domain.test_delivery_service import SUNDAY, T1, Clock, ScriptedSender

SAVED = {"text": "Saved.", "blocks": []}


def _world() -> tuple[FakeStore, Clock, DeliveryService]:
    store, clock = FakeStore(), Clock(SUNDAY)
    directory = FakeDirectory()
    directory.add("UMGR", "Maya Chen", "America/New_York")
    RosterService(store.uow, "UTC", schedules=ScheduleService(store.uow), clock=clock).enroll_caller(
        T1, "UMGR", directory
    )
    return store, clock, DeliveryService(store.uow, NotificationContentService(store.uow), clock.sleep)


def test_a_reply_is_sent_at_once_and_recorded_under_its_key() -> None:
    store, clock, deliveries = _world()
    sender = ScriptedSender(TransientFailure("http_503"))

    reply = deliveries.send_reply(T1, "UMGR", reply_period("V1:h1:saved"), SAVED, sender, clock)

    assert reply.status is DeliveryStatus.SENT and reply.attempts == 2
    assert [content for _, content in sender.sent] == [SAVED, SAVED]
    assert clock.slept == [1.0]
    [row] = store.tables.deliveries.values()
    assert (row.key, row.status, row.ts) == (reply.key, DeliveryStatus.SENT, reply.ts)
    assert row.key.kind == REPLY_KIND and len(row.key.period) <= 32  # fits the period column


def test_a_reply_to_a_workspace_not_yet_stored_is_sent_without_a_row() -> None:
    store, clock, deliveries = _world()
    sender = ScriptedSender()

    reply = deliveries.send_reply(WorkspaceRef("T0NEW"), "UX", reply_period(None), SAVED, sender, clock)

    assert reply.status is DeliveryStatus.SENT and len(sender.sent) == 1
    assert list(store.tables.deliveries.values()) == []


def _abandoned_reply(store: FakeStore, clock: Clock) -> Delivery:
    """A reply whose listener's process died mid-send: SENDING, one attempt, its lease long over."""
    started = clock.now - SENDING_LEASE - timedelta(minutes=1)
    key = DeliveryKey(T1.team_id, "UMGR", REPLY_KIND, reply_period("V9:h9:saved"))
    reply = Delivery(key, DeliveryStatus.SENDING, due_at=started, stale_at=started + timedelta(hours=1),
                     attempts=1, claimed_at=started)
    with store.uow() as uow:
        uow.deliveries.add_if_absent(reply)
        uow.commit()
    return reply


def test_the_drain_fails_an_abandoned_reply_rather_than_send_it_again() -> None:
    store, clock, deliveries = _world()
    reply = _abandoned_reply(store, clock)
    sender = ScriptedSender()

    report = deliveries.drain(sender, clock)

    assert sender.sent == [] and sender.lookups == 1 and report.failed == 1
    [row] = store.tables.deliveries.values()
    assert row.key == reply.key and row.status is DeliveryStatus.FAILED and row.reason == LOST_REPLY_REASON


def test_the_drain_records_an_abandoned_reply_slack_already_has_as_sent() -> None:
    store, clock, deliveries = _world()
    reply = _abandoned_reply(store, clock)
    sender = ScriptedSender()
    sender.in_slack[str(reply.key)] = Sent("DUMGR", "1.0")

    report = deliveries.drain(sender, clock)

    assert sender.sent == [] and report.recovered == 1
    [row] = store.tables.deliveries.values()
    assert (row.status, row.ts) == (DeliveryStatus.SENT, "1.0")
