"""OAuth mode: install Coachflow in many workspaces with Bolt's OAuth flow (issue 14).

On when SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are set (with
COACHFLOW_TOKEN_KEYS and SLACK_SIGNING_SECRET; HTTP mode only). Bolt serves
`/slack/install` (straight on to Slack's consent page) and
`/slack/oauth_redirect` (code exchange, then our success or failure page),
keeps installations in slack-sdk's SQLAlchemy store on our engine with the
tokens encrypted (bot/installations.py), and authorizes every incoming request
by its workspace: a workspace that has not installed the app is refused by
Bolt's authorize before any listener runs. Token rotation is on: Bolt rotates
a bot token that expires within `TOKEN_ROTATION_MINUTES` while authorizing a
request; scheduled sends rotate through `bot/workspace_clients.py`.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_bolt.response import BoltResponse
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import Installation
from sqlalchemy import Engine

from bot.config import ConfigError, Settings
from bot.installations import EncryptedInstallationStore, OAuthStateStore
from bot.manifest import load_manifest
from bot.token_keys import TokenCipher, check_tokens_readable
from storage.uow import make_engine

log = logging.getLogger("coachflow.oauth")

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
# Rotate a token that expires within this many minutes (Bolt's default is 120; tokens live 12 hours).
TOKEN_ROTATION_MINUTES = 120
MANIFEST = Path(__file__).resolve().parent.parent / "manifest.yml"

# What to tell the installer for each of Bolt's failure reasons.
_REASONS = {
    "access_denied": "the install was cancelled on Slack's page",
    "invalid_browser": "this browser did not start the install (the link was opened elsewhere, or cookies are off)",
    "invalid_state": "the install link has expired or was already used",
    "missing_code": "Slack sent no authorization code",
    "invalid_code": "Slack did not accept the authorization code",
    "storage_error": "the installation could not be saved",
}

# What happens after an install was saved: e.g. the installer is asked whether to welcome the team.
InstalledHook = Callable[[Installation, WebClient], None]


def authorize_url_of(api_url: str) -> str:
    """Slack's consent page beside its Web API: https://slack.com/api/ -> https://slack.com/oauth/v2/authorize.

    So GovSlack (slack-gov.com) and the fake Slack of the tests and the demo get their own.
    """
    parts = urlsplit(api_url)
    return f"{parts.scheme}://{parts.netloc}/oauth/v2/authorize"


def bot_scopes(manifest: Path = MANIFEST) -> list[str]:
    """The bot scopes the install asks for: manifest.yml's, so the two never disagree."""
    scopes = load_manifest(manifest).get("oauth_config", {}).get("scopes", {}).get("bot", [])
    return [str(scope) for scope in scopes]


def _page(title: str, body: str, status: int, cookie: str | None) -> BoltResponse:
    text = (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title></head><body><h1>{html.escape(title)}</h1>{body}</body></html>"
    )
    headers: dict[str, str | Sequence[str]] = {"Content-Type": "text/html; charset=utf-8"}
    if cookie is not None:
        headers["Set-Cookie"] = [cookie]
    return BoltResponse(status=status, body=text, headers=headers)


def callback_pages(api_client: WebClient, hooks: Sequence[InstalledHook]) -> CallbackOptions:
    """Our success and failure pages; after a success, each hook runs with a client for the new workspace."""

    def success(args: SuccessArgs) -> BoltResponse:
        installation = args.installation
        where = installation.team_name or installation.enterprise_name or "your workspace"
        log.info("installed in team %s (enterprise %s) by %s", installation.team_id,
                 installation.enterprise_id, installation.user_id)
        client = WebClient(token=installation.bot_token, base_url=api_client.base_url)
        for hook in hooks:
            hook(installation, client)
        body = (
            f"<p>Coachflow is now installed in {html.escape(where)}.</p>"
            "<p>Open Slack: Coachflow has sent you a direct message asking whether to welcome your team. "
            "Nobody else hears from it until you say yes.</p>"
        )
        return _page("Coachflow is installed", body, 200,
                     args.settings.state_utils.build_set_cookie_for_deletion())

    def failure(args: FailureArgs) -> BoltResponse:
        reason = _REASONS.get(args.reason, "something went wrong")
        log.warning("install failed: %s", args.reason)
        body = (
            f"<p>Coachflow was not installed: {html.escape(reason)}.</p>"
            f"<p><a href=\"{INSTALL_PATH}\">Start the install again</a>. Nothing was changed in your workspace.</p>"
        )
        return _page("Coachflow could not be installed", body, args.suggested_status_code,
                     args.settings.state_utils.build_set_cookie_for_deletion())

    return CallbackOptions(success=success, failure=failure)


def oauth_settings(settings: Settings, engine: Engine, api_client: WebClient, hooks: Sequence[InstalledHook],
                   *, authorization_url: str | None = None, redirect_uri: str | None = None) -> OAuthSettings:
    """Bolt's OAuth settings on our engine, tables and keys (`authorization_url`: the fake Slack's page)."""
    assert settings.slack_client_id and settings.slack_client_secret  # settings.require_oauth() said so
    store = EncryptedInstallationStore(settings.slack_client_id, engine, TokenCipher(settings.token_keys))
    return OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        scopes=bot_scopes(),
        redirect_uri=redirect_uri,
        install_path=INSTALL_PATH,
        install_page_rendering_enabled=False,  # straight on to Slack's consent page
        redirect_uri_path=REDIRECT_PATH,
        callback_options=callback_pages(api_client, hooks),
        authorization_url=authorization_url,
        installation_store=store,
        installation_store_bot_only=True,
        token_rotation_expiration_minutes=TOKEN_ROTATION_MINUTES,
        state_store=OAuthStateStore(engine),
        logger=log,
    )


def rotating_authorize(oauth: OAuthSettings, api_client: WebClient) -> InstallationStoreAuthorize:
    """Bolt's authorize with token rotation through our SLACK_API_URL (OAuthSettings' own talks to slack.com)."""
    return InstallationStoreAuthorize(
        logger=log,
        installation_store=oauth.installation_store,
        client_id=oauth.client_id,
        client_secret=oauth.client_secret,
        token_rotation_expiration_minutes=TOKEN_ROTATION_MINUTES,
        bot_only=True,
        client=api_client,
    )


def require_oauth_start(settings: Settings, *, http: bool) -> None:
    """What `coachflow run` needs in OAuth mode, said in one line before anything starts."""
    settings.require_oauth()
    if not http:
        raise ConfigError(
            "Installing in many workspaces (SLACK_CLIENT_ID and SLACK_CLIENT_SECRET set) needs HTTP mode: "
            "run `coachflow run --http` behind your public https:// address (Slack sends the installer's browser "
            f"to {REDIRECT_PATH} there)."
        )


def check_stored_tokens(settings: Settings) -> int:
    """Every stored token decrypts with COACHFLOW_TOKEN_KEYS (else `TokensUnreadable`, one line); how many."""
    engine = make_engine(settings.database_url)
    try:
        count = check_tokens_readable(engine, TokenCipher(settings.token_keys))
    finally:
        engine.dispose()
    log.info("OAuth mode: %d stored token(s) readable with COACHFLOW_TOKEN_KEYS", count)
    return count
