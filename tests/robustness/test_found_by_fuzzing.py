"""What the property tests found, kept as plain examples so they stay fixed whatever hypothesis draws.

- An event without the fields its listener reads (app_home_opened without
  `user`, file_shared without `file_id`) reached Bolt's error handler as a
  pydantic traceback; now it is acknowledged and dropped with one warning.
- The add-reps form with a picked "user" holding a NUL byte raised a
  DataError on PostgreSQL (text cannot hold NUL) before any answer; now a
  pick that is not a Slack user id is no pick, and the form says so.
- A scorecard pick whose `selected_option` was a list raised a pydantic
  ValidationError; now it is refused as an unreadable button.
- A button value holding a NUL byte (Open prioritization, Open contract)
  raised a DataError on PostgreSQL; now it is no value, refused in words.
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from urllib.parse import urlencode

import pytest

from bot.fake_slack.requests import FORM
from handlers.actions.scorecards import UNREADABLE_FULL
from handlers.edge import ids
from tests.handlers.conftest import Slack


def _errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "coachflow.errors"]


@pytest.mark.parametrize("event", [
    {"type": "app_home_opened"},
    {"type": "app_home_opened", "user": ["UA"], "tab": "home"},
    {"type": "file_shared", "user_id": "UA", "channel_id": "DUA"},
    {"type": "file_shared", "file_id": 7, "user_id": None, "channel_id": "DUA"},
], ids=["home-no-user", "home-user-list", "file-no-id", "file-wrong-types"])
def test_an_event_without_the_fields_its_listener_reads_is_dropped_with_a_warning(
    slack: Slack, caplog: pytest.LogCaptureFixture, event: dict[str, object]
) -> None:
    caplog.set_level(logging.WARNING)

    reply = slack.dispatch(slack.requests.event(event))
    slack.finish_listeners()

    assert reply.status == 200
    assert _errors(caplog) == []
    assert any(f"ignored a {event['type']} event" in r.getMessage() for r in caplog.records)
    assert slack.fake.calls_to("views.publish") == [] and slack.fake.calls_to("files.info") == []


@pytest.mark.parametrize("picked", [["U\x00A"], ["UA\x00", "UB"], ["µ\x00\x17" * 50]],
                         ids=["nul", "nul-and-id", "junk"])
def test_picked_people_who_are_not_user_ids_are_no_pick(slack: Slack, caplog: pytest.LogCaptureFixture,
                                                        picked: list[str]) -> None:
    slack.coach("UMGR", "help", replies=2)
    caplog.set_level(logging.ERROR, logger="coachflow.errors")
    values = {ids.ADD_REPS_BLOCK: {ids.ADD_REPS_INPUT: {"type": "multi_users_select", "selected_users": picked}}}

    reply = slack.dispatch(slack.requests.view_submission("UMGR", ids.ADD_REPS_VIEW, values))
    slack.finish_listeners()

    assert _errors(caplog) == []
    assert reply.status == 200
    if reply.body:  # the valid pick "UB" alone is added; junk alone is asked for again
        assert json.loads(reply.body)["response_action"] == "errors"


@pytest.mark.parametrize("option", [["UA"], "UA:2026-W49", 7])
def test_a_scorecard_pick_that_is_not_an_option_object_is_refused_in_words(
    slack: Slack, caplog: pytest.LogCaptureFixture, option: object
) -> None:
    slack.coach("UMGR", "team add <@UA|alex>", replies=2)
    caplog.set_level(logging.ERROR, logger="coachflow.errors")
    click = slack.requests.block_actions("UMGR", ids.OPEN_REP_SCORECARD, selected_option="UA")
    payload = json.loads(json.dumps(click.payload))
    payload["actions"][0]["selected_option"] = option
    signed = slack.requests.sign(urlencode({"payload": json.dumps(payload)}), FORM)
    request = replace(signed, payload=payload, response_token=click.response_token)

    assert slack.dispatch(request).status == 200
    slack.fake.wait_for(lambda: len(slack.fake.responses_for(request.response_token or "")) == 1)
    slack.finish_listeners()

    assert _errors(caplog) == []
    assert UNREADABLE_FULL in json.dumps(slack.fake.responses_for(request.response_token or ""), ensure_ascii=False)


@pytest.mark.parametrize("action_id", [ids.OPEN_PRIORITIZE, ids.OPEN_CONTRACT])
def test_a_button_value_holding_a_nul_byte_is_refused_in_words(slack: Slack, caplog: pytest.LogCaptureFixture,
                                                              action_id: str) -> None:
    slack.coach("UMGR", "team add <@UA|alex>", replies=2)
    caplog.set_level(logging.ERROR, logger="coachflow.errors")
    click = slack.requests.block_actions("UB", action_id, value="\x9b\\\x00|")

    assert slack.dispatch(click).status == 200
    slack.fake.wait_for(lambda: len(slack.fake.responses_for(click.response_token or "")) == 1)
    slack.finish_listeners()

    assert _errors(caplog) == []
    assert "not" in json.dumps(slack.fake.responses_for(click.response_token or ""))
