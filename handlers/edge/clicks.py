"""What every button listener needs: the click read from the payload, and how to tell the clicker a refusal."""

from __future__ import annotations

from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient

from domain.effects import Refusal, tell
from domain.errors import CoachflowError
from domain.model import WorkspaceRef
from handlers.blocks.roster import error_message
from handlers.edge.payloads import ButtonClick
from handlers.edge.sender import deliver
from handlers.edge.services import Services


def click_of(body: dict[str, Any]) -> ButtonClick:
    return ButtonClick.model_validate(body["actions"][0])


def tell_refusal(
    client: WebClient, svc: Services, ws: WorkspaceRef, respond: Respond | None, user_id: str, error: CoachflowError
) -> None:
    # Clicks in messages carry a response_url; clicks in App Home do not, so those get a DM.
    if respond is not None and respond.response_url:
        respond(response_type="ephemeral", replace_original=False, **error_message(str(error)))
    else:
        deliver(client, svc, ws, tell(user_id, Refusal(str(error))))
