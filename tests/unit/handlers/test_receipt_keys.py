"""What counts as one submission, click and event (handlers/edge/receipts.py)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from slack_bolt import BoltContext

from bot.app import build_services
from bot.config import load_settings
from bot.fake_slack import SlackRequests
from domain.receipts import KEY_LENGTH
from handlers.edge import ids
from handlers.edge.receipts import RECEIVED_AT, receipt_of
from handlers.edge.services import CONTEXT_KEY
from tests.fakes import FakeStore

REQUESTS = SlackRequests("secret", team_id="T1")


def _context(received_at: float | None = None) -> BoltContext:
    context = BoltContext()
    context[CONTEXT_KEY] = build_services(FakeStore().uow, load_settings(None))
    if received_at is not None:
        context[RECEIVED_AT] = received_at
    return context


def _body(request: Any) -> dict[str, Any]:
    return request.payload


def test_a_form_is_its_view_id_and_hash_and_must_be_answered_by_the_save_deadline() -> None:
    submitted = REQUESTS.view_submission("UA", ids.SCORE_CALL_VIEW, {}, view_id="V1")
    arrived = time.monotonic()
    receipt = receipt_of(_body(submitted), _context(arrived))

    assert receipt.kind == ids.SCORE_CALL_VIEW and len(receipt.key) == KEY_LENGTH
    assert receipt.answer_by == pytest.approx(arrived + 2.0)  # from the request's arrival, not the listener's start
    assert receipt_of(_body(submitted), _context()).key == receipt.key  # the same form submitted again
    other = REQUESTS.view_submission("UA", ids.SCORE_CALL_VIEW, {}, view_id="V2")
    assert receipt_of(_body(other), _context()).key != receipt.key
    assert receipt.without_deadline().answer_by is None


def test_a_click_is_the_button_in_its_message_by_one_person() -> None:
    message = {"type": "message", "message_ts": "1764547200.000100", "channel_id": "DUA", "is_ephemeral": False}

    def key(user: str, value: str = "UA:1", container: dict[str, Any] | None = None) -> str:
        click = REQUESTS.block_actions(user, ids.SIGN_CONTRACT, value=value, container=container or message)
        return receipt_of(_body(click), _context()).key

    assert key("UA") == key("UA")  # a double click: two requests, one decision
    assert key("UA") != key("UMGR")
    assert key("UA") != key("UA", value="UA:2")  # the button of the next version
    assert key("UA") != key("UA", container={**message, "message_ts": "1764547299.000100"})
    click = _body(REQUESTS.block_actions("UA", ids.SIGN_CONTRACT, value="UA:1"))
    assert receipt_of(click, _context()).answer_by is None


def test_a_click_in_app_home_is_keyed_by_the_published_view() -> None:
    home = {"id": "VHOME", "hash": "1.a", "type": "home"}
    clicked = receipt_of(_body(REQUESTS.block_actions("UMGR", ids.REMOVE_REP, value="UA", view=home)), _context())
    republished = {**home, "hash": "2.b"}
    again = receipt_of(_body(REQUESTS.block_actions("UMGR", ids.REMOVE_REP, value="UA", view=republished)), _context())
    assert clicked.key != again.key  # a Home published since is a new button


def test_an_event_is_its_event_id_on_every_retry() -> None:
    event = REQUESTS.app_home_opened("UA")
    retried = REQUESTS.retried(event)
    assert receipt_of(_body(event), _context()).key == receipt_of(_body(retried), _context()).key
    assert receipt_of(_body(event), _context()).kind == "app_home_opened"
    assert receipt_of(_body(REQUESTS.app_home_opened("UA")), _context()).key != receipt_of(_body(event), _context()).key


def test_a_slash_command_has_no_receipt() -> None:
    with pytest.raises(ValueError, match="no receipt"):
        receipt_of({"command": "/coach", "text": "team"}, _context())
