"""The week-7 invitation's "Start" buttons (issue 13): they open `/challenge`'s start form.

The rep's button (value `self`, in the DM and App Home) opens the clicker's
own form, so someone else clicking it gets theirs, never the rep's. The
manager's "Start <rep>'s challenge" (value: the rep's user id) opens the form
for that rep, and the use case refuses anyone but the rep's own manager (or
the rep). Slack's trigger is good for 3 seconds: a form that cannot open in
time says so.
"""

from __future__ import annotations

from slack_sdk import WebClient

from domain.model import WorkspaceRef
from domain.receipts import Receipt
from handlers.blocks.challenge import challenge_start_modal
from handlers.blocks.challenge_invite import SELF, read_invite_value
from handlers.edge.clicks import opens_a_form_on_time
from handlers.edge.services import Services

UNREADABLE = "That button could not be read; nothing was opened. `/challenge` opens your start form."


def _start_form(client: WebClient, svc: Services, ws: WorkspaceRef, user_id: str, whose: str, trigger_id: str,
                receipt: Receipt) -> None:
    form = svc.challenges.start_form(ws, user_id, None if whose == SELF else whose, receipt)
    client.views_open(trigger_id=trigger_id, view=challenge_start_modal(form))


handle_challenge_invite_start = opens_a_form_on_time(read_invite_value, _start_form, UNREADABLE)
