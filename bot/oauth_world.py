"""An OAuth deployment of the real app against the fake Slack, over local HTTP (demo and tests).

Several fake workspaces sit behind one fake Web API (`FakeSlackOAuth`, routed by
token); the app runs in OAuth mode (bot/oauth.py) behind its own HTTP server
(bot/http.py), on a fresh SQLite file, with tokens encrypted under a fresh key.
A `Browser` walks the install: `/slack/install`, the consent page stand-in,
`/slack/oauth_redirect`, our success page.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.app import Runtime, build_runtime
from bot.config import Settings, load_settings
from bot.database import upgrade_database
from bot.fake_slack import FakeSlack, FakeSlackServer, SlackRequests
from bot.fake_slack.browser import Browser, Page
from bot.fake_slack.oauth import FakeSlackOAuth
from bot.http import CoachflowWsgi, HttpServer
from bot.oauth import INSTALL_PATH, REDIRECT_PATH
from bot.token_keys import new_key
from handlers.edge.services import utc_now

SECRET = "oauth-world-signing-secret"  # noqa: S105 - the fake Slack's, offline
CLIENT_ID = "1111.2222"
CLIENT_SECRET = "oauth-world-client-secret"  # noqa: S105 - the fake Slack's, offline


@dataclass
class OAuthWorld:
    settings: Settings
    runtime: Runtime
    oauth: FakeSlackOAuth
    slack: FakeSlackServer
    http: HttpServer
    workspaces: dict[str, FakeSlack]

    def install(self, team_id: str, installer_id: str, *, org_wide: bool = False) -> Page:
        """`installer_id` of `team_id` opens the install link and clicks Allow."""
        self.oauth.consent(team_id, installer_id, org_wide=org_wide)
        return Browser().get(self.http.url + INSTALL_PATH)

    def responses(self, token: str | None) -> list[dict[str, object]]:
        """What reached a response_url (every workspace's land in the first fake, which serves them)."""
        return list(self.slack.fake.responses_for(token or ""))

    def wait_for_response(self, token: str | None) -> str:
        """The response_url posts of a request, as text, once there is one."""
        self.slack.fake.wait_for(lambda: bool(self.responses(token)))
        return str(self.responses(token))

    def requests(self, team_id: str, enterprise_id: str | None = None, *, org_wide: bool = False) -> SlackRequests:
        fake = self.workspaces[team_id]
        return SlackRequests(SECRET, team_id=team_id, enterprise_id=enterprise_id,
                             response_url_base=self.slack.response_url_base, bot_user_id=fake.bot_user_id,
                             is_enterprise_install=org_wide)


@contextmanager
def oauth_world(workspaces: list[FakeSlack], *, enterprises: dict[str, str] | None = None,
                clock: Callable[[], datetime] = utc_now, directory: Path | None = None,
                token_lifetime: float = 12 * 3600) -> Iterator[OAuthWorld]:
    """Serve `workspaces` (none installed yet) and the app in OAuth mode; `enterprises`: team -> enterprise id."""
    oauth = FakeSlackOAuth(CLIENT_ID, CLIENT_SECRET, rotation=True, token_lifetime=token_lifetime)
    for fake in workspaces:
        fake.bot_token = ""  # nothing works in a workspace until it installs the app
        oauth.add_workspace(fake, enterprise_id=(enterprises or {}).get(fake.team_id))
    with tempfile.TemporaryDirectory(prefix="coachflow-oauth-") as scratch, \
            FakeSlackServer(workspaces[0], oauth=oauth) as slack:
        settings = load_settings(
            None,
            SLACK_CLIENT_ID=CLIENT_ID,
            SLACK_CLIENT_SECRET=CLIENT_SECRET,
            COACHFLOW_TOKEN_KEYS=new_key(),
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=slack.base_url,
            DATABASE_URL=f"sqlite:///{(directory or Path(scratch)) / 'coachflow-oauth.db'}",
            COACHFLOW_LOG_LEVEL="WARNING",
        )
        upgrade_database(settings.database_url)
        runtime = build_runtime(settings, clock=clock)
        wsgi = CoachflowWsgi(runtime.app, lambda: True, signing_secret=SECRET)
        server = HttpServer(wsgi, host="127.0.0.1", port=0, threads=4).start()
        oauth.redirect_uri = server.url + REDIRECT_PATH
        try:
            yield OAuthWorld(settings, runtime, oauth, slack, server,
                             {fake.team_id: fake for fake in workspaces})
        finally:
            server.stop()
            runtime.engine.dispose()
