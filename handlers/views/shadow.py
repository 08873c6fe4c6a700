"""Submission of the observer's modal of a shadowed call.

Problems come back inline under their field, with everything typed still
in the modal, and nothing is stored; a refusal (not the submitter's rep, a
forged form) comes back inline too. One submission stores one observation,
whatever Slack or the person sends again (its receipt); the rep's feedback
DM and the manager's confirmation follow the commit.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from domain.errors import CoachflowError, FieldProblems
from domain.receipts import Replayed
from handlers.blocks.inputs import FORM_UNREADABLE
from handlers.blocks.shadow_modal import FORM_ERROR_BLOCK, read_shadow_submission, refusal_errors, shadow_errors
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import services, workspace_of


def handle_shadow(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                  context: BoltContext) -> None:
    svc, ws, manager_id = services(context), workspace_of(context), body["user"]["id"]
    receipt = receipt_of(body, context)
    submitted = read_shadow_submission(view, svc.catalog)
    if submitted.rep_id is None:
        ack(response_action="errors", errors={FORM_ERROR_BLOCK: FORM_UNREADABLE})
        return
    try:
        done = svc.shadowing.shadow_and_tell(ws, manager_id, submitted.rep_id, submitted.input, receipt=receipt)
    except Replayed:
        ack()  # stored by the first delivery, which told the rep and the manager
        return
    except FieldProblems as problems:
        ack(response_action="errors", errors=shadow_errors(problems.problems, submitted.skills, svc.catalog))
        return
    except CoachflowError as error:
        # Not their rep (a forged form, or the rep moved teams meanwhile), or the database was too slow.
        ack(response_action="errors", errors=refusal_errors(str(error)))
        return
    ack()
    deliver(client, svc, ws, done.effects)
