"""Submission of the 20-question self-assessment.

Every answer is required by the modal itself; anything Slack lets through
that is still wrong comes back inline, and nothing is stored half-done.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from domain.effects import Refusal, tell
from domain.errors import CoachflowError, DatabaseBusy, FieldProblems
from domain.receipts import Replayed
from handlers.blocks.diagnosis_modals import (
    read_self_assessment,
    self_assessment_errors,
)
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import services, workspace_of


def handle_self_assessment(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                           context: BoltContext) -> None:
    svc, ws, rep_id = services(context), workspace_of(context), body["user"]["id"]
    receipt = receipt_of(body, context)
    raw = read_self_assessment(view, svc.catalog)
    try:
        done = svc.diagnosis.assess_and_tell(ws, rep_id, raw, receipt)
    except Replayed:
        ack()  # stored by the first delivery, which told the rep
        return
    except DatabaseBusy as error:
        # Inline, so the twenty answers stay in the modal for the next try.
        ack(response_action="errors", errors=self_assessment_errors({next(iter(raw), ""): str(error)}, raw))
        return
    except FieldProblems as problems:
        ack(response_action="errors", errors=self_assessment_errors(problems.problems, raw))
        return
    except CoachflowError as error:
        ack()
        deliver(client, svc, ws, tell(rep_id, Refusal(str(error))))
        return
    ack()
    deliver(client, svc, ws, done.effects)
