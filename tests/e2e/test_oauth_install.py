"""OAuth mode (issue 14): install in many workspaces over HTTP, against the fake Slack."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from sqlalchemy import text

from bot.fake_slack import FakeSlack
from bot.oauth_world import OAuthWorld, oauth_world
from handlers.edge import ids
from handlers.edge.workspace import NOT_INSTALLED


def _acme() -> FakeSlack:
    fake = FakeSlack(team_id="T0ACME", team_name="Acme Sales", bot_user_id="UBOTA")
    fake.add_user("UADA", "Ada Lovelace", "Europe/London")
    fake.add_user("UREP", "Rex Rep", "Europe/London")
    return fake


def _globex() -> FakeSlack:
    fake = FakeSlack(team_id="T0GLOBEX", team_name="Globex", bot_user_id="UBOTG")
    fake.add_user("UGRACE", "Grace Park", "America/Chicago")
    fake.add_user("UHIRO", "Hiro Tan", "America/Chicago")
    return fake


@pytest.fixture
def world() -> Iterator[OAuthWorld]:
    with oauth_world([_acme(), _globex()]) as running:
        yield running


def _raw_tokens(world: OAuthWorld) -> list[str]:
    with world.runtime.engine.connect() as connection:
        rows = connection.execute(text("SELECT bot_token, bot_refresh_token FROM slack_bots")).all()
    return [value for row in rows for value in row if value]


def test_two_workspaces_install_and_each_installer_is_only_asked(world: OAuthWorld) -> None:
    acme, globex = world.workspaces["T0ACME"], world.workspaces["T0GLOBEX"]

    page = world.install("T0ACME", "UADA")
    second = world.install("T0GLOBEX", "UGRACE")

    assert page.status == 200 and "Coachflow is now installed in Acme Sales" in page.body
    assert second.status == 200 and "Coachflow is now installed in Globex" in second.body
    # The browser's way: our install link, Slack's consent page, back to us with a code.
    assert [urlsplit(url).path for url in page.visited] == ["/slack/install", "/oauth/v2/authorize",
                                                           "/slack/oauth_redirect"]
    assert world.oauth.exchanges == ["code", "code"]
    # The one message of each install: the installer is asked, nobody else hears anything.
    for fake, installer, other in ((acme, "UADA", "UREP"), (globex, "UGRACE", "UHIRO")):
        sent = fake.calls_to("chat.postMessage")
        assert len(sent) == 1
        asked = fake.messages_to(installer)
        assert len(asked) == 1 and "Shall I welcome your team?" in str(asked[0]["blocks"])
        assert {ids.INSTALL_WELCOME_TEAM, ids.INSTALL_NOT_NOW} <= set(str(asked[0]["blocks"]).split("'"))
        assert fake.messages_to(other) == []
    # Tokens at rest: two bots, rotating tokens, all ciphertext.
    stored = _raw_tokens(world)
    assert len(stored) == 4 and all(not value.startswith("xox") for value in stored)
    assert acme.bot_token.startswith("xoxe.xoxb-1-") and acme.bot_token != globex.bot_token


def test_each_workspace_answers_with_its_own_token_and_an_uninstalled_one_is_refused(world: OAuthWorld) -> None:
    world.install("T0ACME", "UADA")
    acme, globex = world.workspaces["T0ACME"], world.workspaces["T0GLOBEX"]

    answered = world.requests("T0ACME").slash_command("UADA", "/coach", "help")
    refused = world.requests("T0GLOBEX").slash_command("UGRACE", "/coach", "help")

    assert answered.post(world.http.url + "/slack/events").status == 200
    assert refused.post(world.http.url + "/slack/events").status == 200

    assert NOT_INSTALLED not in world.wait_for_response(answered.response_token)
    # Acme's calls carried Acme's token; Globex, not installed, got no call at all but the refusal.
    assert {call.ok for call in acme.calls} == {True}
    assert NOT_INSTALLED in world.wait_for_response(refused.response_token)
    assert globex.calls_to("chat.postMessage") == [] and globex.calls_to("views.publish") == []


def test_the_installer_says_not_now_and_nobody_else_hears(world: OAuthWorld) -> None:
    world.install("T0ACME", "UADA")
    acme = world.workspaces["T0ACME"]
    asked = acme.messages_to("UADA")[0]

    click = world.requests("T0ACME").block_actions("UADA", ids.INSTALL_NOT_NOW, "", message=asked)
    assert click.post(world.http.url + "/slack/events").status == 200

    assert "Nothing was sent to anyone" in world.wait_for_response(click.response_token)
    assert acme.messages_to("UREP") == []


def test_a_cancelled_or_replayed_install_gets_our_failure_page(world: OAuthWorld) -> None:
    world.oauth.consent("T0NOPE", "U1")  # a workspace Slack does not know: "access_denied"

    page = world.install("T0NOPE", "U1")

    assert page.status == 200 and "Coachflow could not be installed" in page.body
    assert "the install was cancelled on Slack&#x27;s page" in page.body
    assert "/slack/install" in page.body and _raw_tokens(world) == []


def test_an_org_wide_install_admits_every_workspace_of_the_organisation() -> None:
    with oauth_world([_acme(), _globex()], enterprises={"T0ACME": "E0ORG", "T0GLOBEX": "E0ORG"}) as world:
        page = world.install("T0ACME", "UADA", org_wide=True)
        assert page.status == 200, page.body
        with world.runtime.engine.connect() as connection:
            row = connection.execute(text("SELECT enterprise_id, team_id, is_enterprise_install FROM slack_bots")).one()
        assert tuple(row) == ("E0ORG", None, True)
        request = world.requests("T0ACME", enterprise_id="E0ORG", org_wide=True).slash_command("UADA", "/coach", "help")
        assert request.post(world.http.url + "/slack/events").status == 200
        assert NOT_INSTALLED not in world.wait_for_response(request.response_token)


def test_the_installer_says_yes_and_chooses_the_reps_in_the_usual_form(world: OAuthWorld) -> None:
    world.install("T0ACME", "UADA")
    acme = world.workspaces["T0ACME"]
    asked = acme.messages_to("UADA")[0]

    click = world.requests("T0ACME").block_actions("UADA", ids.INSTALL_WELCOME_TEAM, "", message=asked)
    assert click.post(world.http.url + "/slack/events").status == 200

    assert "Pick your reps in the form" in world.wait_for_response(click.response_token)
    modal = acme.view_opened_by(click.payload["trigger_id"])
    assert modal is not None and modal["callback_id"] == ids.ADD_REPS_VIEW
    assert acme.messages_to("UREP") == []  # still nobody else, until the form is sent
