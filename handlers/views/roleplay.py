"""Submission of the "Mark practised" form: the role-play is recorded once, and both sides are told.

The rep and the deal come from the form's metadata, so a crafted submission
naming another team's rep, another rep's deal or another workspace's deal is
refused inline (the use case checks who may mark whose deal) and nothing is
stored.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from domain.errors import CoachflowError, FieldProblems
from domain.receipts import Replayed
from domain.services.roleplays import NOTE
from handlers.blocks.inputs import FORM_UNREADABLE
from handlers.blocks.roleplay import practice_errors, read_practice_submission
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import services, workspace_of


def handle_roleplay_practised(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                              context: BoltContext) -> None:
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    rep_id, external_id, note = read_practice_submission(view)
    if rep_id is None or external_id is None:
        ack(response_action="errors", errors={NOTE: FORM_UNREADABLE})
        return
    try:
        done = svc.roleplays.practise_and_tell(ws, user_id, rep_id, external_id, note, receipt_of(body, context))
    except Replayed:
        ack()  # stored by the first delivery, which told both sides
        return
    except FieldProblems as problems:
        ack(response_action="errors", errors=practice_errors(problems.problems))
        return
    except CoachflowError as error:
        # Not theirs to mark (a crafted form, a rep who moved teams), or the database was too slow.
        ack(response_action="errors", errors={NOTE: str(error)})
        return
    ack()
    deliver(client, svc, ws, done.effects)
