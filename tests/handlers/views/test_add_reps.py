"""The add-reps modal: inline errors keep the picks; good picks join after it closes."""

from __future__ import annotations

import json

from handlers.edge import ids
from tests.handlers.conftest import Slack


def _submit(slack: Slack, user_id: str, picks: list[str]):
    values = {ids.ADD_REPS_BLOCK: {ids.ADD_REPS_INPUT: slack.requests.multi_users(picks)}}
    return slack.dispatch(slack.requests.view_submission(user_id, ids.ADD_REPS_VIEW, values))


def test_picked_reps_join_are_told_and_the_manager_gets_a_summary(slack: Slack, fake) -> None:
    reply = _submit(slack, "UMGR", ["UA", "UB"])

    assert reply.status == 200 and reply.body == ""  # the modal closes
    fake.wait_for(lambda: any("Your team now has 2 reps" in m["text"] for m in fake.messages_to("UMGR")))
    assert "added you to their Coachflow coaching team" in fake.messages_to("UA")[0]["text"]
    assert "<@UA>" in slack.coach("UMGR", "team").last_text


def test_picking_yourself_or_someone_elses_rep_is_an_inline_error(slack: Slack, fake) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex>")
    fake.reset_calls()

    reply = _submit(slack, "UMGR2", ["UMGR2", "UA", "UB"])

    body = json.loads(reply.body)
    assert body["response_action"] == "errors"
    error = body["errors"][ids.ADD_REPS_BLOCK]
    assert "You cannot add yourself" in error
    assert "Alex Rivera is coached by Maya Manager" in error
    assert fake.calls_to("users.info") == []  # answered within Slack's 3 s, from our data
    assert "do not coach anyone" in slack.coach("UMGR2", "team").last_text  # Bea was not half-added
