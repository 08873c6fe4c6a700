"""Where the workspaces' Slack tokens live, behind `domain.ports.InstalledTokens`.

- OAuth (many workspaces): slack-sdk's `InstallationStore` (the encrypted
  store on our database); an uninstall deletes every installation of the
  workspace, bot and users alike (`delete_all`), as Bolt's own token
  revocation listeners do.
- Single workspace (`SLACK_BOT_TOKEN`): the token is a setting, not a row;
  Slack has already revoked it, so there is nothing to delete here.
"""

from __future__ import annotations

import logging

from slack_sdk.oauth.installation_store import InstallationStore

log = logging.getLogger(__name__)


class InstallationStoreTokens:
    """`InstalledTokens` over any slack-sdk `InstallationStore`."""

    def __init__(self, store: InstallationStore) -> None:
        self._store = store

    def remove(self, team_id: str | None, enterprise_id: str | None) -> None:
        self._store.delete_all(enterprise_id=enterprise_id, team_id=team_id)
        log.info("tokens of workspace %s (enterprise %s) deleted", team_id, enterprise_id)


class SettingsToken:
    """`InstalledTokens` in single-workspace mode: the token is SLACK_BOT_TOKEN, so nothing to delete."""

    def remove(self, team_id: str | None, enterprise_id: str | None) -> None:
        log.info("workspace %s uninstalled: SLACK_BOT_TOKEN is revoked by Slack; remove it from the settings",
                 team_id)
