"""RecordingSlackClient behaves like the real WebClient, without HTTP."""

from __future__ import annotations

from typing import Any

import pytest
from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from bot.fake_slack import (
    FakeSlack,
    FakeSlackServer,
    RecordingSlackClient,
    SlackRequests,
)
from tests.fake_slack.helpers import SIGNING_SECRET, InstantRateLimitRetry


def test_it_is_a_webclient_returning_slack_responses(fake: FakeSlack) -> None:
    client = RecordingSlackClient(fake)
    assert isinstance(client, WebClient)
    assert client.token == fake.bot_token
    response = client.users_info(user="U1")
    assert isinstance(response, SlackResponse)
    assert response.status_code == 200 and response["user"]["name"] == "maria.lopez"
    assert client.base_url.startswith("http://fake-slack.invalid/")  # never a real host


def test_ok_false_raises_like_the_real_client(fake: FakeSlack) -> None:
    client = RecordingSlackClient(fake)
    with pytest.raises(SlackApiError) as refused:
        client.chat_postMessage(channel="UGONE", text="hi")
    assert refused.value.response["error"] == "account_inactive"
    assert "The request to the Slack API failed. (url: http://fake-slack.invalid/api/chat.postMessage)" in str(
        refused.value
    )


def test_a_429_looks_the_same_as_over_http(fake: FakeSlack, server: FakeSlackServer) -> None:
    def limited(client: WebClient) -> SlackResponse:
        fake.rate_limit_next("chat.postMessage", retry_after=12)
        with pytest.raises(SlackApiError) as error:
            client.chat_postMessage(channel="U1", text="hi")
        response: SlackResponse = error.value.response
        return response

    over_http = limited(WebClient(token=fake.bot_token, base_url=server.base_url, timeout=5))
    in_process = limited(RecordingSlackClient(fake))
    for response in (over_http, in_process):
        assert response.status_code == 429
        assert response.headers["Retry-After"] == response.headers["retry-after"] == "12"
    assert over_http.data == in_process.data == {"ok": False, "error": "ratelimited"}


def test_retry_handlers_are_honoured(fake: FakeSlack) -> None:
    retry = InstantRateLimitRetry(max_retry_count=1)
    client = RecordingSlackClient(fake, retry_handlers=[retry])
    fake.rate_limit_next("users.info", retry_after=3)
    assert client.users_info(user="U1")["ok"]
    assert retry.waits == [3]
    fake.rate_limit_next("users.info", retry_after=3, times=2)
    with pytest.raises(SlackApiError):
        client.users_info(user="U1")  # one retry allowed, two 429s in a row


def test_parameters_go_through_the_same_encoding_as_the_wire(fake: FakeSlack) -> None:
    client = RecordingSlackClient(fake)
    client.conversations_history(channel="DU1", limit=5, inclusive=True)
    assert fake.calls_to("conversations.history")[0].params == {"channel": "DU1", "limit": "5", "inclusive": "1"}
    # A list in a form parameter is a bug over HTTP (it becomes "['U1']"); it is one here too.
    with pytest.raises(SlackApiError) as wrong:
        client.api_call("chat.postMessage", params={"channel": "U1", "text": "x", "blocks": [{"type": "divider"}]})
    assert wrong.value.response["error"] == "invalid_blocks_format"


def test_a_per_call_token_is_used(fake: FakeSlack) -> None:
    client = RecordingSlackClient(fake)
    with pytest.raises(SlackApiError) as refused:
        client.auth_test(token="xoxb-other")
    assert refused.value.response["error"] == "invalid_auth"


def test_no_token_is_not_authed(fake: FakeSlack) -> None:
    with pytest.raises(SlackApiError) as refused:
        RecordingSlackClient(fake, token="").auth_test()
    assert refused.value.response["error"] == "not_authed"


def _ping_app(fake: FakeSlack) -> tuple[App, RecordingSlackClient, list[Any]]:
    client = RecordingSlackClient(fake)
    # auth.test at construction goes to the fake through `client`.
    app = App(token=fake.bot_token, signing_secret=SIGNING_SECRET, client=client)
    seen: list[Any] = []

    @app.command("/ping")
    def ping(ack: Ack, client: WebClient, command: dict[str, Any]) -> None:
        seen.append(client)
        ack(f"pong {command['text']}")

    return app, client, seen


def test_a_bolt_app_answers_a_signed_command_and_refuses_a_bad_signature(fake: FakeSlack) -> None:
    app, _, _ = _ping_app(fake)
    requests = SlackRequests(SIGNING_SECRET)

    answered = app.dispatch(requests.slash_command("U1", "/ping", text="hello").bolt())
    assert (answered.status, answered.body) == (200, "pong hello")

    assert app.dispatch(SlackRequests.tampered(requests.slash_command("U1", "/ping")).bolt()).status == 401
    assert app.dispatch(requests.stale(requests.slash_command("U1", "/ping")).bolt()).status == 401
    assert [c.method for c in fake.calls] == ["auth.test"]


def test_attach_gives_listeners_the_recording_client(fake: FakeSlack) -> None:
    app, client, seen = _ping_app(fake)
    app.dispatch(SlackRequests(SIGNING_SECRET).slash_command("U1", "/ping").bolt())
    assert type(seen[-1]) is WebClient  # Bolt's per-request copy, pointing at base_url

    client.attach(app)
    app.dispatch(SlackRequests(SIGNING_SECRET).slash_command("U1", "/ping").bolt())
    assert seen[-1] is client


def test_respond_reaches_the_fake_through_the_response_url(fake: FakeSlack, server: FakeSlackServer) -> None:
    client = RecordingSlackClient(fake)
    app = App(token=fake.bot_token, signing_secret=SIGNING_SECRET, client=client, process_before_response=True)
    client.attach(app)

    @app.command("/coach")
    def coach(ack: Ack, respond: Respond, client: WebClient, command: dict[str, Any]) -> None:
        ack()
        client.chat_postMessage(channel=command["user_id"], text="Your plan is ready")
        respond(text="Done", response_type="ephemeral")

    request = SlackRequests(SIGNING_SECRET, response_url_base=server.response_url_base).slash_command("U1", "/coach")
    assert app.dispatch(request.bolt()).status == 200
    assert request.response_token is not None
    assert fake.responses_for(request.response_token) == [{"text": "Done", "response_type": "ephemeral"}]
    assert [m["text"] for m in fake.messages_to("U1")] == ["Your plan is ready"]
