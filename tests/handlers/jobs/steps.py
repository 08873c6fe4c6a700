"""The dispatch job against the fake Slack, on time the test moves: shared by the job tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.app import build_services, create_app
from bot.config import load_settings
from bot.fake_slack import FakeSlack, RecordingSlackClient
from domain.model import WorkspaceRef
from domain.services.sessions import Typed
from handlers.edge.directory import SlackUserDirectory
from handlers.jobs.dispatch import DispatchJob
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


def make_world(uow_factory):
    fake = FakeSlack(team_id="T1")
    time = VirtualTime(SUNDAY)
    client = RecordingSlackClient(fake)
    settings = load_settings(None, SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET="s")
    services = build_services(uow_factory, settings, clock=time, sleep=time.sleep)
    create_app(settings, services, client=client)  # the same wiring as production
    job = DispatchJob(services, client, FakeDispatcherLock())
    return fake, time, services, client, job


def add_team(fake, services, client, manager: str, tz: str, reps: list[str]) -> None:
    fake.add_user(manager, f"Manager {manager}", tz)
    for rep in reps:
        fake.add_user(rep, f"Rep {rep}", tz)
    directory = SlackUserDirectory(client)
    services.roster.enroll_caller(T1, manager, directory)
    services.roster.add_reps(T1, manager, reps, directory)


def tick(job, time, at: datetime):
    time.now = at
    return job.tick(clock=time)




def maya_and_alex(world, now: datetime):
    """Maya manages from New York, Alex works in London; the clock at `now`. The world, unpacked."""
    fake, time, services, client, job = world
    fake.add_user("UA", "Alex Rivera", "Europe/London")
    fake.add_user("UMGR", "Maya Manager", "America/New_York")
    directory = SlackUserDirectory(client)
    services.roster.enroll_caller(T1, "UMGR", directory)
    services.roster.add_reps(T1, "UMGR", ["UA"], directory)
    time.now = now
    return fake, time, services, client, job


def book_alex(services, typed: str) -> int:
    """Maya books a 1:1 with Alex at `typed` (her time); the (first) session's id."""
    return services.sessions.book_and_tell(T1, "UMGR", "UA", Typed(typed)).result.first.id
