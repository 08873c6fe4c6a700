"""The dispatch tick against the fake Slack: local 08:00, once, through 429s and failures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain.delivery import DeliveryStatus
from handlers.jobs.dispatch import DispatchJob
from tests.fakes import FakeDispatcherLock
from tests.handlers.jobs.steps import MONDAY, SUNDAY, add_team, tick


def test_each_manager_gets_the_note_at_8am_local_once(world) -> None:
    fake, time, services, client, job = world
    add_team(fake, services, client, "UNY", "America/New_York", ["UA"])
    add_team(fake, services, client, "UKOL", "Asia/Kolkata", ["UB"])
    add_team(fake, services, client, "USYD", "Australia/Sydney", ["UC"])

    sent_at: dict[str, datetime] = {}
    at = SUNDAY
    while at < MONDAY + timedelta(days=1):
        tick(job, time, at)
        for manager in ("UNY", "UKOL", "USYD"):
            if fake.messages_to(manager) and manager not in sent_at:
                sent_at[manager] = at
        at += timedelta(minutes=30)

    assert sent_at == {
        "USYD": datetime(2026, 11, 29, 21, 0, tzinfo=UTC),  # Monday 08:00 AEDT is Sunday 21:00 UTC
        "UKOL": datetime(2026, 11, 30, 2, 30, tzinfo=UTC),
        "UNY": datetime(2026, 11, 30, 13, 0, tzinfo=UTC),
    }
    for manager in sent_at:
        [note] = fake.messages_to(manager)
        assert note["metadata"]["event_payload"]["key"].startswith(f"T1/{manager}/week_ahead/")


def test_with_30_percent_of_calls_rate_limited_every_note_arrives_once(world) -> None:
    fake, time, services, client, job = world
    managers = [f"UM{n:02d}" for n in range(40)]
    for n, manager in enumerate(managers):
        add_team(fake, services, client, manager, "Europe/Berlin", [f"UR{n:02d}"])
    fake.rate_limit_fraction(0.3, retry_after=2, seed=7, methods=["chat.postMessage"])

    report = tick(job, time, datetime(2026, 11, 30, 7, 0, tzinfo=UTC))

    assert report is not None and report.drain.rate_limited > 5
    assert report.drain.sent == 40 and time.slept >= 2 * report.drain.rate_limited - 2
    for manager in managers:
        assert len(fake.messages_to(manager)) == 1


def test_a_deactivated_manager_fails_without_retries_and_others_still_get_theirs(world, uow_factory) -> None:
    fake, time, services, client, job = world
    add_team(fake, services, client, "UGONE", "Europe/Berlin", ["UA"])
    add_team(fake, services, client, "UOK", "Europe/Berlin", ["UB"])
    fake.add_user("UGONE", "Manager UGONE", "Europe/Berlin", deleted=True)

    report = tick(job, time, datetime(2026, 11, 30, 7, 0, tzinfo=UTC))

    assert report.drain.failed == 1 and report.drain.sent == 1
    with uow_factory() as uow:
        [failed] = uow.deliveries.search(status=DeliveryStatus.FAILED)
    assert failed.key.recipient_id == "UGONE" and failed.error == "account_inactive" and failed.attempts == 1
    assert len(fake.messages_to("UOK")) == 1


def test_a_tick_held_by_another_instance_does_nothing(world) -> None:
    fake, _time, services, client, _ = world
    add_team(fake, services, client, "UNY", "America/New_York", ["UA"])
    follower = DispatchJob(services, client, FakeDispatcherLock(held=False))

    assert follower.tick(datetime(2026, 11, 30, 13, 0, tzinfo=UTC)) is None
    assert fake.messages_to("UNY") == []
