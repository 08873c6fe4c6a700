"""The app was uninstalled from a workspace (or, org-wide, from an Enterprise Grid organisation).

Bolt lets this event through without `auth.test` (the token is already
gone) and acknowledges it before this runs. The use case marks the
workspace uninstalled, drops its schedules, skips its queued messages and
then deletes its tokens (`WorkspaceLifecycleService.uninstalled`); Slack's
retries carry the same event_id, so the receipt stores it once. Nobody is
told: there is no token left to tell them with.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext

from handlers.edge.receipts import receipt_of
from handlers.edge.services import services


def handle_app_uninstalled(body: dict[str, Any], context: BoltContext) -> None:
    svc = services(context)
    # An org-wide install names no team (context.team_id is None): the organisation's workspaces all go.
    svc.lifecycle.uninstalled(context.team_id, context.enterprise_id, svc.clock(), receipt_of(body, context))
