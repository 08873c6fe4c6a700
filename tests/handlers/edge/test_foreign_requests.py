"""Finding 1 and 9 of issue 8, at Bolt's level (every listener, Socket Mode too).

A response_url outside Slack is never called; a request for a workspace other
than the installed one changes nothing and calls nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence

import pytest
from slack_bolt import App
from sqlalchemy import Engine, text

from bot.fake_slack import FakeSlack, FakeSlackServer, SlackRequests
from handlers.edge import ResponseUrlPolicy, ids
from tests.handlers.conftest import SECRET, Slack
from tests.handlers.edge.trap import Trap, running_trap


@pytest.fixture
def trap() -> Iterator[Trap]:
    with running_trap() as trap:
        yield trap


def _rows(engine: Engine, table: str) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def _calls_besides_auth_test(fake: FakeSlack) -> list[str]:
    return [call.method for call in fake.calls if call.method != "auth.test"]


def test_a_command_from_another_workspace_writes_nothing_and_calls_nothing(
    slack: Slack, fake: FakeSlack, fake_server: FakeSlackServer, engine: Engine
) -> None:
    other = SlackRequests(SECRET, team_id="T0TWO", response_url_base=fake_server.response_url_base)

    reply = slack.dispatch(other.slash_command("UMGR", "/coach", "team add <@UA|alex>"))
    slack.finish_listeners()

    assert reply.status == 200
    assert "not installed in this workspace" in reply.json["text"]
    assert reply.json["response_type"] == "ephemeral"
    assert _calls_besides_auth_test(fake) == [] and fake.responses == []
    assert _rows(engine, "workspaces") == 0 and _rows(engine, "members") == 0


def test_events_and_clicks_from_another_workspace_are_acknowledged_and_ignored(
    slack: Slack, fake: FakeSlack, fake_server: FakeSlackServer, engine: Engine
) -> None:
    other = SlackRequests(SECRET, team_id="T0TWO", response_url_base=fake_server.response_url_base)

    for request in (other.app_home_opened("UA"), other.block_actions("UMGR", ids.OPEN_ADD_REPS, value="x")):
        reply = slack.dispatch(request)
        assert (reply.status, reply.body) == (200, "")
    slack.finish_listeners()

    assert _calls_besides_auth_test(fake) == []
    assert _rows(engine, "workspaces") == 0


def test_the_installed_workspace_is_still_served(slack: Slack) -> None:
    assert "do not coach anyone" in slack.coach("UMGR", "team", replies=2).last_text


def test_a_response_url_outside_slack_is_never_called(slack: Slack, fake: FakeSlack, trap: Trap) -> None:
    signed = SlackRequests(SECRET, team_id="T1", response_url_base=trap.url)

    assert slack.dispatch(signed.slash_command("UMGR", "/coach", "help")).status == 200
    fake.server_error_next("users.info", status=503, times=5)  # and the apology of a failing listener
    slack.dispatch(signed.slash_command("UMGR", "/coach", "team add <@UA|alex>"))
    slack.finish_listeners()

    assert trap.hits == []


def test_a_signature_check_that_raises_is_401_with_no_call_and_no_traceback(
    app: App, fake: FakeSlack, trap: Trap, caplog: pytest.LogCaptureFixture
) -> None:
    # The finding: timestamp "abc" made Bolt's check raise, and the error handler
    # answered the unverified body's response_url (any address).
    body = f"command=/coach&text=help&team_id=T1&user_id=UMGR&response_url={trap.url}x"
    headers: dict[str, str | Sequence[str]] = {"x-slack-request-timestamp": "abc", "x-slack-signature": "v0=00",
               "content-type": "application/x-www-form-urlencoded"}
    from slack_bolt import BoltRequest

    with caplog.at_level(logging.INFO):
        response = app.dispatch(BoltRequest(body=body, headers=headers))
        app.listener_runner.listener_executor.shutdown(wait=True)

    assert response.status == 401
    assert trap.hits == [] and _calls_besides_auth_test(fake) == []
    assert not [record for record in caplog.records if record.exc_info]


@pytest.mark.parametrize("url", [
    "https://hooks.slack.com/commands/T1/1/abc",
    "https://hooks.slack-gov.com/actions/T1/1/abc",
    "HTTPS://Hooks.Slack.com:443/commands/x",
    "http://127.0.0.1:4000/response/abc",  # the configured SLACK_API_URL origin (fake Slack)
])
def test_slacks_own_response_urls_are_allowed(url: str) -> None:
    assert ResponseUrlPolicy.with_extra_origins(["http://127.0.0.1:4000/api/"]).allows(url)


@pytest.mark.parametrize("url", [
    "http://hooks.slack.com/commands/x",  # not https
    "https://hooks.slack.com:8443/commands/x",
    "https://hooks.slack.com.evil.example/x",
    "https://evil.example/hooks.slack.com/x",
    "https://hooks.slack.com@evil.example/x",
    "http://127.0.0.1:4001/anything",  # the fake Slack's host, another port
    "file:///etc/passwd",
    "https://hooks.slack.com:notaport/x",
    "",
    None,
    ["https://hooks.slack.com/x"],
])
def test_anything_else_is_refused(url: object) -> None:
    assert not ResponseUrlPolicy.with_extra_origins(["http://127.0.0.1:4000/api/"]).allows(url)
