"""The fake Slack's OAuth side (issue 14): consent page, code exchange, refresh, tokens routed per workspace."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from bot.fake_slack import FakeSlack
from bot.fake_slack.oauth import FakeSlackOAuth


def _two() -> tuple[FakeSlackOAuth, FakeSlack, FakeSlack]:
    oauth = FakeSlackOAuth("CID", "SECRET", token_lifetime=600, clock=lambda: 1000.0)
    acme, globex = FakeSlack(team_id="T1", bot_token=""), FakeSlack(team_id="T2", bot_token="")
    oauth.add_workspace(acme)
    oauth.add_workspace(globex, enterprise_id="E1")
    oauth.redirect_uri = "https://app.example/slack/oauth_redirect"
    return oauth, acme, globex


def _code(oauth: FakeSlackOAuth, team: str, user: str) -> str:
    oauth.consent(team, user)
    status, headers, _ = oauth.authorize_page("client_id=CID&scope=chat:write&state=S1")
    assert status == 302
    query = parse_qs(urlsplit(headers["Location"]).query)
    assert query["state"] == ["S1"]
    return query["code"][0]


def test_a_code_is_exchanged_once_for_that_workspaces_rotating_token() -> None:
    oauth, acme, globex = _two()
    code = _code(oauth, "T2", "U9")

    answer = oauth.handle("oauth.v2.access", {"code": code}, None, ("CID", "SECRET"))
    again = oauth.handle("oauth.v2.access", {"code": code}, None, ("CID", "SECRET"))

    assert answer.ok and answer.body["team"] == {"id": "T2", "name": globex.team_name}
    assert answer.body["enterprise"]["id"] == "E1" and answer.body["authed_user"] == {"id": "U9"}
    assert answer.body["access_token"].startswith("xoxe.xoxb-1-") and answer.body["expires_in"] == 600
    assert globex.bot_token == answer.body["access_token"] and acme.bot_token == ""
    assert again.error == "invalid_code"
    assert oauth.workspace_of(globex.bot_token) is globex
    assert oauth.handle("auth.test", {}, globex.bot_token).body["team_id"] == "T2"


def test_a_refresh_replaces_the_token_and_the_old_one_stops() -> None:
    oauth, _, _ = _two()
    first = oauth.handle("oauth.v2.access", {"code": _code(oauth, "T1", "U1")}, None, ("CID", "SECRET")).body

    renewed = oauth.handle("oauth.v2.access", {"grant_type": "refresh_token", "refresh_token": first["refresh_token"]},
                           None, ("CID", "SECRET"))

    assert renewed.ok and renewed.body["access_token"] != first["access_token"]
    assert oauth.handle("auth.test", {}, first["access_token"]).error == "invalid_auth"
    assert oauth.handle("auth.test", {}, renewed.body["access_token"]).ok


def test_wrong_client_credentials_and_an_expired_token_are_refused() -> None:
    now = [1000.0]
    oauth = FakeSlackOAuth("CID", "SECRET", token_lifetime=600, clock=lambda: now[0])
    acme = FakeSlack(team_id="T1", bot_token="")
    oauth.add_workspace(acme)
    oauth.redirect_uri = "https://app.example/r"
    code = _code(oauth, "T1", "U1")

    assert oauth.handle("oauth.v2.access", {"code": code}, None, ("CID", "nope")).error == "bad_client_secret"
    token = oauth.handle("oauth.v2.access", {"code": code}, None, ("CID", "SECRET")).body["access_token"]
    now[0] += 601
    assert oauth.handle("auth.test", {}, token).error == "token_expired"


def test_a_declined_consent_goes_back_with_access_denied() -> None:
    oauth, _, _ = _two()

    status, headers, _ = oauth.authorize_page("client_id=CID&scope=chat:write&state=S1")

    assert status == 302 and "error=access_denied" in headers["Location"]
