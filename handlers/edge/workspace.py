"""One deployment serves one workspace: the one its bot token belongs to.

Slack signs every request of an app with the same secret, so a second
workspace that installs the app (or a payload naming another team) arrives
verified. Until multi-workspace install exists, such a request is refused
before any listener runs: no database write, no Slack call.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import BoltContext, BoltRequest, BoltResponse
from slack_sdk.errors import SlackApiError

log = logging.getLogger("coachflow.edge")

NOT_INSTALLED = "Coachflow is not installed in this workspace, so it cannot answer here."


@dataclass(frozen=True)
class InstalledWorkspace:
    """What `auth.test` says about the bot token."""

    team_id: str | None
    enterprise_id: str | None = None
    is_enterprise_install: bool = False

    def admits(self, team_id: str | None, enterprise_id: str | None) -> bool:
        if self.is_enterprise_install and self.enterprise_id:
            # An org-wide install serves every workspace of its organisation.
            return enterprise_id == self.enterprise_id
        if team_id is None:
            return False
        if team_id != self.team_id:
            return False
        # Same team id under another organisation is not this workspace.
        return enterprise_id is None or self.enterprise_id is None or enterprise_id == self.enterprise_id


def only_the_installed_workspace(installed: Callable[[], InstalledWorkspace | None]) -> Callable[..., Any]:
    def guard(
        req: BoltRequest, context: BoltContext, body: dict[str, Any], next: Callable[[], Any],  # noqa: A002 - Bolt's name
    ) -> Any:
        try:
            workspace = installed()
        except SlackApiError:
            if _is_an_uninstall(body):
                # The token is gone because the app was uninstalled: `auth.test` cannot name the workspace any
                # more, and the event must still stop its messages. The service acts only on a workspace it
                # holds, so a foreign team's event changes nothing.
                return next()
            raise
        if workspace is None or workspace.admits(context.team_id, context.enterprise_id):
            return next()
        log.warning(
            "refused a request for workspace %s (enterprise %s): this deployment serves %s",
            context.team_id, context.enterprise_id, workspace.team_id,
        )
        if body.get("command"):
            # The HTTP answer itself is the ephemeral reply: no response_url, no Web API call.
            return BoltResponse(status=200, body={"response_type": "ephemeral", "text": NOT_INSTALLED})
        # Events, clicks and submissions: acknowledge (so Slack does not retry) and ignore.
        return BoltResponse(status=200, body="")

    return guard


def _is_an_uninstall(body: dict[str, Any]) -> bool:
    event = body.get("event")
    return isinstance(event, dict) and event.get("type") in {"app_uninstalled", "tokens_revoked"}
