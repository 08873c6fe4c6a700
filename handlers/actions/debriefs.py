"""The buttons around debriefs: Debrief (App Home, prompts, "Add my debrief"), Edit on the DM copy,
and "Reply with feedback" on the manager's digest. Each only opens a modal; the modal's
submission stores (handlers/views/debriefs.py)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from domain.errors import CoachflowError, InvalidInput
from handlers.blocks.debrief_prompts import read_open_value
from handlers.blocks.debriefs import read_debrief_id, read_open_debrief_value
from handlers.edge.clicks import click_of, opens_a_modal, tell_refusal
from handlers.edge.services import services, workspace_of
from handlers.views.open import DebriefPrefill, open_debrief, open_debrief_feedback, open_edit_debrief

UNREADABLE = "That button could not be read. Open the debrief form with `/debrief`."


def handle_open_debrief(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond,
                        context: BoltContext) -> None:
    ack()
    svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
    value = click_of(body).value
    prompt_day = read_open_value(value)  # the end-of-day prompt's button: the form opens on its day
    shadow_id = read_open_debrief_value(value) if prompt_day is None else None
    try:
        if shadow_id is False:
            raise InvalidInput(UNREADABLE)
        prefill = DebriefPrefill(shadow_id=shadow_id) if isinstance(shadow_id, int) else None
        if prompt_day is not None:
            prefill = DebriefPrefill(call_on=prompt_day)
        open_debrief(client, svc, ws, user_id, body["trigger_id"], prefill)
    except CoachflowError as error:
        tell_refusal(client, svc, ws, respond, user_id, error)


# Edit: not their debrief (a crafted payload) or past the 7 days is said where they clicked.
handle_edit_debrief = opens_a_modal(read_debrief_id, open_edit_debrief, UNREADABLE)
handle_debrief_feedback = opens_a_modal(
    read_debrief_id, open_debrief_feedback,
    "That button could not be read. Open your digest again and use its button.")
