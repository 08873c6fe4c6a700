"""Posting a message to a channel through its ledger row, and hearing how it went.

`handlers.edge.sender.deliver` sends a use case's DMs and only logs a
failure; a channel post whose outcome the use case must record (peer
learning's announcement: its ts, or "not posted" and why) comes here. The
row was written by the use case with its decision, its `channel` the
channel, so a retry or a second instance never posts twice.
"""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient

from domain.delivery import Delivery
from domain.model import WorkspaceRef
from handlers.edge.services import Services
from handlers.jobs.slack_sender import SlackMessageSender, as_rendered


def post_recorded(client: WebClient, svc: Services, ws: WorkspaceRef, recipient_id: str, row: Delivery,
                  rendered: dict[str, Any]) -> Delivery:
    """Send `rendered` to `row.channel` (retried as every reply is); the row as recorded: SENT or FAILED."""
    [sent] = svc.deliveries.send_replies(ws, [(recipient_id, rendered, row)], SlackMessageSender(client, as_rendered),
                                         svc.clock)
    return sent
