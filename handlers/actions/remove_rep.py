"""App Home's "Remove" button on a rep (after Slack's confirm dialog)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from domain.effects import Refusal, tell
from domain.errors import CoachflowError
from domain.receipts import Replayed
from handlers.edge.payloads import ButtonClick
from handlers.edge.receipts import receipt_of
from handlers.edge.sender import deliver
from handlers.edge.services import services, workspace_of


def handle_remove_rep(
    ack: Ack, action: dict[str, Any], body: dict[str, Any], client: WebClient, context: BoltContext,
) -> None:
    ack()
    click = ButtonClick.model_validate(action)
    svc, ws, manager_id = services(context), workspace_of(context), body["user"]["id"]
    if not click.value:
        return
    try:
        done = svc.roster.remove_and_tell(ws, manager_id, click.value, receipt_of(body, context))
    except Replayed:
        return  # the first click removed them and refreshed both Homes
    except CoachflowError as error:
        # Home has no response_url: the reason goes to the manager's DM, and both
        # Homes are published as they are, so a stale Remove button goes away.
        homes = svc.home.refresh(ws, [manager_id, click.value])
        deliver(client, svc, ws, tell(manager_id, Refusal(str(error))) + homes)
        return
    deliver(client, svc, ws, done.effects)
