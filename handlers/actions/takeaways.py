"""The "Record takeaways" button (`open_session_takeaways`, value: the session id) opens the takeaways modal.

The button is public: the session card and `/coach sessions` carry it. Who
may open the modal is checked by the use case, so a crafted session id opens
nothing of anyone else's; a session not yet started or cancelled is refused kindly.
"""

from __future__ import annotations

from slack_sdk import WebClient

from domain.model import WorkspaceRef
from domain.receipts import Receipt
from handlers.actions.session_buttons import UNREADABLE, session_id_of
from handlers.blocks.takeaways import takeaways_modal
from handlers.edge.clicks import opens_a_form_on_time
from handlers.edge.services import Services


def _takeaways_form(client: WebClient, svc: Services, ws: WorkspaceRef, user_id: str, session_id: int,
                    trigger_id: str, receipt: Receipt) -> None:
    form = svc.takeaways.form(ws, user_id, session_id, receipt)
    client.views_open(trigger_id=trigger_id, view=takeaways_modal(form))


handle_open_takeaways = opens_a_form_on_time(session_id_of, _takeaways_form, UNREADABLE)
