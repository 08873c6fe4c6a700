"""Submissions of the commitment modals: the action plan, `/commit`, the obstacles, a new deadline.

Each is one use case with the form's receipt (a replay stores nothing and
says nothing); problems come back inline under their field, with everything
typed still in the modal; a refusal comes back inline too.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from domain.coaching.commitments import ACTION, DEADLINE, OBSTACLES, field_key
from domain.effects import tell
from domain.errors import CoachflowError, FieldProblems
from domain.receipts import Replayed
from domain.services.commitment_notices import Committed
from handlers.blocks.commitment_modals import read_commit, read_move, read_obstacles, read_plan
from handlers.blocks.inputs import FORM_UNREADABLE, errors_under_blocks
from handlers.edge.directory import SlackUserDirectory
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import services, workspace_of

_FIRST = field_key(ACTION, 1)



def handle_plan(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                context: BoltContext) -> None:
    svc, ws, manager_id = services(context), workspace_of(context), body["user"]["id"]
    typed = read_plan(view)
    if typed.rep_id is None:
        ack(response_action="errors", errors={_FIRST: FORM_UNREADABLE})
        return
    try:
        done = svc.commitments.save_plan(ws, manager_id, typed.rep_id, typed.drafts, typed.post,
                                         SlackUserDirectory(client), receipt_of(body, context),
                                         session_id=typed.session_id)
    except Replayed:
        ack()  # stored by the first delivery, which told everyone
        return
    except FieldProblems as problems:
        ack(response_action="errors", errors=errors_under_blocks(problems.problems, view, _FIRST))
        return
    except CoachflowError as error:
        # The rep left the manager's team while the modal was open, or the database was too slow.
        ack(response_action="errors", errors={_FIRST: str(error)})
        return
    ack()
    deliver(client, svc, ws, done.effects)


def handle_commit(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                  context: BoltContext) -> None:
    svc, ws, rep_id = services(context), workspace_of(context), body["user"]["id"]
    draft = read_commit(view)
    try:
        done = svc.commitments.add_and_tell(ws, rep_id, draft, receipt_of(body, context))
    except Replayed:
        ack()
        return
    except FieldProblems as problems:
        ack(response_action="errors", errors=errors_under_blocks(problems.problems, view, _FIRST))
        return
    except CoachflowError as error:
        ack(response_action="errors", errors={_FIRST: str(error)})
        return
    ack()
    deliver(client, svc, ws, tell(rep_id, Committed(done.result)) + done.effects)


def handle_obstacles(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                     context: BoltContext) -> None:
    svc, ws, owner_id = services(context), workspace_of(context), body["user"]["id"]
    commitment_id, status, obstacles = read_obstacles(view)
    if commitment_id is None or status is None:
        ack(response_action="errors", errors={OBSTACLES: FORM_UNREADABLE})
        return
    try:
        done = svc.commitments.answer_and_tell(ws, owner_id, commitment_id, status, obstacles,
                                               receipt_of(body, context))
    except Replayed:
        ack()
        return
    except CoachflowError as error:
        problems = error.problems if isinstance(error, FieldProblems) else {OBSTACLES: str(error)}
        ack(response_action="errors", errors=problems)
        return
    ack()
    deliver(client, svc, ws, done.effects)


def handle_move(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                context: BoltContext) -> None:
    svc, ws, caller_id = services(context), workspace_of(context), body["user"]["id"]
    commitment_id, deadline = read_move(view)
    if commitment_id is None:
        ack(response_action="errors", errors={DEADLINE: FORM_UNREADABLE})
        return
    try:
        done = svc.commitments.change_and_tell(ws, caller_id, commitment_id, deadline,
                                               receipt=receipt_of(body, context))
    except Replayed:
        ack()
        return
    except CoachflowError as error:
        problems = error.problems if isinstance(error, FieldProblems) else {DEADLINE: str(error)}
        ack(response_action="errors", errors=problems)
        return
    ack()
    deliver(client, svc, ws, done.effects)
