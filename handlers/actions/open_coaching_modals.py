"""Buttons that open the prioritization and contract modals about the rep they name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from domain.errors import CoachflowError
from domain.model import WorkspaceRef
from handlers.edge.clicks import click_of, tell_refusal
from handlers.edge.services import Services, services, workspace_of
from handlers.views.open import open_contract, open_prioritize


def _open_modal(opener: Callable[[WebClient, Services, WorkspaceRef, str, str, str], None]) -> Callable[..., None]:
    """A listener for a button whose value names the rep and that opens a modal about them."""

    def listener(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext) -> None:
        ack()
        svc, ws, user_id = services(context), workspace_of(context), body["user"]["id"]
        try:
            opener(client, svc, ws, user_id, click_of(body).value or "", body["trigger_id"])
        except CoachflowError as error:
            tell_refusal(client, svc, ws, respond, user_id, error)

    return listener


handle_open_prioritize = _open_modal(open_prioritize)
handle_open_contract = _open_modal(open_contract)
