"""App Home, role by role: only what exists, only what this viewer may see."""

from __future__ import annotations

from bot.fake_slack import check_view
from tests.handlers.conftest import Slack, home_text


def test_a_newcomer_sees_how_to_start(slack: Slack) -> None:
    home = slack.open_home("UA")

    text = home_text(home)
    assert "/coach team add" in text and "Add reps to my team" in text
    assert "Your team" not in text


def test_manager_rep_and_admin_each_see_their_own(slack: Slack) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    slack.coach("UMGR2", "team add <@UC|chen>")

    manager = home_text(slack.open_home("UMGR"))
    rep = home_text(slack.open_home("UA"))
    admin = home_text(slack.open_home("UADMIN"))

    assert "Your team (2 reps)" in manager
    assert "<@UA>" in manager and "America/Los_Angeles" in manager and "Europe/Berlin" in manager
    assert "<@UC>" not in manager and "Workspace (admin)" not in manager
    assert "Your coach: <@UMGR>" in rep
    assert "<@UB>" not in rep and "Your team" not in rep
    assert "Workspace (admin)" in admin and "<@UMGR>" in admin and "<@UMGR2>" in admin
    assert "<@UC>" in admin


def test_opening_the_messages_tab_publishes_nothing(slack: Slack, fake) -> None:
    before = len(fake.calls_to("views.publish"))
    assert slack.dispatch(slack.requests.app_home_opened("UA", tab="messages")).status == 200
    slack.open_home("UB")  # a later home open proves the first event was processed
    assert [c.params["user_id"] for c in fake.calls_to("views.publish")[before:]] == ["UB"]


def test_a_big_team_stays_inside_block_kit_limits(slack: Slack, fake) -> None:
    reps = [f"UR{n:03d}" for n in range(120)]
    for rep in reps:
        fake.add_user(rep, f"Rep {rep}", "UTC")
    mentions = " ".join(f"<@{rep}|r>" for rep in reps)
    # 120 welcome DMs, each recorded in the ledger, come before the answer: a deadline to match.
    slack.coach("UMGR", f"team add {mentions}", replies=2)

    home = slack.open_home("UMGR")

    assert check_view(home) == []
    assert len(home["blocks"]) <= 100
    assert "Your team (120 reps)" in home_text(home) and "and 90 more" in home_text(home)
