"""Several fake workspaces behind one Web API, and Slack's OAuth v2 endpoints (issue 14).

`FakeSlackOAuth` routes each Web API call to the workspace whose bot token it
carries (each `FakeSlack` keeps its own), and answers what an OAuth install
and token rotation need:

- `GET /oauth/v2/authorize?client_id=...&scope=...&state=...`: the stand-in for
  Slack's consent page. Whoever `consent()` named clicks "Allow" at once: a
  302 to the app's redirect URL with a one-time `code` and the `state`.
- `oauth.v2.access` with the client id and secret (HTTP Basic, as slack_sdk
  sends them): `code=` exchanges a code for the workspace's bot token (and the
  installer's user token when user scopes were asked); `grant_type=refresh_token`
  exchanges a refresh token for a new token pair. With rotation on, tokens are
  `xoxe.xoxb-1-...`, expire after `token_lifetime` seconds and come with a refresh
  token; after a refresh the old token is refused (`invalid_auth`) and an expired
  one answers `token_expired`, so a test sees which token a call carried.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode

from bot.fake_slack.wire import FakeResponse
from bot.fake_slack.workspace import FakeSlack

AUTHORIZE_PATH = "/oauth/v2/authorize"


@dataclass(frozen=True)
class Consent:
    """Who clicks "Allow" on the next authorize page, and for what."""

    team_id: str
    user_id: str
    org_wide: bool = False  # Enterprise Grid: install for the whole organisation


@dataclass
class _Grant:
    team_id: str
    user_id: str
    org_wide: bool
    scope: str
    user_scope: str


@dataclass
class _Token:
    team_id: str
    expires_at: float | None  # None: never (rotation off)


@dataclass
class _Installed:
    fake: FakeSlack
    enterprise_id: str | None
    refresh_token: str | None = None
    user_tokens: dict[str, str] = field(default_factory=dict)


class FakeSlackOAuth:
    def __init__(self, client_id: str, client_secret: str, *, rotation: bool = True,
                 token_lifetime: float = 12 * 3600, clock: Callable[[], float] = time.time) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.rotation = rotation
        self.token_lifetime = token_lifetime
        self._clock = clock
        self._lock = threading.RLock()
        self._workspaces: dict[str, _Installed] = {}
        self._tokens: dict[str, _Token] = {}
        self._codes: dict[str, _Grant] = {}
        self._next: Consent | None = None
        self.redirect_uri: str | None = None  # where the consent page sends the browser back
        self.exchanges: list[str] = []  # "code" / "refresh_token", in order

    # ---------------------------------------------------------------- setup

    def add_workspace(self, fake: FakeSlack, *, enterprise_id: str | None = None) -> None:
        """A workspace people can install into; its current bot token (if any) keeps working."""
        with self._lock:
            self._workspaces[fake.team_id] = _Installed(fake, enterprise_id)
            if fake.bot_token:
                self._tokens[fake.bot_token] = _Token(fake.team_id, None)

    def consent(self, team_id: str, user_id: str, *, org_wide: bool = False) -> None:
        with self._lock:
            self._next = Consent(team_id, user_id, org_wide)

    def revoke(self, team_id: str) -> None:
        """The workspace's bot token stops working (an admin revoked it, or removed the app unheard)."""
        with self._lock:
            token = self._workspaces[team_id].fake.bot_token
            self._tokens.pop(token, None)
            self._workspaces[team_id].refresh_token = None

    def workspace_of(self, token: str | None) -> FakeSlack | None:
        with self._lock:
            known = self._tokens.get(token or "")
            return None if known is None else self._workspaces[known.team_id].fake

    # ------------------------------------------------------- the browser side

    def authorize_page(self, query: str) -> tuple[int, dict[str, str], bytes]:
        """GET /oauth/v2/authorize: 302 back to the app with a code, or a 400 page."""
        params = {name: values[0] for name, values in parse_qs(query).items()}
        with self._lock:
            consent, self._next = self._next, None
            redirect = params.get("redirect_uri") or self.redirect_uri
            if params.get("client_id") != self.client_id or not redirect:
                return 400, {"Content-Type": "text/plain"}, b"invalid_client_id"
            if consent is None or consent.team_id not in self._workspaces:
                answer = {"error": "access_denied", "state": params.get("state", "")}
                return 302, {"Location": f"{redirect}?{urlencode(answer)}"}, b""
            code = "code-" + secrets.token_hex(8)
            self._codes[code] = _Grant(consent.team_id, consent.user_id, consent.org_wide,
                                       params.get("scope", ""), params.get("user_scope", ""))
        answer = {"code": code, "state": params.get("state", "")}
        return 302, {"Location": f"{redirect}?{urlencode(answer)}"}, b""

    # ------------------------------------------------------------- the API

    def handle(self, method: str, params: dict[str, Any], token: str | None,
               basic: tuple[str, str] | None = None) -> FakeResponse:
        if method == "oauth.v2.access":
            return self._access(params, basic)
        with self._lock:
            known = self._tokens.get(token or "")
            if known is not None and known.expires_at is not None and known.expires_at <= self._clock():
                return FakeResponse.failure("token_expired")
            fake = None if known is None else self._workspaces[known.team_id].fake
        if fake is None:
            return FakeResponse.failure("not_authed" if not token else "invalid_auth")
        return fake.handle(method, params, token)

    def _access(self, params: dict[str, Any], basic: tuple[str, str] | None) -> FakeResponse:
        client = basic or (str(params.get("client_id", "")), str(params.get("client_secret", "")))
        if client[0] != self.client_id:
            return FakeResponse.failure("invalid_client_id")
        if client[1] != self.client_secret:
            return FakeResponse.failure("bad_client_secret")
        with self._lock:
            if params.get("grant_type") == "refresh_token":
                self.exchanges.append("refresh_token")
                return self._refresh(str(params.get("refresh_token", "")))
            grant = self._codes.pop(str(params.get("code", "")), None)
            if grant is None:
                return FakeResponse.failure("invalid_code")
            self.exchanges.append("code")
            return FakeResponse.success(self._install(grant))

    def _install(self, grant: _Grant) -> dict[str, Any]:
        installed = self._workspaces[grant.team_id]
        fake = installed.fake
        bot = self._issue(grant.team_id)
        fake.bot_token = bot["access_token"]
        enterprise = {"id": installed.enterprise_id, "name": f"{installed.enterprise_id} Org"} \
            if installed.enterprise_id else None
        authed_user: dict[str, Any] = {"id": grant.user_id}
        if grant.user_scope:
            user = self._issue(grant.team_id, prefix="xoxp")
            installed.user_tokens[grant.user_id] = user["access_token"]
            authed_user |= {"scope": grant.user_scope, "token_type": "user", **user}
        installed.refresh_token = bot.get("refresh_token")
        org_wide = grant.org_wide and installed.enterprise_id is not None
        return {
            "app_id": "A0COACH", "scope": grant.scope, "token_type": "bot", "bot_user_id": fake.bot_user_id,
            "team": None if org_wide else {"id": fake.team_id, "name": fake.team_name},
            "enterprise": enterprise, "is_enterprise_install": org_wide, "authed_user": authed_user, **bot,
        }

    def _refresh(self, refresh_token: str) -> FakeResponse:
        for team_id, installed in self._workspaces.items():
            if refresh_token and installed.refresh_token == refresh_token:
                old = installed.fake.bot_token
                self._tokens.pop(old, None)  # simplification: the old token stops at once
                bot = self._issue(team_id)
                installed.fake.bot_token = bot["access_token"]
                installed.refresh_token = bot["refresh_token"]
                return FakeResponse.success({"token_type": "bot", "scope": "", **bot,
                                             "team": {"id": team_id}, "enterprise": None})
        return FakeResponse.failure("invalid_refresh_token")

    def _issue(self, team_id: str, prefix: str = "xoxb") -> dict[str, Any]:
        if not self.rotation:
            token = f"{prefix}-{team_id}-" + secrets.token_hex(12)
            self._tokens[token] = _Token(team_id, None)
            return {"access_token": token}
        token = f"xoxe.{prefix}-1-" + secrets.token_urlsafe(96)
        self._tokens[token] = _Token(team_id, self._clock() + self.token_lifetime)
        return {"access_token": token, "refresh_token": "xoxe-1-" + secrets.token_urlsafe(96),
                "expires_in": int(self.token_lifetime)}
