"""Time zones follow people: the daily users.list refresh and App Home opens reschedule them."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.app import build_services
from bot.config import load_settings
from bot.fake_slack import FakeSlack, RecordingSlackClient
from domain.model import WorkspaceRef
from handlers.edge.directory import SlackUserDirectory
from handlers.jobs.refresh_profiles import refresh_profiles
from tests.handlers.conftest import TEAM, Slack

WS = WorkspaceRef(TEAM)
SUNDAY = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def _week_ahead_at(uow_factory, user_id: str) -> datetime | None:
    with uow_factory() as uow:
        [entry] = [e for e in uow.schedules.for_member(WS, user_id) if e.kind == "week_ahead"]
    return entry.next_check_at


def test_the_daily_refresh_moves_a_travelling_manager_to_their_new_8am(uow_factory) -> None:
    fake = FakeSlack(team_id=TEAM)
    fake.add_user("UMGR", "Maya Chen", "America/New_York")
    fake.add_user("UA", "Alex Rivera", "America/Los_Angeles")
    for n in range(450):  # more than two pages of users.list
        fake.add_user(f"UX{n:03d}", f"Someone {n}", "UTC")
    client = RecordingSlackClient(fake)
    services = build_services(uow_factory, load_settings(None), clock=lambda: SUNDAY)
    services.roster.enroll_caller(WS, "UMGR", SlackUserDirectory(client))
    services.roster.add_reps(WS, "UMGR", ["UA"], SlackUserDirectory(client))
    before = _week_ahead_at(uow_factory, "UMGR")

    fake.add_user("UMGR", "Maya Chen", "Europe/London")  # she moved
    changed = refresh_profiles(client, services, WS, sleep=lambda _: None)

    after = _week_ahead_at(uow_factory, "UMGR")
    assert changed == 1
    assert len(fake.calls_to("users.list")) == 3
    assert before is not None and before.astimezone(ZoneInfo("America/New_York")).hour == 8
    assert after is not None and after.astimezone(ZoneInfo("Europe/London")).hour == 8
    with uow_factory() as uow:
        assert uow.members.get(WS, "UX001") is None  # strangers are not enrolled by a refresh


def test_the_refresh_waits_out_a_rate_limit(uow_factory) -> None:
    fake = FakeSlack(team_id=TEAM)
    fake.add_user("UMGR", "Maya Chen", "America/New_York")
    client = RecordingSlackClient(fake)
    services = build_services(uow_factory, load_settings(None), clock=lambda: SUNDAY)
    services.roster.enroll_caller(WS, "UMGR", SlackUserDirectory(client))
    fake.rate_limit_next("users.list", retry_after=4)
    waited: list[float] = []

    refresh_profiles(client, services, WS, sleep=waited.append)

    assert waited == [4.0] and len(fake.calls_to("users.list")) == 2


def test_opening_app_home_picks_up_a_new_time_zone(slack: Slack, fake, uow_factory) -> None:
    slack.coach("UMGR", "team add <@UA|alex>", replies=2)
    fake.add_user("UMGR", "Maya Manager", "Asia/Tokyo")

    slack.open_home("UMGR")

    with uow_factory() as uow:
        assert uow.members.get(WS, "UMGR").time_zone == "Asia/Tokyo"
    due = _week_ahead_at(uow_factory, "UMGR")
    assert due is not None and due.astimezone(ZoneInfo("Asia/Tokyo")).hour == 8
