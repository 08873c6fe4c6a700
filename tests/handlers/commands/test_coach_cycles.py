"""Coaching cycles through `/coach`: start, read, steer; only the rep's own manager steers."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from tests.handlers.conftest import Slack


def _today(tz: str = "America/Los_Angeles") -> date:  # Alex's time zone
    return datetime.now(UTC).astimezone(ZoneInfo(tz)).date()


def _next_monday() -> date:
    return _today() + timedelta(days=(7 - _today().weekday()) % 7)


def _setup(slack: Slack) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")


def test_a_manager_starts_a_cycle_and_the_rep_is_told_what_the_weeks_hold(slack: Slack, fake) -> None:
    _setup(slack)
    monday = _next_monday()

    reply = slack.coach("UMGR", "start <@UA|alex>").last_text

    assert f"from {monday:%a %-d %b}" in reply
    notice = fake.messages_to("UA")[-1]
    assert "started your 8-week coaching cycle" in notice["text"]
    weeks = notice["blocks"][1]["text"]["text"]
    assert "*Diagnose* (week 1" in weeks and "*Habit* (weeks 7-8" in weeks and "self-assessment" in weeks


def test_one_active_cycle_per_rep_and_a_monday_start(slack: Slack) -> None:
    _setup(slack)
    slack.coach("UMGR", "start <@UA|alex>")

    assert "already has an active cycle" in slack.coach("UMGR", "start <@UA|alex>").last_text
    tuesday = _next_monday() + timedelta(days=1)
    assert "Cycles start on a Monday" in slack.coach("UMGR", f"start <@UB|bea> {tuesday}").last_text


def test_only_the_reps_manager_starts_or_steers_and_other_reps_cannot_read_it(slack: Slack) -> None:
    _setup(slack)
    slack.coach("UMGR2", "team add <@UC|chen>")
    slack.coach("UMGR", "start <@UA|alex>")

    assert "not on your team" in slack.coach("UMGR2", "start <@UA|alex>").last_text
    assert "not on your team" in slack.coach("UMGR2", "cycle <@UA|alex> end").last_text
    assert "not <@UA>'s" in slack.coach("UB", "cycle <@UA|alex>").last_text
    assert "not <@UA>'s" in slack.coach("UMGR2", "cycle <@UA|alex>").last_text
    assert "Coaching cycle" in slack.coach("UA", "cycle").last_text  # the rep reads their own
    assert "Diagnose" in slack.coach("UADMIN", "cycle <@UA|alex>").last_text  # admins read every team's


def test_advance_extend_and_end_and_past_cycles_stay_readable(slack: Slack) -> None:
    _setup(slack)
    this_monday = _today() - timedelta(days=_today().weekday())
    slack.coach("UMGR", f"start <@UA|alex> {this_monday}")

    advanced = slack.coach("UMGR", "cycle <@UA|alex> advance").last_text
    extended = slack.coach("UMGR", "cycle <@UA|alex> extend 1").last_text
    ended = slack.coach("UMGR", "cycle <@UA|alex> end").last_text
    history = slack.coach("UMGR", "cycle <@UA|alex>").last_text

    assert "*Prioritize* (program week 2)" in advanced
    assert "*Diagnose* (program week 1)" in extended
    assert "has ended" in ended
    assert "No active coaching cycle" in history and "Past cycles" in history and f"{this_monday:%-d %b %Y}" in history
    assert "Started" in slack.coach("UMGR", "start <@UA|alex>").last_text  # a new cycle may start


def test_app_home_shows_the_stage_to_the_rep_and_each_reps_stage_to_the_manager(slack: Slack) -> None:
    _setup(slack)
    this_monday = _today() - timedelta(days=_today().weekday())
    slack.coach("UMGR", f"start <@UA|alex> {this_monday}")

    manager_home = json.dumps(slack.open_home("UMGR")["blocks"])
    rep_home = json.dumps(slack.open_home("UA")["blocks"])

    assert "*Diagnose*, week 1" in manager_home and "no cycle yet" in manager_home  # Alex started, Bea not
    assert "Coaching cycle: *Diagnose*, week 1" in rep_home
