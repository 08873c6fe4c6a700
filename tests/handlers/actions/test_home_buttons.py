"""App Home buttons: open the add-reps modal, remove a rep."""

from __future__ import annotations

from handlers.edge import ids
from tests.handlers.conftest import Slack, home_text


def test_add_reps_button_opens_the_people_picker(slack: Slack, fake) -> None:
    home = slack.open_home("UMGR")
    click = slack.requests.block_actions("UMGR", ids.OPEN_ADD_REPS, view=home)

    assert slack.dispatch(click).status == 200
    fake.wait_for(lambda: len(fake.opened_views) == 1)
    [modal] = fake.opened_views
    assert modal["callback_id"] == ids.ADD_REPS_VIEW
    assert modal["blocks"][1]["element"]["type"] == "multi_users_select"


def test_remove_button_takes_the_rep_off_and_refreshes_home(slack: Slack, fake) -> None:
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>", replies=2)
    home = slack.open_home("UMGR")

    click = slack.requests.block_actions("UMGR", ids.REMOVE_REP, value="UA", view=home)
    assert slack.dispatch(click).status == 200
    # Both homes are republished: the manager's without Alex, Alex's without a coach.
    fake.wait_for(lambda: "Your coach" not in home_text(fake.home_of("UA")))

    assert "<@UA>" not in home_text(fake.home_of("UMGR"))
    assert "Your team (1 rep)" in home_text(fake.home_of("UMGR"))


def test_a_forged_remove_click_for_another_managers_rep_changes_nothing(slack: Slack, fake) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex>")
    slack.coach("UMGR2", "team")  # a reading command enrols a stranger (`help` enrols nobody)
    home = slack.open_home("UMGR2")

    click = slack.requests.block_actions("UMGR2", ids.REMOVE_REP, value="UA", view=home)
    assert slack.dispatch(click).status == 200
    fake.wait_for(lambda: any("coached by <@UMGR>" in m["text"] for m in fake.messages_to("UMGR2")))

    assert "<@UA>" in slack.coach("UMGR", "team").last_text
