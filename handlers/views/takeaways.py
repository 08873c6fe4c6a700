"""Submission of the "Record takeaways" modal: the takeaways and the agenda items covered.

One use case with the form's receipt (a replay stores nothing and tells
nobody); problems come back inline under their field with everything typed
still in the modal, and so does a refusal (a crafted session id, a session
cancelled while the modal was open).
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from domain.coaching.takeaways import TEXT
from domain.errors import CoachflowError, FieldProblems
from domain.receipts import Replayed
from handlers.blocks.inputs import FORM_UNREADABLE
from handlers.blocks.takeaways import read_takeaways
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import services, workspace_of


def handle_takeaways(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                     context: BoltContext) -> None:
    svc, ws, caller_id = services(context), workspace_of(context), body["user"]["id"]
    typed = read_takeaways(view)
    if typed.session_id is None:
        ack(response_action="errors", errors={TEXT: FORM_UNREADABLE})
        return
    try:
        done = svc.takeaways.record_and_tell(ws, caller_id, typed.session_id, typed.text, typed.ticked,
                                             receipt_of(body, context), shown_agenda=typed.agenda_version)
    except Replayed:
        ack()  # stored by the first delivery, which told the rep
        return
    except FieldProblems as problems:
        ack(response_action="errors", errors=dict(problems.problems))  # the text, or the ticks on a changed agenda
        return
    except CoachflowError as error:
        ack(response_action="errors", errors={TEXT: str(error)})
        return
    ack()
    deliver(client, svc, ws, done.effects)
