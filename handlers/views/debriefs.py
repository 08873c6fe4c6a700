"""Submissions of the debrief modal (new or edit) and of the manager's feedback modal.

Problems come back inline under their field (`response_action: errors`), with
everything typed still in the modal; nothing is stored unless every field is
right. A submission is stored once whatever Slack's retries or a double
submit (its receipt). After an edit the DM copy is updated in place; if it
cannot be, the rep gets the edited copy as a new message.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from domain.effects import tell
from domain.errors import CoachflowError, FieldProblems
from domain.receipts import Replayed
from domain.services.debrief_feedback import FEEDBACK_FIELD
from domain.services.debriefs import DebriefEdited, DebriefInput
from handlers.blocks.call_fields import DEAL, call_field_errors, read_call_fields
from handlers.blocks.debriefs import read_debrief_metadata, read_feedback
from handlers.blocks.inputs import FORM_UNREADABLE
from handlers.edge.message_updates import update_message
from handlers.edge.notices import render
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import Services, services, workspace_of


def handle_debrief(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                   context: BoltContext) -> None:
    svc, ws, rep_id = services(context), workspace_of(context), body["user"]["id"]
    receipt = receipt_of(body, context)
    opened = read_debrief_metadata(view)
    if opened is None:
        ack(response_action="errors", errors={DEAL: FORM_UNREADABLE})
        return
    editing, shadow_id = opened
    # Every indicator of the catalog is read; the service keeps those of the rep's focus skills.
    indicators = [i for c in svc.catalog.competencies for i in c.leading_indicators]
    fields = read_call_fields(view, indicators)
    given = DebriefInput(fields.call, fields.call_type, fields.call_on, fields.answers, fields.indicators,
                         fields.recording_link)
    try:
        if editing is not None:
            done: Any = svc.debriefs.edit_and_tell(ws, rep_id, editing, given, receipt)
        else:
            done = svc.debriefs.record_and_tell(ws, rep_id, given, shadow_id=shadow_id, receipt=receipt)
    except Replayed:
        ack()  # stored by the first delivery, which sent the copy
        return
    except FieldProblems as problems:
        ack(response_action="errors", errors=call_field_errors(problems.problems, indicators))
        return
    except CoachflowError as error:
        # Not theirs, past the edit window, or the database too slow: said above the first field.
        ack(response_action="errors", errors={DEAL: str(error)})
        return
    ack()
    deliver(client, svc, ws, done.effects)
    if isinstance(done.result, DebriefEdited):
        _update_copy(client, svc, ws, rep_id, done.result)


def _update_copy(client: WebClient, svc: Services, ws: Any, rep_id: str, edited: DebriefEdited) -> None:
    if edited.copy_at is None:
        return  # the service sent the edited copy as a new message
    channel, ts = edited.copy_at
    if not update_message(client, svc, channel, ts, render(edited.copy, rep_id, svc.catalog)):
        deliver(client, svc, ws, tell(rep_id, edited.copy))


def handle_debrief_feedback(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                            context: BoltContext) -> None:
    svc, ws, manager_id = services(context), workspace_of(context), body["user"]["id"]
    debrief_id, text = read_feedback(view)
    if debrief_id is None:
        ack(response_action="errors", errors={FEEDBACK_FIELD: FORM_UNREADABLE})
        return
    try:
        done = svc.debrief_feedback.reply_and_tell(ws, manager_id, debrief_id, text, receipt_of(body, context))
    except Replayed:
        ack()  # the first delivery sent it
        return
    except FieldProblems as problems:
        ack(response_action="errors", errors=problems.problems)
        return
    except CoachflowError as error:
        ack(response_action="errors", errors={FEEDBACK_FIELD: str(error)})
        return
    ack()
    deliver(client, svc, ws, done.effects)
