"""Submission of the score-call modal.

Problems come back inline under their field, with everything typed still in
the modal; nothing is stored unless every field is right. A manager's score
tells the rep; a rep's own score is compared with their manager's.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from domain.errors import CoachflowError, FieldProblems
from domain.receipts import Replayed
from handlers.blocks.diagnosis_modals import (
    CALL_TITLE,
    read_score_submission,
    score_errors,
)
from handlers.blocks.inputs import FORM_UNREADABLE
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import services, workspace_of


def handle_score_call(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                      context: BoltContext) -> None:
    svc, ws, scorer_id = services(context), workspace_of(context), body["user"]["id"]
    receipt = receipt_of(body, context)
    fields = read_score_submission(view, svc.catalog)
    rep_id = fields.pop("rep_id")
    if rep_id is None:
        ack(response_action="errors", errors={CALL_TITLE: FORM_UNREADABLE})
        return
    try:
        done = svc.diagnosis.score_and_tell(ws, scorer_id, rep_id, **fields, receipt=receipt)
    except Replayed:
        ack()  # stored by the first delivery, which told the scorer and the rep
        return
    except FieldProblems as problems:
        ack(response_action="errors", errors=score_errors(problems.problems, svc.catalog))
        return
    except CoachflowError as error:
        # The rep left the scorer's team while the modal was open, or the database was too slow.
        ack(response_action="errors", errors={CALL_TITLE: str(error)})
        return
    ack()
    deliver(client, svc, ws, done.effects)
