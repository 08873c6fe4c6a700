"""Pre-work buttons: "Prepare for our 1:1" (the rep) and "Add a question" (the manager); values: the session id.

Who may open each modal is checked by the use case, so a crafted session id
opens nothing of anyone else's; a session that has started is refused kindly.
"""

from __future__ import annotations

from slack_sdk import WebClient

from domain.model import WorkspaceRef
from domain.receipts import Receipt
from handlers.actions.session_buttons import UNREADABLE, session_id_of
from handlers.blocks.prework import prework_modal, prework_question_modal
from handlers.edge.clicks import opens_a_form_on_time
from handlers.edge.services import Services


def _prework_form(client: WebClient, svc: Services, ws: WorkspaceRef, user_id: str, session_id: int,
                  trigger_id: str, receipt: Receipt) -> None:
    client.views_open(trigger_id=trigger_id, view=prework_modal(svc.prework.form(ws, user_id, session_id, receipt)))


def _question_form(client: WebClient, svc: Services, ws: WorkspaceRef, user_id: str, session_id: int,
                   trigger_id: str, receipt: Receipt) -> None:
    form = svc.prework.question_form(ws, user_id, session_id, receipt)
    client.views_open(trigger_id=trigger_id, view=prework_question_modal(form))


handle_open_prework = opens_a_form_on_time(session_id_of, _prework_form, UNREADABLE)
handle_add_prework_question = opens_a_form_on_time(session_id_of, _question_form, UNREADABLE)
