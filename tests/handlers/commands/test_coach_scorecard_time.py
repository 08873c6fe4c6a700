"""`/coach admin scorecard`: when scorecards come, and every schedule of the slot following it.

The app here also knows a Friday scorecard kind of the tests' own, declared
the way the real scorecard kinds are (slot "scorecard", a day off goes back),
so the schedules and `/coach notify` can be watched moving with the setting.
Alex (`UA`) is in Los Angeles.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from slack_bolt import App

from bot.app import build_services, create_app
from bot.config import load_settings
from bot.fake_slack import FakeSlack, FakeSlackServer, RecordingSlackClient
from domain.model import WorkspaceRef
from domain.notifications.kind import KindRegistry, ScheduledKind
from domain.notifications.micro_lessons import micro_lessons_kind
from domain.notifications.registry import KINDS
from domain.scheduling.kinds import Audience, Cadence, Staleness
from domain.scheduling.slots import SCORECARD_SLOT
from domain.services.preferences import PreferenceService
from domain.services.scheduling import ScheduleService
from handlers.commands import settings as settings_commands
from tests.handlers.conftest import SECRET, TEAM, Slack

WS = WorkspaceRef(TEAM)
LOS_ANGELES = ZoneInfo("America/Los_Angeles")

CARD: ScheduledKind[object] = ScheduledKind(
    name="test_scorecard", title="Friday scorecard (reps)", audience=Audience.REPS, cadence=Cadence.WEEKLY,
    weekday=4, local_time=time(15), stale=Staleness(days_after=1, at=time(0)),
    slot=SCORECARD_SLOT, day_off_goes_back=True,
    gather=lambda uow, ws, occasions: {},
)


@pytest.fixture
def app(
    uow_factory: Any, fake: FakeSlack, fake_server: FakeSlackServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[App]:
    loaded = load_settings(None, SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET=SECRET,
                           SLACK_API_URL=fake_server.base_url)
    services = build_services(uow_factory, loaded)
    kinds = KindRegistry(*KINDS.replacing(micro_lessons_kind(services.catalog)).values(), CARD)
    schedules = ScheduleService(uow_factory, kinds)
    services = replace(services, schedules=schedules,
                       preferences=PreferenceService(uow_factory, schedules, services.clock))
    monkeypatch.setattr(settings_commands, "KINDS", kinds)  # what `/coach notify` lists
    app = create_app(loaded, services, client=RecordingSlackClient(fake))
    yield app
    app.listener_runner.listener_executor.shutdown(wait=True)


def _setup(slack: Slack) -> None:
    slack.coach("UADMIN", "help", replies=2)  # the first person becomes the admin
    slack.coach("UMGR", "team add <@UA|alex>")


def _alex_scorecard(uow_factory: Any) -> datetime:
    with uow_factory() as uow:
        [entry] = [e for e in uow.schedules.for_member(WS, "UA") if e.kind == CARD.name]
    assert entry.next_check_at is not None, "Alex's scorecard is scheduled"
    return entry.next_check_at.astimezone(LOS_ANGELES)


def test_an_admin_moves_scorecards_to_thursday_1600_and_alexs_schedule_follows(slack: Slack, uow_factory) -> None:
    _setup(slack)
    moved = slack.coach("UADMIN", "admin scorecard thu 16:00").last_text
    at_thursday = _alex_scorecard(uow_factory)
    reset = slack.coach("UADMIN", "admin scorecard default").last_text
    at_friday = _alex_scorecard(uow_factory)

    assert "now set for *Thursdays at 16:00*" in moved and "not in your work week" not in moved
    assert (at_thursday.weekday(), at_thursday.time()) == (3, time(16))
    assert "back to the default: *Fridays at 15:00*" in reset
    assert (at_friday.weekday(), at_friday.time()) == (4, time(15))


def test_notify_and_the_settings_show_the_day_and_time_the_workspace_gets_it(slack: Slack) -> None:
    _setup(slack)
    before = slack.coach("UA", "notify").last_text
    slack.coach("UADMIN", "admin scorecard wed 16:30")

    listed = slack.coach("UA", "notify").last_text
    shown = slack.coach("UADMIN", "admin settings").last_text

    assert "Friday scorecard (reps)* (`test_scorecard`), Fridays 15:00 your time" in before
    assert "Friday scorecard (reps)* (`test_scorecard`), Wednesdays 16:30 your time" in listed
    assert "Scorecards (each person's local time):* Wednesdays at 16:30" in shown
    assert "set for *Wednesdays at 16:30*" in slack.coach("UA", "admin scorecard").last_text


def test_a_day_off_the_work_week_is_warned_about_and_goes_to_the_day_before(slack: Slack, uow_factory) -> None:
    _setup(slack)
    slack.coach("UADMIN", "admin workweek sun-thu")
    assert "Thursdays 15:00 your time" in slack.coach("UA", "notify").last_text

    reply = slack.coach("UADMIN", "admin scorecard fri 14:00").last_text
    due = _alex_scorecard(uow_factory)

    assert "set for *Fridays at 14:00*" in reply
    assert "Friday is not in your work week (Sun-Thu): scorecards will go on Thursday." in reply
    assert (due.weekday(), due.time()) == (3, time(14))


def test_only_an_admin_moves_scorecards(slack: Slack, uow_factory) -> None:
    _setup(slack)
    refused = slack.coach("UMGR", "admin scorecard thu 16:00").last_text
    assert "Only a Coachflow admin" in refused
    shown = slack.coach("UMGR", "admin scorecard").last_text
    assert "set for *Fridays at 15:00*" in shown and "(the default)" in shown
    with uow_factory() as uow:
        assert uow.workspaces.get(WS).settings.weekly_times == ()


@pytest.mark.parametrize(("typed", "says"), [
    ("admin scorecard someday 16:00", "Which day? Say mon, tue, wed, thu, fri, sat or sun"),
    ("admin scorecard thu", "At what time?"),
    ("admin scorecard thu 25:00", "`25:00` is not a time I can use"),
])
def test_bad_input_says_what_to_type_and_changes_nothing(slack: Slack, uow_factory, typed: str, says: str) -> None:
    _setup(slack)
    reply = slack.coach("UADMIN", typed)
    assert says in reply.last_text and reply.responses[-1]["response_type"] == "ephemeral"
    with uow_factory() as uow:
        assert uow.workspaces.get(WS).settings.weekly_times == ()
