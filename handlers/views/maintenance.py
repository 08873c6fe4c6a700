"""Submission of the monthly check-in modal: a 1-5 rating per focus skill and what is slipping.

One use case with the form's receipt (a replay stores nothing and tells
nobody); problems come back inline under their field with everything typed
still in the modal, and so does a refusal (a crafted cycle id, a cycle ended
while the modal was open).
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from domain.coaching.maintenance_checkins import SLIPPING
from domain.errors import CoachflowError, FieldProblems
from domain.receipts import Replayed
from handlers.blocks.inputs import FORM_UNREADABLE, errors_under_blocks
from handlers.blocks.maintenance import read_checkin
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import services, workspace_of


def handle_checkin(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                   context: BoltContext) -> None:
    svc, ws, rep_id = services(context), workspace_of(context), body["user"]["id"]
    typed = read_checkin(view)
    if typed.cycle_id is None:
        ack(response_action="errors", errors={SLIPPING: FORM_UNREADABLE})
        return
    try:
        done = svc.maintenance.submit_and_tell(ws, rep_id, typed.cycle_id, typed.ratings, typed.slipping,
                                               receipt_of(body, context))
    except Replayed:
        ack()  # stored by the first delivery, which told the manager
        return
    except FieldProblems as problems:
        ack(response_action="errors", errors=errors_under_blocks(dict(problems.problems), view, SLIPPING))
        return
    except CoachflowError as error:
        ack(response_action="errors", errors={SLIPPING: str(error)})
        return
    ack()
    deliver(client, svc, ws, done.effects)
