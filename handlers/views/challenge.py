"""Submissions of the challenge's forms: the start form (behaviours) and a day's answer with a note.

One use case each with the form's receipt (a replay stores nothing and
says nothing); problems come back inline under their field with everything
typed still in the modal, and so does a refusal.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from domain.errors import CoachflowError, FieldProblems
from domain.receipts import Replayed
from domain.services.challenges import NOTE, behaviour_key
from handlers.blocks.challenge import ANSWER, read_note, read_start
from handlers.blocks.inputs import FORM_UNREADABLE, errors_under_blocks
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import services, workspace_of
from handlers.views.open_challenge import show_answered


def handle_challenge_start(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                           context: BoltContext) -> None:
    svc, ws, caller_id = services(context), workspace_of(context), body["user"]["id"]
    typed = read_start(view)
    first = behaviour_key(next(iter(typed.texts), ""))
    if typed.rep_id is None or not typed.texts:
        ack(response_action="errors", errors={first: FORM_UNREADABLE})
        return
    try:
        done = svc.challenges.start(ws, caller_id, typed.rep_id, typed.texts, receipt_of(body, context),
                                    nudge_at=typed.nudge_at)
    except Replayed:
        ack()  # stored by the first delivery, which told everyone
        return
    except FieldProblems as problems:
        ack(response_action="errors", errors=errors_under_blocks(problems.problems, view, first))
        return
    except CoachflowError as error:
        ack(response_action="errors", errors={first: str(error)})
        return
    ack()
    deliver(client, svc, ws, done.effects)


def handle_challenge_note(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                          context: BoltContext) -> None:
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    typed = read_note(view)
    if typed.challenge_id is None or typed.day is None or typed.answer is None:
        ack(response_action="errors", errors={ANSWER: FORM_UNREADABLE})
        return
    try:
        done = svc.challenges.answer(ws, user_id, typed.challenge_id, typed.day, typed.answer, typed.note,
                                     receipt_of(body, context))
    except Replayed:
        ack()
        return
    except FieldProblems as problems:
        ack(response_action="errors", errors=errors_under_blocks(problems.problems, view, NOTE))
        return
    except CoachflowError as error:
        ack(response_action="errors", errors={ANSWER: str(error)})
        return
    ack()
    show_answered(client, svc, done.result, typed.day)
    deliver(client, svc, ws, done.effects)
