"""1:1 sessions through Slack: a manager in New York books a rep in London; both see their own times."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.fake_slack.state_values import datepicker, static_select
from domain.coaching.sessions import DAY, MINUTES, REPEAT, TIME
from handlers.blocks.inputs import VALUE
from handlers.edge import ids
from tests.handlers.conftest import Slack, home_text
from tests.handlers.diagnosis_steps import open_modal
from tests.handlers.homework_steps import dm_with, submit_view
from tests.handlers.receipt_steps import replay, texts_to

NY, LONDON = ZoneInfo("America/New_York"), ZoneInfo("Europe/London")


def _team(slack: Slack) -> None:
    slack.fake.add_user("UL", "Lena Lewis", "Europe/London")
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UL|lena> <@UB|bea>")
    slack.coach("UMGR2", "team add <@UC|chen>")


def _tomorrow_at(tz: ZoneInfo, hour: int) -> datetime:
    day = datetime.now(UTC).astimezone(tz).date() + timedelta(days=1)
    return datetime(day.year, day.month, day.day, hour, tzinfo=tz)


def test_booking_by_command_tells_both_people_their_own_local_time(slack: Slack) -> None:
    _team(slack)
    reply = slack.coach("UMGR", "session <@UL|lena> tomorrow 15:00")
    start = _tomorrow_at(NY, 15)
    london = start.astimezone(LONDON)
    mine = f"{start:%a %-d %b %H:%M} for you (New York) · {london:%H:%M} for Lena Lewis (London)"
    assert mine in reply.last_text
    assert mine in dm_with(slack, "UMGR", "booked")["text"]
    theirs = dm_with(slack, "UL", "booked")["text"]
    assert f"{london:%a %-d %b %H:%M} for you (London) · {start:%H:%M} for Maya Manager (New York)" in theirs

    home = home_text(slack.open_home("UL"))
    assert f"Next 1:1 with <@UMGR>: *{london:%a %-d %b %H:%M}*" in home
    assert f"Next 1:1: {start:%a %-d %b %H:%M}" in home_text(slack.open_home("UMGR"))
    assert "Lena Lewis" in slack.coach("UMGR", "sessions").last_text


def test_bad_input_is_answered_clearly_and_nothing_is_booked(slack: Slack) -> None:
    _team(slack)
    assert "could not read `whenever`" in slack.coach("UMGR", "session <@UL|lena> whenever").last_text
    assert "has passed" in slack.coach("UMGR", "session <@UL|lena> 2020-01-06 10:00").last_text
    slack.coach("UMGR", "session <@UL|lena> tomorrow 15:00")
    assert "already a 1:1" in slack.coach("UMGR", "session <@UL|lena> tomorrow 15:30").last_text
    assert "not on your team" in slack.coach("UMGR2", "session <@UL|lena> tomorrow 9:00").last_text
    assert "not on your team" in slack.coach("UMGR2", "session cancel <@UL|lena>").last_text
    assert "not on your team" in slack.coach("UMGR2", "sessions <@UL|lena>").last_text
    assert "your manager books" in slack.coach("UL", "session <@UL|lena> tomorrow 9:00").last_text
    assert slack.coach("UMGR", "sessions").last_text.count(" min") == 1


def test_a_series_one_moved_one_cancelled_then_the_rest(slack: Slack) -> None:
    _team(slack)
    assert "every week (8 sessions)" in slack.coach("UMGR", "session <@UB|bea> tomorrow 10:00 weekly").last_text
    moved = slack.coach("UMGR", "session reschedule <@UB|bea> tomorrow 11:00").last_text
    assert "moved" in moved and "(was " in moved
    assert "moved" in dm_with(slack, "UB", "moved")["text"]
    slack.coach("UMGR", "session cancel <@UB|bea>")  # the moved first one
    assert slack.coach("UMGR", "sessions <@UB|bea>").last_text.count("repeats") == 7
    gone = slack.coach("UMGR", "session cancel <@UB|bea> all").last_text
    assert "rest of its series (7 sessions)" in gone
    assert "No upcoming 1:1s" in slack.coach("UB", "sessions").last_text


def test_the_modal_books_in_the_managers_zone_and_keeps_a_crafted_rep_out(slack: Slack) -> None:
    _team(slack)
    modal = open_modal(slack, "UMGR", "session <@UL|lena>")
    assert modal["callback_id"] == ids.SESSION_VIEW
    day = datetime.now(UTC).astimezone(NY).date() + timedelta(days=2)
    values = {DAY: {VALUE: datepicker(day)}, TIME: {VALUE: {"type": "timepicker", "selected_time": "09:30"}},
              MINUTES: {VALUE: static_select("30")}, REPEAT: {VALUE: static_select("once")}}
    past = {**values, DAY: {VALUE: datepicker(day - timedelta(days=5))}}
    refused = submit_view(slack, "UMGR", ids.SESSION_VIEW, modal, past)
    assert "has passed" in json.loads(refused.body)["errors"][DAY]
    assert submit_view(slack, "UMGR", ids.SESSION_VIEW, modal, values).status == 200
    start = datetime(day.year, day.month, day.day, 9, 30, tzinfo=NY)
    assert f"{start.astimezone(LONDON):%a %-d %b %H:%M} for you (London)" in dm_with(slack, "UL", "booked")["text"]
    assert "30 min" in dm_with(slack, "UL", "booked")["text"]

    crafted = {**modal, "private_metadata": json.dumps({"rep": "UC"})}
    answer = submit_view(slack, "UMGR", ids.SESSION_VIEW, crafted, values)
    assert "not on your team" in json.loads(answer.body)["errors"][DAY]
    move = open_modal(slack, "UMGR", "session reschedule <@UL|lena>")
    other = {**move, "private_metadata": json.dumps({"rep": "UL", "session": 999})}
    assert "not one of yours" in json.loads(submit_view(slack, "UMGR2", ids.SESSION_VIEW, other, values).body)[
        "errors"][DAY]


def test_the_booking_form_replayed_books_once_and_tells_once(slack: Slack) -> None:
    _team(slack)
    modal = open_modal(slack, "UMGR", "session <@UL|lena>")
    day = datetime.now(UTC).astimezone(NY).date() + timedelta(days=3)
    values = {DAY: {VALUE: datepicker(day)}, TIME: {VALUE: {"type": "timepicker", "selected_time": "11:00"}},
              MINUTES: {VALUE: static_select("45")}, REPEAT: {VALUE: static_select("once")}}
    request = slack.requests.view_submission("UMGR", ids.SESSION_VIEW, values,
                                             private_metadata=modal["private_metadata"], blocks=modal["blocks"])
    replies = replay(slack, request, request, request)
    assert all(r.status == 200 and r.body == "" for r in replies)
    assert texts_to(slack, "UL", "booked") == 1 and texts_to(slack, "UMGR", "booked") == 1


def test_reschedule_without_a_time_opens_the_move_form_on_the_next_session(slack: Slack) -> None:
    _team(slack)
    slack.coach("UMGR", "session <@UL|lena> tomorrow 15:00")
    modal = open_modal(slack, "UMGR", "session reschedule <@UL|lena>")
    start = _tomorrow_at(NY, 15)
    picked = {block["block_id"]: block["element"] for block in modal["blocks"] if block["type"] == "input"}
    assert picked[DAY]["initial_date"] == start.date().isoformat() and picked[TIME]["initial_time"] == "15:00"
    assert MINUTES not in picked  # a move keeps the length
    later = start.date() + timedelta(days=1)
    values = {DAY: {VALUE: datepicker(later)}, TIME: {VALUE: {"type": "timepicker", "selected_time": "16:30"}}}
    assert submit_view(slack, "UMGR", ids.SESSION_VIEW, modal, values).status == 200
    new = datetime(later.year, later.month, later.day, 16, 30, tzinfo=NY).astimezone(LONDON)
    dm = dm_with(slack, "UL", "moved")["text"]
    assert f"now *{new:%a %-d %b %H:%M} for you (London)" in dm and f"(was {start.astimezone(LONDON):%a %-d %b}" in dm
    assert "No 1:1" not in home_text(slack.open_home("UMGR"))


def test_a_rep_leaving_the_team_ends_their_upcoming_1_1s_with_that_manager(slack: Slack) -> None:
    _team(slack)
    slack.coach("UMGR", "session <@UL|lena> tomorrow 15:00 weekly")
    slack.coach("UMGR", "session <@UB|bea> tomorrow 11:00")
    assert slack.coach("UL", "sessions").last_text.count(" min") == 8

    slack.coach("UMGR", "team move <@UL|lena> <@UMGR2|omar>")
    assert "Maya Manager" not in slack.coach("UL", "sessions").last_text  # no card or pre-work for them any more
    assert slack.coach("UMGR", "sessions").last_text.count(" min") == 1  # Bea's stays
    slack.coach("UMGR", "team remove <@UB|bea>")
    assert " min" not in slack.coach("UMGR", "sessions").last_text
