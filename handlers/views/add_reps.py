"""Submission of the add-reps modal.

Validates what our own data can tell within Slack's 3 seconds and answers
with inline errors (the picks stay in the modal); Slack lookups, the roster
change and notices happen after the modal has closed.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from domain.effects import Refusal, tell
from domain.errors import CoachflowError, DatabaseBusy
from domain.receipts import Replayed
from handlers.blocks.add_reps_modal import add_reps_errors
from handlers.edge import ids
from handlers.edge.directory import SlackUserDirectory
from handlers.edge.payloads import AddRepsSubmission
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import services, workspace_of


def handle_add_reps(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext,
) -> None:
    submission = AddRepsSubmission.from_view(view, ids.ADD_REPS_BLOCK, ids.ADD_REPS_INPUT)
    svc, ws, manager_id = services(context), workspace_of(context), body["user"]["id"]
    receipt = receipt_of(body, context)
    try:
        errors = add_reps_errors(svc.roster.precheck_add(ws, manager_id, submission.rep_ids, receipt))
    except DatabaseBusy as error:
        ack(response_action="errors", errors={ids.ADD_REPS_BLOCK: str(error)})  # the picks stay
        return
    if errors:
        ack(response_action="errors", errors=errors)
        return
    ack()
    try:
        # After the ack the save may wait for the database: its outcome arrives as a DM.
        done = svc.roster.add_and_tell(ws, manager_id, submission.rep_ids, SlackUserDirectory(client),
                                       receipt.without_deadline())
    except Replayed:
        return  # added by the first delivery, which told everyone
    except CoachflowError as error:
        deliver(client, svc, ws, tell(manager_id, Refusal(str(error))))
        return
    deliver(client, svc, ws, done.effects)
