"""Submissions of the homework modals: assign, hand in, feedback.

Each is one use case with the form's receipt (a replay stores nothing and
says nothing); problems come back inline under their field, with everything
typed still in the modal; a refusal (someone else's homework, a rep who
left the team) comes back inline too.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from domain.coaching.homework import ANSWER, FEEDBACK, TEMPLATE
from domain.errors import CoachflowError, FieldProblems
from domain.receipts import Replayed
from handlers.blocks.homework_modals import (
    assignment_errors,
    read_assignment,
    read_feedback,
    read_hand_in,
)
from handlers.blocks.inputs import FORM_UNREADABLE
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import services, workspace_of


def handle_assign_homework(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                           context: BoltContext) -> None:
    svc, ws, manager_id = services(context), workspace_of(context), body["user"]["id"]
    typed = read_assignment(view)
    if typed.rep_id is None or typed.text_block is None:
        ack(response_action="errors", errors={TEMPLATE: FORM_UNREADABLE})
        return
    try:
        done = svc.homework.assign_and_tell(ws, manager_id, typed.rep_id, typed.template_id, typed.text,
                                            typed.due_on, typed.kind, receipt_of(body, context))
    except Replayed:
        ack()  # stored by the first delivery, which told the rep
        return
    except FieldProblems as problems:
        ack(response_action="errors", errors=assignment_errors(problems.problems, typed.text_block))
        return
    except CoachflowError as error:
        # The rep left the manager's team while the modal was open, or the database was too slow.
        ack(response_action="errors", errors={TEMPLATE: str(error)})
        return
    ack()
    deliver(client, svc, ws, done.effects)


def _first_field(view: dict[str, Any]) -> str:
    """The block id of the hand-in modal's first input: where a problem with the whole form is shown."""
    inputs = [b.get("block_id") for b in view.get("blocks") or [] if isinstance(b, dict) and b.get("type") == "input"]
    found = next((b for b in inputs if isinstance(b, str)), None)
    return found or ANSWER


def handle_hand_in(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                   context: BoltContext) -> None:
    svc, ws, rep_id = services(context), workspace_of(context), body["user"]["id"]
    homework_id, hand_in = read_hand_in(view)
    where = _first_field(view)
    if homework_id is None:
        ack(response_action="errors", errors={where: FORM_UNREADABLE})
        return
    try:
        done = svc.homework.hand_in_and_tell(ws, rep_id, homework_id, hand_in, receipt_of(body, context))
    except Replayed:
        ack()
        return
    except FieldProblems as problems:
        ack(response_action="errors", errors=problems.problems)
        return
    except CoachflowError as error:
        # Not theirs, handed in already (a second tab), or the database was too slow.
        ack(response_action="errors", errors={where: str(error)})
        return
    ack()
    deliver(client, svc, ws, done.effects)


def handle_homework_feedback(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                             context: BoltContext) -> None:
    svc, ws, manager_id = services(context), workspace_of(context), body["user"]["id"]
    homework_id, feedback = read_feedback(view)
    if homework_id is None:
        ack(response_action="errors", errors={FEEDBACK: FORM_UNREADABLE})
        return
    try:
        done = svc.homework.answer_and_tell(ws, manager_id, homework_id, feedback, receipt_of(body, context))
    except Replayed:
        ack()
        return
    except CoachflowError as error:
        problems = error.problems if isinstance(error, FieldProblems) else {FEEDBACK: str(error)}
        ack(response_action="errors", errors=problems)
        return
    ack()
    deliver(client, svc, ws, done.effects)

