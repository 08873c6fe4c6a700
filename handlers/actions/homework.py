"""Homework buttons: a template picked in the assignment modal, Hand in (the rep), Answer with feedback (the manager).

None of them stores anything: picking a template rewrites the open modal
(`views.update`, keeping the due date and what to hand in), the two buttons
open modals. The value of both buttons is the homework's id; who may open
each is checked by the use case, so a crafted id opens nothing of anyone
else's.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from domain.errors import CoachflowError
from handlers.blocks.homework_modals import assign_homework_modal, kept_from
from handlers.blocks.inputs import metadata, metadata_user, record_id
from handlers.edge.clicks import opens_a_modal, tell_refusal
from handlers.edge.services import services, workspace_of
from handlers.views.open import open_hand_in, open_homework_feedback

log = logging.getLogger(__name__)
UNREADABLE = "That button could not be read. Open the homework from its DM and try again."


homework_id_of = record_id  # the homework id a Hand in or feedback button carries


def _picked(body: dict[str, Any]) -> str | None:
    action = (body.get("actions") or [{}])[0]
    chosen = action.get("selected_option") if isinstance(action, dict) else None
    value = chosen.get("value") if isinstance(chosen, dict) else None
    return value if isinstance(value, str) and len(value) <= 150 else None


def handle_homework_template(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    view = body.get("view") if isinstance(body.get("view"), dict) else None
    rep_id = metadata_user(metadata(view), "rep") if view is not None else None
    if view is None or rep_id is None or not isinstance(view.get("id"), str):
        return  # not a modal we built: nothing to rewrite
    try:
        form = svc.homework.assignment_form(ws, user_id, rep_id)
    except CoachflowError as error:
        tell_refusal(client, svc, ws, None, user_id, error)  # the rep left the team while the modal was open
        return
    try:
        client.views_update(view_id=view["id"], hash=view.get("hash"),
                            view=assign_homework_modal(form, _picked(body), kept_from(view)))
    except SlackApiError as error:
        if error.response.get("error") != "hash_conflict":
            raise
        log.info("homework modal changed again before this template was applied; the newer pick wins")


handle_open_hand_in = opens_a_modal(homework_id_of, open_hand_in, UNREADABLE)
handle_open_homework_feedback = opens_a_modal(homework_id_of, open_homework_feedback, UNREADABLE)
