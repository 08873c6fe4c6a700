"""The challenge nudge's buttons: Did it / Missed / No relevant calls today, Add a note, Repair yesterday.

Each value names the challenge and its day; who may answer is the use case's
check (only the rep), so a crafted value answers nothing of anyone else's. A
double click or Slack's retry is one receipt: stored once, answered once.
After an answer the nudge is replaced in place with the figures.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from domain.coaching.challenge import Answer
from domain.effects import Done
from domain.errors import CoachflowError, InvalidInput
from domain.model import WorkspaceRef
from domain.receipts import Receipt, Replayed
from handlers.blocks.challenge import read_day_value
from handlers.blocks.challenge_summary import encouragement_sent_reply
from handlers.blocks.inputs import record_id
from handlers.edge import ids
from handlers.edge.clicks import click_of, tell_refusal
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import Services, services, workspace_of
from handlers.views.open_challenge import open_challenge_note, show_answered

UNREADABLE = "That button could not be read; nothing was recorded. `/challenge status` shows your challenge."
_ANSWERS = {ids.CHALLENGE_DONE: Answer.DONE, ids.CHALLENGE_MISSED: Answer.MISSED,
            ids.CHALLENGE_NO_CALLS: Answer.NO_CALLS}


def handle_challenge_answer(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                            context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    click = click_of(body)
    found, answer = read_day_value(click.value), _ANSWERS.get(click.action_id)
    try:
        if found is None or answer is None:
            raise InvalidInput(UNREADABLE)
        challenge_id, day = found
        done = svc.challenges.answer(ws, user_id, challenge_id, day, answer,
                                     receipt=receipt_of(body, context).without_deadline())
    except Replayed:
        return  # the first click recorded it and updated the message
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, user_id, error)
        return
    show_answered(client, svc, done.result, day)
    deliver(client, svc, ws, done.effects)


def handle_challenge_note(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                          context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    found = read_day_value(click_of(body).value)
    try:
        if found is None:
            raise InvalidInput(UNREADABLE)
        open_challenge_note(client, found[0], found[1], body["trigger_id"])
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, user_id, error)


T = TypeVar("T")
# A use case on the challenge a button names: (services, workspace, clicker, challenge id, receipt) -> its outcome.
OnChallenge = Callable[[Services, WorkspaceRef, str, int, Receipt], Done[T]]


def _on_challenge(body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext,
                  use_case: OnChallenge[T]) -> Done[T] | None:
    """Run `use_case` on the challenge id the clicked button carries, once per receipt; a refusal is told to the
    clicker, a replay answers nothing. None when there is nothing more to do."""
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    try:
        challenge_id = record_id(click_of(body).value)
        if challenge_id is None:
            raise InvalidInput(UNREADABLE)
        return use_case(svc, ws, user_id, challenge_id, receipt_of(body, context).without_deadline())
    except Replayed:
        return None
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, user_id, error)
        return None


def handle_challenge_repair(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                            context: BoltContext) -> None:
    ack()
    done = _on_challenge(body, client, respond, context, lambda svc, ws, user_id, challenge_id, receipt:
                         svc.challenges.repair(ws, user_id, challenge_id, receipt=receipt))
    if done is not None:
        svc = services(context)
        show_answered(client, svc, done.result, None)
        deliver(client, svc, workspace_of(context), done.effects)


def handle_challenge_encourage(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                               context: BoltContext) -> None:
    """"Send encouragement" in the manager's summary: a short DM to the rep, once a day."""
    ack()
    done = _on_challenge(body, client, respond, context, lambda svc, ws, user_id, challenge_id, receipt:
                         svc.challenges.encourage(ws, user_id, challenge_id, receipt=receipt))
    if done is None:
        return
    if respond.response_url:
        respond(response_type="ephemeral", replace_original=False, **encouragement_sent_reply(done.result))
    deliver(client, services(context), workspace_of(context), done.effects)
