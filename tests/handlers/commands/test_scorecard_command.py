"""`/scorecard` through signed requests: each role's forms, weeks, refusals, posting after a confirmation, export."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest

from bot.fake_slack import SignedRequest
from domain.ports import UnitOfWorkFactory
from domain.services.scorecard_export import COLUMNS
from handlers.edge import ids
from tests.handlers.conftest import Slack
from tests.handlers.debrief_steps import today
from tests.handlers.scorecard_steps import (
    ALEX_WORDS,
    MAYA_WORDS,
    alex_this_week,
    elements,
    scorecard,
    shown,
    week_label,
)


@pytest.fixture
def team(slack: Slack, uow_factory: UnitOfWorkFactory) -> Slack:
    alex_this_week(slack, uow_factory)
    return slack


def _answer(slack: Slack, user_id: str, text: str = "") -> dict[str, Any]:
    reply = scorecard(slack, user_id, text)
    assert reply.responses[-1]["response_type"] == "ephemeral"
    return reply.responses[-1]


# -- a rep ------------------------------------------------------------------------------------------------


def test_alex_sees_his_week_with_his_words_and_the_comment_and_post_buttons(team: Slack) -> None:
    answer = _answer(team, "UA")

    text = shown(answer)
    assert "Alex Rivera's scorecard" in text and f"Week {today().isocalendar()[1]}" in text
    assert ALEX_WORDS in text and MAYA_WORDS in text  # his own card: his words and his manager's feedback
    buttons = {e["action_id"]: e for e in elements(answer)}
    assert buttons[ids.ADD_SCORECARD_COMMENT]["value"] == week_label(today())
    post = buttons[ids.POST_SCORECARD]
    assert post["value"] == week_label(today())
    assert post["confirm"]["text"]["text"] == (
        f"Post your scorecard for week {today().isocalendar()[1]} in this channel? Everyone in it will see your "
        "numbers and your words.")


@pytest.mark.parametrize("week", ["last", "last week"])
def test_last_shows_the_week_before_in_his_calendar(team: Slack, week: str) -> None:
    before = today() - timedelta(weeks=1)

    text = shown(_answer(team, "UA", week))

    assert f"Week {before.isocalendar()[1]} ·" in text and ALEX_WORDS not in text


@pytest.mark.parametrize("form", ["{label}", "W{number}", "w{number}"])
def test_a_week_by_its_iso_name(team: Slack, form: str) -> None:
    label, number = week_label(today()), today().isocalendar()[1]

    text = shown(_answer(team, "UA", form.format(label=label, number=number)))

    assert f"Week {number} ·" in text and ALEX_WORDS in text


@pytest.mark.parametrize(("typed", "said"), [
    ("2099-W01", "Week 1 of 2099 has not started yet in your calendar"),
    ("2026-48", "I could not read `2026-48` as a week. Name a week as `last`, `2026-W48`, or `W48`"),
    ("W60", "There is no week 60"),
    ("2025-W53", "2025 has no week 53"),
    ("banana", "`/scorecard` does not know `banana`. Try `/scorecard [last | 2026-W48]`"),
    ("W40 W41", "One week at a time"),
])
def test_a_bad_or_future_week_is_answered_with_the_forms(team: Slack, typed: str, said: str) -> None:
    text = shown(_answer(team, "UA", typed))

    assert said in text and "Alex Rivera's scorecard" not in text


def test_a_rep_without_a_cycle_is_told_kindly(team: Slack) -> None:
    assert "No scorecard yet: your coaching cycle has not started." in shown(_answer(team, "UB"))


@pytest.mark.parametrize(("asker", "text"), [("UB", "<@UA|alex>"), ("UMGR2", "<@UA|alex>"),
                                             ("UMGR2", "<@UA|alex> export"), ("UC", "<@UA|alex> last")])
def test_anyone_else_asking_about_alex_is_told_whose_he_is(team: Slack, asker: str, text: str) -> None:
    answer = shown(_answer(team, asker, text))

    assert "<@UA> is on <@UMGR>'s team; only <@UMGR> and admins can see <@UA>'s scorecard." in answer
    assert ALEX_WORDS not in answer and not team.fake.files_shared_with(asker)


# -- a manager --------------------------------------------------------------------------------------------


def test_maya_sees_alex_and_her_team(team: Slack) -> None:
    alex = shown(_answer(team, "UMGR", "<@UA|alex>"))
    digest = _answer(team, "UMGR", "team")

    assert "Alex Rivera's scorecard" in alex and ALEX_WORDS in alex and ids.POST_SCORECARD not in alex
    text = shown(digest)
    assert "Team scorecard" in text and "Your coaching this week" in text and "Alex Rivera" in text
    full = [e for e in elements(digest) if e["action_id"] == ids.OPEN_REP_SCORECARD] + [
        b["accessory"] for b in digest["blocks"] if b.get("accessory", {}).get("action_id") == ids.OPEN_REP_SCORECARD]
    assert [f["value"] for f in full] == [f"UA|{week_label(today())}"]


def test_a_rep_not_in_a_cycle_for_his_manager(team: Slack) -> None:
    assert "No scorecard yet: <@UB>'s coaching cycle has not started." in shown(_answer(team, "UMGR", "<@UB|bea>"))


def test_another_manager_cannot_see_mayas_team(team: Slack) -> None:
    text = shown(_answer(team, "UMGR2", "team <@UMGR|maya>"))

    assert "Only <@UMGR> and admins can see <@UMGR>'s team scorecard." in text and "Alex Rivera" not in text


# -- an admin ---------------------------------------------------------------------------------------------


def test_the_admin_sees_any_rep_and_team_by_the_numbers(team: Slack) -> None:
    alex = shown(_answer(team, "UADMIN", "<@UA|alex>"))
    maya = shown(_answer(team, "UADMIN", "team <@UMGR|maya>"))

    assert "Alex Rivera's scorecard" in alex and "You see the numbers as an admin" in alex
    assert ALEX_WORDS not in alex and MAYA_WORDS not in alex
    assert "The team of <@UMGR>, as an admin sees it." in maya and "Maya Manager's coaching this week" in maya


# -- posting ----------------------------------------------------------------------------------------------


def _post_click(slack: Slack, value: str) -> tuple[SignedRequest, str]:
    """Alex's click on "Post in this channel" in his ephemeral answer in C1, as Slack sends it after the confirm."""
    container = {"type": "message", "message_ts": "1700000000.000100", "channel_id": "C1", "is_ephemeral": True}
    request = slack.requests.block_actions("UA", ids.POST_SCORECARD, value=value, channel_id="C1",
                                           container=container)
    assert request.response_token is not None
    return request, request.response_token


