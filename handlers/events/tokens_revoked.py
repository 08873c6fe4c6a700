"""Tokens of the app were revoked in a workspace: when the bot token is among them, it is as good as uninstalled.

The event lists the user ids whose tokens went, by kind: `bot` for the bot
token, `oauth` for user tokens (Coachflow asks for none). Without the bot
token nothing can reach anyone there, so the workspace is handled as
uninstalled (`WorkspaceLifecycleService.uninstalled`); a reinstall brings it
back. User tokens alone change nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ValidationError
from slack_bolt import BoltContext

from handlers.edge.payloads import TokensRevoked
from handlers.edge.receipts import receipt_of
from handlers.edge.services import services

log = logging.getLogger(__name__)


def handle_tokens_revoked(event: dict[str, Any], body: dict[str, Any], context: BoltContext) -> None:
    try:
        revoked = TokensRevoked.model_validate(event)
    except ValidationError:
        log.warning("tokens_revoked in an unexpected shape; ignored")
        return
    if not revoked.tokens.bot:
        return
    svc = services(context)
    svc.lifecycle.uninstalled(context.team_id, context.enterprise_id, svc.clock(), receipt_of(body, context))
