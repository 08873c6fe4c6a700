"""Time off, opt-outs and the workspace calendar through `/coach`, and their effect on schedules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.model import WorkspaceRef
from tests.handlers.conftest import TEAM, Slack

WS = WorkspaceRef(TEAM)


def _next_week_ahead(uow_factory, user_id: str) -> datetime | None:
    with uow_factory() as uow:
        [entry] = [e for e in uow.schedules.for_member(WS, user_id) if e.kind == "week_ahead"]
    return entry.next_check_at


def _local(moment: datetime | None, tz: str = "America/New_York") -> datetime:
    assert moment is not None, "a week-ahead note is scheduled"
    return moment.astimezone(ZoneInfo(tz))


def _setup(slack: Slack) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex>")


def test_a_new_manager_is_scheduled_for_monday_8am_local(slack: Slack, uow_factory) -> None:
    _setup(slack)
    due = _next_week_ahead(uow_factory, "UMGR")
    assert due is not None
    assert (_local(due).weekday(), _local(due).hour, _local(due).minute) == (0, 8, 0)


def test_pause_moves_the_next_note_past_the_time_off_and_resume_brings_it_back(slack: Slack, uow_factory) -> None:
    _setup(slack)
    before = _next_week_ahead(uow_factory, "UMGR")

    reply = slack.coach("UMGR", "pause 2w").last_text
    paused = _next_week_ahead(uow_factory, "UMGR")
    slack.coach("UMGR", "resume")

    back_on = (datetime.now(UTC).astimezone(ZoneInfo("America/New_York")) + timedelta(days=14)).date()
    assert "Paused" in reply and f"{back_on:%-d %B %Y}" in reply
    assert paused is not None and _local(paused).date() >= back_on
    assert _next_week_ahead(uow_factory, "UMGR") == before


def test_pause_with_a_date_in_the_past_or_gibberish_says_what_to_type(slack: Slack, uow_factory) -> None:
    _setup(slack)
    assert "not in the future" in slack.coach("UMGR", "pause until 2020-01-01").last_text
    assert "/coach pause 3d" in slack.coach("UMGR", "pause soonish").last_text
    assert "/coach pause until" in slack.coach("UMGR", "pause").last_text
    with uow_factory() as uow:
        assert uow.members.get(WS, "UMGR").paused_until is None


def test_notify_off_stops_the_note_for_that_person_only(slack: Slack, uow_factory) -> None:
    _setup(slack)
    slack.coach("UMGR2", "team add <@UB|bea>")

    reply = slack.coach("UMGR", "notify off week_ahead").last_text
    listing = slack.coach("UMGR", "notify").last_text

    assert "now off for you" in reply and "off for you" in listing
    assert _next_week_ahead(uow_factory, "UMGR") is None
    assert _next_week_ahead(uow_factory, "UMGR2") is not None
    assert "not a notification I send" in slack.coach("UMGR", "notify off fax").last_text


def test_only_admins_change_the_calendar_and_a_monday_holiday_moves_the_note(slack: Slack, uow_factory) -> None:
    _setup(slack)
    monday = _local(_next_week_ahead(uow_factory, "UMGR")).date()

    refused = slack.coach("UMGR", f"admin holiday add {monday}").last_text
    shown = slack.coach("UADMIN", f"admin holiday add {monday}").last_text
    moved = _local(_next_week_ahead(uow_factory, "UMGR"))

    assert "Only a Coachflow admin" in refused
    assert f"{monday:%a %-d %b %Y}" in shown
    assert moved.date() == monday + timedelta(days=1) and moved.hour == 8


def test_a_sunday_to_thursday_week_and_quiet_hours_are_shown(slack: Slack) -> None:
    _setup(slack)
    assert "Sun, Mon, Tue, Wed, Thu" in slack.coach("UADMIN", "admin workweek sun-thu").last_text
    assert "20:00-07:00" in slack.coach("UADMIN", "admin quiet 20:00-07:00").last_text
    assert "Working weeks I know" in slack.coach("UADMIN", "admin workweek tue-sat").last_text
    assert "look like `20:00-07:00`" in slack.coach("UADMIN", "admin quiet late").last_text


def test_workspace_wide_opt_out_clears_every_managers_schedule(slack: Slack, uow_factory) -> None:
    _setup(slack)
    slack.coach("UADMIN", "admin notify off week_ahead")
    assert _next_week_ahead(uow_factory, "UMGR") is None
    slack.coach("UADMIN", "admin notify on week_ahead")
    assert _next_week_ahead(uow_factory, "UMGR") is not None
