"""A Web API client per installed workspace, its token renewed before it expires (issue 14).

Bolt rotates a workspace's token only while authorizing a request from it; a
Friday scorecard or a nudge goes out with no request. So the dispatch tick
(handlers/jobs/workspace_sender.py) asks `InstalledClients` for a client per
workspace: it loads the bot installation from the encrypted store, renews the
token through slack-sdk's `TokenRotator` when it expires within
`margin_minutes`, saves the renewed one (encrypted, in the same row) and
returns a `WebClient` holding it.
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.token_rotation import TokenRotator
from slack_sdk.oauth.token_rotation.rotator import SlackTokenRotationError
from sqlalchemy import select

from bot.config import Settings
from bot.installations import EncryptedInstallationStore
from bot.oauth import TOKEN_ROTATION_MINUTES
from domain.model import WorkspaceRef
from handlers.jobs.workspace_sender import NotInstalled, TokenUnavailable

log = logging.getLogger("coachflow.oauth")


class InstalledClients:
    def __init__(self, store: EncryptedInstallationStore, client_secret: str, api_url: str,
                 margin_minutes: int = TOKEN_ROTATION_MINUTES) -> None:
        self._store = store
        self._api_url = api_url
        self._margin = margin_minutes
        self._rotator = TokenRotator(client_id=store.client_id, client_secret=client_secret,
                                     client=WebClient(base_url=api_url))

    @classmethod
    def of(cls, settings: Settings, store: EncryptedInstallationStore) -> InstalledClients:
        assert settings.slack_client_secret
        return cls(store, settings.slack_client_secret, settings.slack_api_url)

    def bot(self, team_id: str | None, enterprise_id: str | None) -> Bot:
        """The workspace's bot installation: its own, else its organisation's (an org-wide install)."""
        found = self._store.find_bot(enterprise_id=enterprise_id, team_id=team_id)
        if found is None and enterprise_id:
            found = self._store.find_bot(enterprise_id=enterprise_id, team_id=None, is_enterprise_install=True)
        if found is None or not found.bot_token:
            raise NotInstalled(f"{team_id} (enterprise {enterprise_id})")
        return found

    def __call__(self, team_id: str, enterprise_id: str | None) -> WebClient:
        bot = self.bot(team_id, enterprise_id)
        try:
            renewed = self._rotator.perform_bot_token_rotation(bot=bot, minutes_before_expiration=self._margin)
        except SlackTokenRotationError as error:
            raise TokenUnavailable(str(error.api_error.response.get("error"))) from None
        except OSError as error:  # urllib's URLError and timeouts: Slack unreachable
            raise TokenUnavailable(f"connection: {error.__class__.__name__}") from None
        if renewed is not None:
            self._store.save_bot(renewed)
            log.info("renewed the bot token of workspace %s (enterprise %s) before it expired",
                     team_id, enterprise_id)
            bot = renewed
        return WebClient(token=bot.bot_token, base_url=self._api_url)

    def workspaces(self) -> list[WorkspaceRef]:
        """Every workspace with a bot installation of its own (the daily profile refresh walks them)."""
        bots = self._store.bots
        query = select(bots.c.team_id, bots.c.enterprise_id).where(
            bots.c.client_id == self._store.client_id, bots.c.team_id.is_not(None)).distinct()
        with self._store.engine.connect() as connection:
            return [WorkspaceRef(str(team), enterprise) for team, enterprise in connection.execute(query)]

