"""The end-of-day prompt's "No calls today" and "Not today" buttons: each answers in place of the prompt."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from domain.errors import CoachflowError, InvalidInput
from domain.receipts import Replayed
from handlers.blocks.debrief_prompts import no_calls_message, not_today_message, read_answer_value
from handlers.edge.clicks import click_of, tell_refusal
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import services, workspace_of

UNREADABLE = InvalidInput("That button could not be read. Type `/debrief` to debrief a call.")


def handle_no_calls_today(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                          context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    answer = read_answer_value(click_of(body).value)
    if answer is None:  # not a button we wrote
        tell_refusal(client, svc, ws, respond, user_id, UNREADABLE)
        return
    rep_id, day = answer
    try:
        done = svc.debrief_prompts.no_calls(ws, user_id, rep_id, day, receipt_of(body, context))
    except Replayed:
        return  # the first click recorded the day and answered
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, user_id, error)
        return
    if respond.response_url:
        respond(replace_original=True, **no_calls_message(done.result))
    deliver(client, svc, ws, done.effects)


def handle_not_today(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                     context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    answer = read_answer_value(click_of(body).value)
    if answer is None:
        tell_refusal(client, svc, ws, respond, user_id, UNREADABLE)
        return
    rep_id, day = answer
    try:
        result = svc.debrief_prompts.not_today(ws, user_id, rep_id, day)
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, user_id, error)
        return
    if respond.response_url:
        respond(replace_original=True, **not_today_message(result))
