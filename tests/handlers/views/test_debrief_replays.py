"""Debrief forms replayed, retried or submitted twice store once and tell once (listed in test_replays.py)."""

from __future__ import annotations

import json

from sqlalchemy import Engine

from handlers.edge import ids
from tests.handlers.conftest import Slack
from tests.handlers.debrief_steps import (
    button_value,
    click,
    copies_to,
    debrief_command,
    opened_by,
    submit,
    team_in_develop,
    values,
    wait_for_copy,
)
from tests.handlers.receipt_steps import column, replay, rows


def test_a_debrief_sent_three_times_stores_one_debrief_and_one_copy(slack: Slack, uow_factory, engine: Engine) -> None:
    team_in_develop(slack, uow_factory)
    modal = debrief_command(slack, "UA", "Contoso")
    request = slack.requests.view_submission("UA", ids.DEBRIEF_VIEW, values("Contoso"),
                                             private_metadata=modal["private_metadata"])
    retried = slack.requests.retried(request)

    replies = replay(slack, request, request, retried)

    assert all(r.status == 200 and r.body == "" for r in replies)  # each closes the modal
    assert rows(engine, "debriefs") == 1
    assert len(copies_to(slack, "UA")) == 1


def test_an_edit_submitted_twice_is_one_version(slack: Slack, uow_factory, engine: Engine) -> None:
    team_in_develop(slack, uow_factory)
    submit(slack, "UA", debrief_command(slack, "UA", "Contoso"), values("Contoso"))
    debrief_id = button_value(wait_for_copy(slack, "UA"), ids.EDIT_DEBRIEF)
    assert debrief_id
    trigger, _ = click(slack, "UA", ids.EDIT_DEBRIEF, debrief_id)
    modal = opened_by(slack, trigger)
    request = slack.requests.view_submission("UA", ids.DEBRIEF_VIEW, values("Contoso Ltd"),
                                             private_metadata=modal["private_metadata"])
    replay(slack, request, request)
    assert column(engine, "SELECT version FROM debriefs") == [2]
    assert len(copies_to(slack, "UA")) == 1


def test_feedback_sent_twice_is_stored_and_sent_once(slack: Slack, uow_factory, engine: Engine) -> None:
    team_in_develop(slack, uow_factory)
    submit(slack, "UA", debrief_command(slack, "UA", "Contoso"), values("Contoso"))
    copy = wait_for_copy(slack, "UA")
    debrief_id = button_value(copy, ids.EDIT_DEBRIEF)
    assert debrief_id
    trigger, _ = click(slack, "UMGR", ids.DEBRIEF_FEEDBACK, debrief_id)
    modal = opened_by(slack, trigger)
    request = slack.requests.view_submission(
        "UMGR", ids.DEBRIEF_FEEDBACK_VIEW, {"feedback": {"value": {"type": "plain_text_input", "value": "Nice"}}},
        private_metadata=modal["private_metadata"])
    replay(slack, request, request)
    assert rows(engine, "debrief_feedback") == 1
    threaded = [m for m in slack.fake.messages_to("UA") if m.get("thread_ts") == copy["ts"]]
    assert len(threaded) == 1 and "Nice" in json.dumps(threaded[0]["blocks"])
