"""Homework stays between a rep and their own manager: every action and view tried by someone else is refused.

Each refusal is tried as Slack would deliver it: the command, the button in
the DM (with someone else's homework id), and the form itself submitted with
crafted metadata. Nothing is stored, nobody else is told.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import Engine, text

from handlers.edge import ids
from tests.handlers.conftest import Slack
from tests.handlers.diagnosis_steps import open_modal
from tests.handlers.homework_steps import (
    answer,
    assign,
    button_value,
    click_to_open,
    dm_with,
    errors_of,
    focused_team,
    hand_in,
    local_today,
)


def _statuses(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return [r[0] for r in connection.execute(text("SELECT status FROM homework ORDER BY id"))]


def _refusal(slack: Slack, request: Any) -> str:
    token = request.response_token
    slack.fake.wait_for(lambda: bool(slack.fake.responses_for(token)))
    return json.dumps(slack.fake.responses_for(token)[-1])


@pytest.fixture
def assigned(slack: Slack) -> dict[str, Any]:
    """Alex has a homework from Maya (a written answer); returns its assignment DM."""
    focused_team(slack)
    modal = open_modal(slack, "UMGR", "homework <@UA|alex>")
    assert assign(slack, modal, "Write five discovery questions", local_today("America/New_York")).body == ""
    return dm_with(slack, "UA", "gave you homework")


def test_only_the_reps_own_manager_opens_the_assignment_form(slack: Slack, fake) -> None:
    focused_team(slack)
    before = len(fake.opened_views)
    assert "<@UC> is not on your team, so you cannot set their homework" in slack.coach(
        "UMGR", "homework <@UC|chen>").last_text
    assert "not on your team" in slack.coach("UB", "homework <@UA|alex>").last_text
    assert "You cannot set your own homework" in slack.coach("UA", "homework <@UA|alex>").last_text
    assert "not on your team" in slack.coach("UADMIN", "homework <@UA|alex>").last_text  # admins included
    assert "Name one rep" in slack.coach("UMGR", "homework <@UA|alex> <@UB|bea>").last_text
    assert len(fake.opened_views) == before


def test_a_forged_assignment_for_someone_elses_rep_is_refused_inline(slack: Slack, fake, engine: Engine) -> None:
    focused_team(slack)
    modal = open_modal(slack, "UMGR2", "homework <@UC|chen>")
    forged = {**modal, "private_metadata": modal["private_metadata"].replace("UC", "UA")}

    errors = errors_of(assign(slack, forged, "Mine now", local_today("America/Chicago"), user_id="UMGR2"))

    assert "<@UA> is not on your team" in errors["template"]
    assert _statuses(engine) == []
    assert not any("homework" in m["text"] for m in fake.messages_to("UA"))


def test_picking_a_template_on_a_forged_form_rewrites_nothing(slack: Slack, fake) -> None:
    focused_team(slack)
    modal = open_modal(slack, "UMGR2", "homework <@UC|chen>")
    forged = {**modal, "private_metadata": modal["private_metadata"].replace("UC", "UA")}
    request = slack.requests.block_actions("UMGR2", ids.HOMEWORK_TEMPLATE, view=forged,
                                           selected_option="top_prospects_value_propositions")
    assert slack.dispatch(request).status == 200
    dm_with(slack, "UMGR2", "is not on your team")
    assert fake.calls_to("views.update") == []


def test_only_the_homeworks_rep_opens_the_hand_in_form(slack: Slack, fake, assigned: dict[str, Any]) -> None:
    homework_id = button_value(assigned, ids.OPEN_HAND_IN)
    for user_id in ("UB", "UMGR", "UMGR2", "UC"):
        modal, request = click_to_open(slack, user_id, ids.OPEN_HAND_IN, homework_id)
        assert modal is None
        assert "not yours" in _refusal(slack, request)
    modal, request = click_to_open(slack, "UB", ids.OPEN_HAND_IN, "99999")  # none of that id: the same answer
    assert modal is None and "not yours" in _refusal(slack, request)


def test_a_forged_hand_in_for_someone_elses_homework_is_refused_inline(
    slack: Slack, fake, engine: Engine, assigned: dict[str, Any],
) -> None:
    modal, _ = click_to_open(slack, "UA", ids.OPEN_HAND_IN, button_value(assigned, ids.OPEN_HAND_IN))
    assert modal is not None

    errors = errors_of(hand_in(slack, "UB", modal, answer="Bea answers for Alex"))

    assert "not yours" in errors["answer"]
    assert _statuses(engine) == ["assigned"]
    assert not any("handed in" in m["text"] for m in fake.messages_to("UMGR"))


def test_a_homework_is_handed_in_once_and_answered_once(slack: Slack, fake, engine: Engine,
                                                        assigned: dict[str, Any]) -> None:
    homework_id = button_value(assigned, ids.OPEN_HAND_IN)
    modal, _ = click_to_open(slack, "UA", ids.OPEN_HAND_IN, homework_id)
    assert modal is not None
    assert hand_in(slack, "UA", modal, answer="1. What happens if you do nothing?").body == ""
    dm_with(slack, "UMGR", "handed in their homework")

    again = slack.requests.view_submission("UA", ids.HAND_IN_VIEW, {"answer": {"value": {
        "type": "plain_text_input", "value": "A second go"}}}, private_metadata=modal["private_metadata"])
    assert "handed this homework in already" in errors_of(slack.dispatch(again))["answer"]
    second, request = click_to_open(slack, "UA", ids.OPEN_HAND_IN, homework_id)
    assert second is None and "handed this homework in already" in _refusal(slack, request)

    feedback_modal, _ = click_to_open(slack, "UMGR", ids.OPEN_HOMEWORK_FEEDBACK, homework_id)
    assert feedback_modal is not None
    assert answer(slack, "UMGR", feedback_modal, "Good questions").body == ""
    assert "answered this homework already" in errors_of(
        slack.dispatch(slack.requests.view_submission("UMGR", ids.HOMEWORK_FEEDBACK_VIEW, {"feedback": {"value": {
            "type": "plain_text_input", "value": "More"}}}, private_metadata=feedback_modal["private_metadata"])))[
        "feedback"]
    assert _statuses(engine) == ["reviewed"]
    slack.finish_listeners()
    assert sum("answered your homework" in m["text"] for m in fake.messages_to("UA")) == 1


def test_only_the_reps_manager_answers_and_not_before_it_is_handed_in(
    slack: Slack, fake, engine: Engine, assigned: dict[str, Any],
) -> None:
    homework_id = button_value(assigned, ids.OPEN_HAND_IN)
    modal, request = click_to_open(slack, "UMGR", ids.OPEN_HOMEWORK_FEEDBACK, homework_id)
    assert modal is None and "has not handed this homework in yet" in _refusal(slack, request)

    hand_in_modal, _ = click_to_open(slack, "UA", ids.OPEN_HAND_IN, homework_id)
    assert hand_in_modal is not None and hand_in(slack, "UA", hand_in_modal, answer="Done").body == ""
    feedback_modal, _ = click_to_open(slack, "UMGR", ids.OPEN_HOMEWORK_FEEDBACK, homework_id)
    assert feedback_modal is not None
    for user_id in ("UMGR2", "UA", "UB", "UADMIN"):
        modal, request = click_to_open(slack, user_id, ids.OPEN_HOMEWORK_FEEDBACK, homework_id)
        assert modal is None and "Only the rep's own manager" in _refusal(slack, request)
        errors = errors_of(answer(slack, user_id, feedback_modal, "Forged feedback"))
        assert "Only the rep's own manager" in errors["feedback"]
    assert _statuses(engine) == ["handed_in"]
    assert not any("Forged" in json.dumps(m) for m in fake.messages_to("UA"))


def test_a_manager_whose_rep_moved_away_no_longer_answers(slack: Slack, engine: Engine,
                                                          assigned: dict[str, Any]) -> None:
    homework_id = button_value(assigned, ids.OPEN_HAND_IN)
    hand_in_modal, _ = click_to_open(slack, "UA", ids.OPEN_HAND_IN, homework_id)
    assert hand_in_modal is not None and hand_in(slack, "UA", hand_in_modal, answer="Done").body == ""
    feedback_modal, _ = click_to_open(slack, "UMGR", ids.OPEN_HOMEWORK_FEEDBACK, homework_id)
    assert feedback_modal is not None
    slack.coach("UADMIN", "team move <@UA|alex> <@UMGR2|omar>")

    assert "Only the rep's own manager" in errors_of(answer(slack, "UMGR", feedback_modal, "Late word"))["feedback"]
    assert _statuses(engine) == ["handed_in"]

