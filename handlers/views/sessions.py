"""Submission of the 1:1 booking / move modal.

One use case with the form's receipt (a replay stores nothing and says
nothing). Problems (no time picked, a time in the past, an overlap) come
back inline under the day or time, with everything picked still in the
modal; a refusal (not your rep, not your session) comes back inline too.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from domain.coaching.sessions import DAY
from domain.errors import CoachflowError, FieldProblems
from domain.receipts import Replayed
from domain.services.sessions import Picked
from handlers.blocks.inputs import FORM_UNREADABLE
from handlers.blocks.sessions import read_session
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import services, workspace_of


def handle_session(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                   context: BoltContext) -> None:
    svc, ws, caller_id = services(context), workspace_of(context), body["user"]["id"]
    typed = read_session(view)
    if typed.rep_id is None:
        ack(response_action="errors", errors={DAY: FORM_UNREADABLE})
        return
    picked = Picked(typed.day, typed.at)
    receipt = receipt_of(body, context)
    try:
        if typed.session_id is not None:
            done = svc.sessions.move_and_tell(ws, caller_id, picked, session_id=typed.session_id, receipt=receipt)
        else:
            done = svc.sessions.book_and_tell(ws, caller_id, typed.rep_id, picked, typed.minutes,
                                              typed.repeat, receipt)
    except Replayed:
        ack()  # stored by the first delivery, which told both people
        return
    except FieldProblems as problems:
        ack(response_action="errors", errors=problems.problems)
        return
    except CoachflowError as error:
        # Not their rep or session, the rep left the team while the modal was open, or the database was slow.
        ack(response_action="errors", errors={DAY: str(error)})
        return
    ack()
    deliver(client, svc, ws, done.effects)
