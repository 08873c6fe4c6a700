"""Submission of the coaching contract modal.

Problems come back inline with everything chosen still in the modal; nothing
is stored unless all of it is right.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from domain.errors import CoachflowError, FieldProblems
from domain.receipts import Replayed
from handlers.blocks.contract import contract_errors, read_contract, skill_block
from handlers.blocks.inputs import FORM_UNREADABLE
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import services, workspace_of


def handle_contract(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                    context: BoltContext) -> None:
    svc, ws, manager_id = services(context), workspace_of(context), body["user"]["id"]
    receipt = receipt_of(body, context)
    rep_id, fields = read_contract(view)
    if rep_id is None:
        ack(response_action="errors", errors={skill_block(0): FORM_UNREADABLE})
        return
    try:
        done = svc.contracts.save_and_tell(ws, manager_id, rep_id, **fields, receipt=receipt)
    except Replayed:
        ack()  # stored by the first delivery, which sent the contract
        return
    except FieldProblems as problems:
        ack(response_action="errors", errors=contract_errors(problems.problems))
        return
    except CoachflowError as error:
        ack(response_action="errors", errors={skill_block(0): str(error)})
        return
    ack()
    deliver(client, svc, ws, done.effects)
