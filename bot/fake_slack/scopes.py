"""The scopes the fake's bot token was granted, reported as Slack does: `x-oauth-scopes`.

Slack answers every Web API call made with a token with an `x-oauth-scopes`
header listing the token's scopes, comma-separated. By default the fake's
token has the bot scopes of manifest.yml (the app was installed from it);
`FakeSlack.grant_scopes` changes that (a scope missing, one too many).
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache
from pathlib import Path

import yaml

from bot.fake_slack.wire import FakeResponse

MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yml"
SCOPES_HEADER = "x-oauth-scopes"


@cache
def manifest_bot_scopes() -> tuple[str, ...]:
    if not MANIFEST.exists():  # an installed wheel without the manifest: no header, as with a legacy token
        return ()
    loaded = yaml.safe_load(MANIFEST.read_text(encoding="utf-8")) or {}
    return tuple(loaded.get("oauth_config", {}).get("scopes", {}).get("bot", []))


def scopes_header(scopes: tuple[str, ...]) -> dict[str, str]:
    return {SCOPES_HEADER: ",".join(scopes)} if scopes else {}


class GrantedScopes:
    """`FakeSlack`'s bot token scopes: manifest.yml's until `grant_scopes` says otherwise."""

    _granted: tuple[str, ...] | None = None

    def grant_scopes(self, scopes: Collection[str]) -> None:
        """The token's scopes from now on, as a reinstall with another manifest would grant them."""
        self._granted = tuple(scopes)

    @property
    def granted_scopes(self) -> tuple[str, ...]:
        return manifest_bot_scopes() if self._granted is None else self._granted

    def with_scopes(self, answer: FakeResponse) -> FakeResponse:
        """A successful answer carries the token's scopes, as every Slack answer to a token does."""
        answer.headers.update(scopes_header(self.granted_scopes))
        return answer
