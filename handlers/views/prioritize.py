"""Submission of the prioritization modal: impact and difficulty of each gap.

Problems come back inline with everything chosen still in the modal; nothing
is stored unless all of it is right.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from domain.errors import CoachflowError, FieldProblems
from domain.receipts import Replayed
from domain.services.prioritization import impact_field
from handlers.blocks.inputs import FORM_UNREADABLE
from handlers.blocks.priorities import read_ratings
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import services, workspace_of


def handle_prioritize(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                      context: BoltContext) -> None:
    svc, ws, manager_id = services(context), workspace_of(context), body["user"]["id"]
    receipt = receipt_of(body, context)
    rep_id, cycle_id, ratings = read_ratings(view, svc.catalog)
    if rep_id is None:
        ack(response_action="errors", errors={impact_field(next(iter(ratings), "")): FORM_UNREADABLE})
        return
    try:
        done = svc.priorities.rate_and_tell(ws, manager_id, rep_id, ratings, cycle_id, receipt)
    except Replayed:
        ack()  # stored by the first delivery, which sent the matrix
        return
    except FieldProblems as problems:
        ack(response_action="errors", errors=problems.problems)
        return
    except CoachflowError as error:
        # The rep left the team or their cycle ended while the modal was open, or the database was too slow.
        ack(response_action="errors", errors={impact_field(next(iter(ratings), "")): str(error)})
        return
    ack()
    deliver(client, svc, ws, done.effects)  # the gaps in words, then as the matrix
