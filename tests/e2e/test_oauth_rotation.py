"""OAuth mode (issue 14): the dispatch tick renews a workspace's expiring token itself, saves it, sends with it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import text

from bot.fake_slack import FakeSlack
from bot.oauth_world import oauth_world
from domain.model import WorkspaceRef
from handlers.edge.directory import SlackUserDirectory

WS = WorkspaceRef("T0ACME")
SUNDAY = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
MONDAY_8AM_BERLIN = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)


def _acme() -> FakeSlack:
    fake = FakeSlack(team_id=WS.team_id, team_name="Acme Sales", bot_user_id="UBOTA")
    fake.add_user("UMGR", "Maya Chen", "Europe/Berlin")
    fake.add_user("UREP", "Rex Rep", "Europe/Berlin")
    return fake


def test_a_bot_token_about_to_expire_is_renewed_by_the_tick_saved_and_used() -> None:
    # Tokens that live 10 minutes: inside the 120-minute margin from the start, so the tick must renew.
    with oauth_world([_acme()], clock=lambda: SUNDAY, token_lifetime=600) as world:
        assert world.install(WS.team_id, "UMGR").status == 200
        acme = world.workspaces[WS.team_id]
        installed_token = acme.bot_token
        directory = SlackUserDirectory(WebClient(token=installed_token, base_url=world.slack.base_url))
        world.runtime.services.roster.enroll_caller(WS, "UMGR", directory)
        world.runtime.services.roster.add_reps(WS, "UMGR", ["UREP"], directory)
        assert world.oauth.exchanges == ["code"]

        report = world.runtime.dispatch_job().tick(MONDAY_8AM_BERLIN)

        assert report is not None and report.drain.sent >= 1 and report.drain.failed == 0
        assert world.oauth.exchanges == ["code", "refresh_token"]  # renewed once, for every row of the tick
        renewed = acme.bot_token
        assert renewed != installed_token and renewed.startswith("xoxe.xoxb-1-")
        # The week-ahead note went out, with the renewed token (the fake refuses the old one now).
        assert any("week" in str(m).lower() for m in acme.messages_to("UMGR")[1:])
        with pytest.raises(SlackApiError) as refused:
            WebClient(token=installed_token, base_url=world.slack.base_url).auth_test()
        assert refused.value.response["error"] == "invalid_auth"
        # Saved: the store hands out the renewed token, and the database holds only ciphertext.
        assert world.runtime.clients is not None
        assert world.runtime.clients.bot(WS.team_id, None).bot_token == renewed
        with world.runtime.engine.connect() as connection:
            stored = connection.execute(text("SELECT bot_token, bot_refresh_token FROM slack_bots")).one()
        assert all(value and not value.startswith("xox") for value in stored)


def test_a_workspace_without_installation_gets_nothing_and_says_why() -> None:
    with oauth_world([_acme()], clock=lambda: SUNDAY) as world:
        acme = world.workspaces[WS.team_id]
        assert world.install(WS.team_id, "UMGR").status == 200
        directory = SlackUserDirectory(WebClient(token=acme.bot_token, base_url=world.slack.base_url))
        world.runtime.services.roster.enroll_caller(WS, "UMGR", directory)
        world.runtime.services.roster.add_reps(WS, "UMGR", ["UREP"], directory)
        with world.runtime.engine.begin() as connection:
            connection.execute(text("DELETE FROM slack_bots"))
            connection.execute(text("DELETE FROM slack_installations"))
        before = len(acme.calls_to("chat.postMessage"))

        report = world.runtime.dispatch_job().tick(MONDAY_8AM_BERLIN)

        assert report is not None and report.drain.sent == 0 and report.drain.failed >= 1
        assert report.drain.errors == {"not_installed": report.drain.failed}
        assert len(acme.calls_to("chat.postMessage")) == before
