"""`/coach` through signed requests, as a manager, a rep and an admin see it."""

from __future__ import annotations

from bot.fake_slack import SlackRequests
from tests.handlers.conftest import PEOPLE, SECRET, Slack


def test_first_user_becomes_admin_and_gets_help(slack: Slack) -> None:
    reply = slack.coach("UADMIN", "help", replies=2)

    assert reply.status == 200 and reply.body == ""  # acknowledged at once, answered later
    welcome, help_text = reply.responses
    assert welcome["response_type"] == "ephemeral"
    assert "you are its admin" in welcome["text"]
    assert "/coach team add @alex @sam" in help_text["blocks"][1]["text"]["text"]
    assert len(slack.coach("UMGR", "help").responses) == 1  # the second user is not admin


def test_manager_adds_three_reps_who_are_told_and_listed(slack: Slack, fake) -> None:
    slack.coach("UADMIN", "help", replies=2)
    reply = slack.coach("UMGR", "team add <@UA|alex> <@UB|bea> <@UC|chen>")

    assert "3 added. Your team now has 3 reps." in reply.last_text
    for rep in ("UA", "UB", "UC"):
        [dm] = fake.messages_to(rep)
        assert "<@UMGR> added you to their Coachflow coaching team" in dm["text"]

    listing = slack.coach("UMGR", "team").last_text
    assert "Your team: 3 reps" in listing
    for rep in ("UA", "UB", "UC"):
        assert f"<@{rep}>" in listing and PEOPLE[rep][1] in listing  # who, and their Slack time zone


def test_a_rep_coached_by_someone_else_stays_and_the_caller_learns_who(slack: Slack, fake) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex>")

    reply = slack.coach("UMGR2", "team add <@UA|alex>")

    assert "<@UA> is coached by <@UMGR>" in reply.last_text
    assert "No one was added" in reply.last_text
    assert "<@UA>" in slack.coach("UMGR", "team").last_text
    assert "do not coach anyone" in slack.coach("UMGR2", "team").last_text


def test_the_current_manager_or_an_admin_moves_a_rep(slack: Slack, fake) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")

    moved = slack.coach("UMGR", "team move <@UA|alex> <@UMGR2|omar>")
    taken = slack.coach("UADMIN", "team add <@UB|bea>")

    assert "<@UA> moved from <@UMGR> to <@UMGR2>" in moved.last_text
    assert "<@UB> moved to your team from <@UMGR>" in taken.last_text
    assert "no longer on your team" in fake.messages_to("UMGR")[-1]["text"]
    assert "do not coach anyone" in slack.coach("UMGR", "team").last_text


def test_mistakes_answer_with_what_to_type_and_save_nothing(slack: Slack) -> None:
    slack.coach("UADMIN", "help", replies=2)
    cases = {
        "dance": "/coach help",
        "team add": "/coach team add @alex @sam",
        "team add @alex": "@ autocomplete",
        "team add <@UHELPER|helper>": "is an app, not a person",
        "team add <@UMGR|me>": "You cannot coach yourself",
        "team add <@UGONE|gone>": "deactivated",
    }
    for text, hint in cases.items():
        reply = slack.coach("UMGR", text)
        assert hint in reply.last_text, (text, reply.last_text)
        assert reply.responses[-1]["response_type"] == "ephemeral"
    assert "do not coach anyone" in slack.coach("UMGR", "team").last_text


def test_remove_takes_a_rep_off_the_team(slack: Slack) -> None:
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>", replies=2)

    reply = slack.coach("UMGR", "team remove <@UA|alex>")

    assert "is no longer on your team" in reply.last_text
    listing = slack.coach("UMGR", "team").last_text
    assert "<@UB>" in listing and "<@UA>" not in listing


def test_admin_commands_are_for_admins_only(slack: Slack) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex>")

    assert "Only a Coachflow admin" in slack.coach("UMGR", "admin teams").last_text
    assert "Only a Coachflow admin" in slack.coach("UA", "admin grant <@UA|alex>").last_text

    teams = slack.coach("UADMIN", "admin teams").last_text
    assert "<@UMGR>" in teams and "<@UA>" in teams
    assert "<@UMGR> is now a Coachflow admin" in slack.coach("UADMIN", "admin grant <@UMGR|maya>").last_text
    assert "Teams in this workspace" in slack.coach("UMGR", "admin teams").last_text


def test_another_workspace_is_told_coachflow_is_not_installed_there(slack: Slack, fake, app, fake_server) -> None:
    slack.coach("UMGR", "team add <@UA|alex>", replies=2)

    other_workspace = SlackRequests(SECRET, team_id="T2", response_url_base=fake_server.response_url_base)
    request = other_workspace.slash_command("UMGR", "/coach", "team")
    reply = app.dispatch(request.bolt())
    assert reply.status == 200
    assert "not installed in this workspace" in reply.body and "Alex" not in reply.body
    assert fake.responses_for(request.response_token) == []


def test_a_forged_request_is_refused_with_401(slack: Slack, fake) -> None:
    request = slack.requests.slash_command("UMGR", "/coach", "team add <@UA|alex>")
    forged = slack.requests.tampered(request)
    stale = slack.requests.stale(request)

    assert slack.dispatch(forged).status == 401
    assert slack.dispatch(stale).status == 401
    assert [c.method for c in fake.calls if c.method != "auth.test"] == []


def test_slack_failing_mid_command_gets_an_apology_and_saves_nothing(slack: Slack, fake) -> None:
    slack.coach("UMGR", "help", replies=2)
    fake.server_error_next("users.info", status=503, times=5)

    # The ack stands even when the listener fails right after it (handlers/edge/ack.py).
    reply = slack.coach("UMGR", "team add <@UA|alex>")

    assert "Coachflow hit a problem and nothing was changed" in reply.last_text
    assert "do not coach anyone" in slack.coach("UMGR", "team").last_text