def test_post_asks_first_then_posts_once_whatever_the_retries(team: Slack) -> None:
    asked = _answer(team, "UA", "post")
    assert "Post your scorecard for *Week" in shown(asked)
    assert [e["action_id"] for e in elements(asked)] == [ids.POST_SCORECARD]
    assert not [r for r in team.fake.responses if r.get("response_type") == "in_channel"]  # nothing public yet

    request, token = _post_click(team, elements(asked)[0]["value"])
    for _ in range(3):  # Slack's retry and a double click are the same request
        assert team.dispatch(request).status == 200
        team.listeners.wait_idle()

    public = [r for r in team.fake.responses_for(token) if r.get("response_type") == "in_channel"]
    assert len(public) == 1
    text = shown(public[0])
    assert "Alex Rivera's scorecard" in text and ALEX_WORDS in text and MAYA_WORDS not in text
    assert "Posted your scorecard" in shown(team.fake.responses_for(token)[-1])


def test_only_the_rep_posts_his_own_card(team: Slack) -> None:
    maya = shown(_answer(team, "UMGR", "<@UA|alex> post"))
    team_post = shown(_answer(team, "UMGR", "team post"))

    assert "Only <@UA> can post <@UA>'s scorecard in a channel" in maya
    assert "Team scorecards are never posted in a channel" in team_post
    assert not [r for r in team.fake.responses if r.get("response_type") == "in_channel"]


def test_a_post_click_without_a_cycle_posts_nothing(team: Slack) -> None:
    container = {"type": "message", "message_ts": "1700000000.000200", "channel_id": "C1", "is_ephemeral": True}
    request = team.requests.block_actions("UB", ids.POST_SCORECARD, value=week_label(today()), channel_id="C1",
                                          container=container)
    team.dispatch(request)
    team.listeners.wait_idle()

    said = team.fake.responses_for(request.response_token or "")
    assert "No scorecard yet" in shown(said) and not [r for r in said if r.get("response_type") == "in_channel"]


# -- export -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("asker", "text"), [("UMGR", "<@UA|alex> export"), ("UMGR", "team export"),
                                             ("UADMIN", "team <@UMGR|maya> export"), ("UA", "export")])
def test_export_uploads_one_csv_to_the_callers_dm(team: Slack, asker: str, text: str) -> None:
    answer = shown(_answer(team, asker, text))
    team.listeners.wait_idle()

    files = team.fake.files_shared_with(asker)
    assert len(files) == 1 and files[0].filename.endswith(".csv")
    table = list(csv.reader(io.StringIO(files[0].content.decode("utf-8"))))
    assert tuple(table[0]) == COLUMNS and len(table) > 1
    assert {row[COLUMNS.index("rep_id")] for row in table[1:]} == {"UA"}
    assert "Sent the weekly indicator table of" in answer


def test_export_with_a_week_says_the_export_covers_the_cycle(team: Slack) -> None:
    assert "leave out the week" in shown(_answer(team, "UMGR", "<@UA|alex> W40 export"))


# -- help -------------------------------------------------------------------------------------------------


def test_help_lists_the_forms_of_each_role(team: Slack) -> None:
    rep, manager, admin = (shown(_answer(team, person, "help")) for person in ("UA", "UMGR", "UADMIN"))

    assert "Your own scorecard" in rep and "Your reps" not in rep and "As an admin" not in rep
    assert "Your reps" in manager and "/scorecard team [week]" in manager and "As an admin" not in manager
    assert "As an admin" in admin and "/scorecard team @manager" in admin
    assert all("Only a rep can post their own scorecard" in text for text in (rep, manager, admin))
