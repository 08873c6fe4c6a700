"""The dispatch tick against the fake Slack: local 08:00, once, through 429s and failures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.app import build_services, create_app
from bot.config import load_settings
from bot.fake_slack import FakeSlack, RecordingSlackClient
from domain.delivery import DeliveryStatus
from domain.model import WorkspaceRef
from handlers.jobs.dispatch import DispatchJob
from handlers.slack_directory import SlackUserDirectory
from tests.fakes import FakeDispatcherLock

T1 = WorkspaceRef("T1")
SUNDAY = datetime(2026, 11, 29, 18, 0, tzinfo=UTC)
MONDAY = datetime(2026, 11, 30, 0, 0, tzinfo=UTC)


class VirtualTime:
    """Time the test moves; sleeping advances it instead of waiting."""

    def __init__(self, start: datetime) -> None:
        self.now = start
        self.slept = 0.0

    def __call__(self) -> datetime:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept += seconds
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def world(uow_factory):
    fake = FakeSlack(team_id="T1")
    time = VirtualTime(SUNDAY)
    client = RecordingSlackClient(fake)
    settings = load_settings(None, SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET="s")
    services = build_services(uow_factory, settings, clock=time, sleep=time.sleep)
    create_app(settings, services, client=client)  # the same wiring as production
    job = DispatchJob(services, client, FakeDispatcherLock())
    return fake, time, services, client, job


def _team(fake, services, client, manager: str, tz: str, reps: list[str]) -> None:
    fake.add_user(manager, f"Manager {manager}", tz)
    for rep in reps:
        fake.add_user(rep, f"Rep {rep}", tz)
    directory = SlackUserDirectory(client)
    services.roster.enroll_caller(T1, manager, directory)
    services.roster.add_reps(T1, manager, reps, directory)


def _tick(job, time, at: datetime):
    time.now = at
    return job.tick(clock=time)


def test_each_manager_gets_the_note_at_8am_local_once(world) -> None:
    fake, time, services, client, job = world
    _team(fake, services, client, "UNY", "America/New_York", ["UA"])
    _team(fake, services, client, "UKOL", "Asia/Kolkata", ["UB"])
    _team(fake, services, client, "USYD", "Australia/Sydney", ["UC"])

    sent_at: dict[str, datetime] = {}
    at = SUNDAY
    while at < MONDAY + timedelta(days=1):
        _tick(job, time, at)
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
        _team(fake, services, client, manager, "Europe/Berlin", [f"UR{n:02d}"])
    fake.rate_limit_fraction(0.3, retry_after=2, seed=7, methods=["chat.postMessage"])

    report = _tick(job, time, datetime(2026, 11, 30, 7, 0, tzinfo=UTC))

    assert report is not None and report.drain.rate_limited > 5
    assert report.drain.sent == 40 and time.slept >= 2 * report.drain.rate_limited - 2
    for manager in managers:
        assert len(fake.messages_to(manager)) == 1


def test_a_deactivated_manager_fails_without_retries_and_others_still_get_theirs(world, uow_factory) -> None:
    fake, time, services, client, job = world
    _team(fake, services, client, "UGONE", "Europe/Berlin", ["UA"])
    _team(fake, services, client, "UOK", "Europe/Berlin", ["UB"])
    fake.add_user("UGONE", "Manager UGONE", "Europe/Berlin", deleted=True)

    report = _tick(job, time, datetime(2026, 11, 30, 7, 0, tzinfo=UTC))

    assert report.drain.failed == 1 and report.drain.sent == 1
    with uow_factory() as uow:
        [failed] = uow.deliveries.search(status=DeliveryStatus.FAILED)
    assert failed.key.recipient_id == "UGONE" and failed.error == "account_inactive" and failed.attempts == 1
    assert len(fake.messages_to("UOK")) == 1


def test_a_tick_held_by_another_instance_does_nothing(world) -> None:
    fake, time, services, client, _ = world
    _team(fake, services, client, "UNY", "America/New_York", ["UA"])
    follower = DispatchJob(services, client, FakeDispatcherLock(held=False))

    assert follower.tick(datetime(2026, 11, 30, 13, 0, tzinfo=UTC)) is None
    assert fake.messages_to("UNY") == []
