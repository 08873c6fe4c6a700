"""Slack changed someone's profile; `deleted: true` means their account was deactivated.

A deactivated person gets nothing more from Coachflow, at once: their
schedules go and their queued messages are skipped
(`WorkspaceLifecycleService.user_changed`). `deleted: false` for someone
Coachflow had as deactivated brings their schedules back. The daily
`users.list` refresh sets the same flag, so a missed event is caught by the
next morning. The event arrives for every profile edit in the workspace:
anyone Coachflow does not know, or whose state did not change, costs one read.
"""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ValidationError
from slack_bolt import BoltContext

from domain.model import WorkspaceRef
from domain.receipts import Replayed
from handlers.edge.payloads import UserChange
from handlers.edge.receipts import receipt_of
from handlers.edge.services import services, workspace_of

log = logging.getLogger(__name__)


def handle_user_change(event: dict[str, Any], body: dict[str, Any], context: BoltContext) -> None:
    try:
        changed = UserChange.model_validate(event)
    except ValidationError:
        log.warning("user_change in an unexpected shape; ignored")
        return
    svc = services(context)
    # An org-wide install's event names no team: the person's own workspace is on the user object.
    ws = workspace_of(context) if context.team_id or not changed.user.team_id else \
        WorkspaceRef(changed.user.team_id, context.enterprise_id)
    try:
        svc.lifecycle.user_changed(ws, changed.user.id, changed.user.deleted, svc.clock(), receipt_of(body, context))
    except Replayed:
        return  # Slack's retry of an event already stored
