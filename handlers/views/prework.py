"""Submissions of the pre-work modals: the rep's agenda, the manager's questions.

Each is one use case with the form's receipt (a replay stores nothing and
tells nobody); problems come back inline under their field with everything
typed still in the modal, and so does a refusal (the session started while
the modal was open, a crafted session id).
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from domain.coaching.prework import item_key, question_key
from domain.errors import CoachflowError, FieldProblems
from domain.receipts import Replayed
from handlers.blocks.inputs import FORM_UNREADABLE, errors_under_blocks
from handlers.blocks.preread import read_answers
from handlers.blocks.prework import read_prework, read_questions
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import services, workspace_of


def handle_prework(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                   context: BoltContext) -> None:
    svc, ws, rep_id = services(context), workspace_of(context), body["user"]["id"]
    typed, first = read_prework(view), item_key(1)
    if typed.session_id is None:
        ack(response_action="errors", errors={first: FORM_UNREADABLE})
        return
    version, answers = read_answers(view)
    try:
        done = svc.prework.save_and_tell(ws, rep_id, typed.session_id, typed.typed, typed.carried, typed.questions,
                                         typed.background, receipt_of(body, context), answers=answers,
                                         preread_version=version)
    except Replayed:
        ack()  # stored by the first delivery, which told the manager
        return
    except FieldProblems as problems:
        ack(response_action="errors", errors=errors_under_blocks(problems.problems, view, first))
        return
    except CoachflowError as error:
        ack(response_action="errors", errors={first: str(error)})
        return
    ack()
    deliver(client, svc, ws, done.effects)


def handle_prework_question(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                            context: BoltContext) -> None:
    svc, ws, manager_id = services(context), workspace_of(context), body["user"]["id"]
    session_id, asked = read_questions(view)
    first = question_key(1)
    if session_id is None:
        ack(response_action="errors", errors={first: FORM_UNREADABLE})
        return
    try:
        done = svc.prework.ask_and_tell(ws, manager_id, session_id, asked, receipt_of(body, context))
    except Replayed:
        ack()
        return
    except FieldProblems as problems:
        ack(response_action="errors", errors=errors_under_blocks(problems.problems, view, first))
        return
    except CoachflowError as error:
        ack(response_action="errors", errors={first: str(error)})
        return
    ack()
    deliver(client, svc, ws, done.effects)
