"""The real slack_sdk clients, over real HTTP, against FakeSlackServer."""

from __future__ import annotations

import json
import urllib.request
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import RetryHandler
from slack_sdk.webhook import WebhookClient

from bot.fake_slack import FakeSlack, FakeSlackServer
from tests.fake_slack.helpers import InstantRateLimitRetry


def test_base_url_is_what_webclient_expects(server: FakeSlackServer) -> None:
    assert server.base_url == f"http://127.0.0.1:{server.port}/api/"
    assert server.response_url("a/b") == f"http://127.0.0.1:{server.port}/response/a%2Fb"


def test_users_info_post_message_and_views_publish(fake: FakeSlack, web_client: WebClient) -> None:
    assert web_client.auth_test()["user_id"] == "UBOT"  # no body at all, JSON content type
    user = web_client.users_info(user="U1")["user"]  # form-encoded
    assert (user["real_name"], user["tz"]) == ("Maria López", "Europe/Berlin")

    posted = web_client.chat_postMessage(  # JSON body
        channel="U1",
        text="Week 3 starts today",
        blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": "Week *3* starts today"}}],
        metadata={"event_type": "week_started", "event_payload": {"week": 3}},
    )
    assert posted["channel"] == "DU1"
    stored = fake.messages_to("U1")
    assert [m["ts"] for m in stored] == [posted["ts"]]
    assert stored[0]["metadata"]["event_payload"] == {"week": 3}

    view = {"type": "home", "blocks": [{"type": "header", "text": {"type": "plain_text", "text": "Coachflow"}}]}
    published = web_client.views_publish(user_id="U1", view=view)
    assert published["view"]["id"].startswith("V")
    assert fake.home_of("U1") == published["view"]
    assert [c.method for c in fake.calls] == ["auth.test", "users.info", "chat.postMessage", "views.publish"]


def test_errors_surface_as_slack_api_error(fake: FakeSlack, web_client: WebClient) -> None:
    with pytest.raises(SlackApiError) as unknown:
        web_client.users_info(user="UNOBODY")
    assert unknown.value.response.status_code == 200
    assert unknown.value.response["error"] == "user_not_found"

    with pytest.raises(SlackApiError) as invalid:
        web_client.chat_postMessage(
            channel="U1", text="t", blocks=[{"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}]
        )
    assert invalid.value.response["error"] == "invalid_blocks"
    assert invalid.value.response["errors"] == ["blocks[0].text.text: 151 chars > 150"]
    assert fake.messages_to("U1") == []


def test_a_wrong_token_is_refused(server: FakeSlackServer) -> None:
    client = WebClient(token="xoxb-someone-else", base_url=server.base_url, timeout=5)
    with pytest.raises(SlackApiError) as refused:
        client.auth_test()
    assert refused.value.response["error"] == "invalid_auth"


def test_429_reaches_the_real_client_with_status_and_retry_after(fake: FakeSlack, web_client: WebClient) -> None:
    fake.rate_limit_next("chat.postMessage", retry_after=30)
    with pytest.raises(SlackApiError) as limited:
        web_client.chat_postMessage(channel="U1", text="hello")
    response = limited.value.response
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "30"
    assert response["error"] == "ratelimited"
    assert web_client.chat_postMessage(channel="U1", text="hello")["ok"]


def test_the_real_retry_handler_retries_after_a_429(fake: FakeSlack, server: FakeSlackServer) -> None:
    retry = InstantRateLimitRetry(max_retry_count=2)
    handlers: list[RetryHandler] = [retry]
    client = WebClient(token=fake.bot_token, base_url=server.base_url, retry_handlers=handlers, timeout=5)
    fake.rate_limit_next("users.info", retry_after=4, times=2)
    assert client.users_info(user="U1")["ok"]
    assert retry.waits == [4, 4]
    assert [c.status for c in fake.calls_to("users.info")] == [429, 429, 200]


def test_a_server_error_surfaces_with_its_status(fake: FakeSlack, web_client: WebClient) -> None:
    fake.server_error_next("views.publish", status=503)
    with pytest.raises(SlackApiError) as outage:
        web_client.views_publish(user_id="U1", view={"type": "home", "blocks": []})
    assert outage.value.response.status_code == 503


def test_token_as_a_form_parameter_and_get_requests(fake: FakeSlack, server: FakeSlackServer) -> None:
    body = urlencode({"token": fake.bot_token, "user": "U2"}).encode()
    with urllib.request.urlopen(server.base_url + "users.info", data=body, timeout=5) as answer:
        assert json.loads(answer.read())["user"]["id"] == "U2"
    with urllib.request.urlopen(f"{server.base_url}auth.test?token={fake.bot_token}", timeout=5) as answer:
        assert answer.headers["Content-Type"].startswith("application/json")
        assert json.loads(answer.read())["ok"] is True


def test_response_url_posts_from_webhook_client_are_recorded(fake: FakeSlack, server: FakeSlackServer) -> None:
    # Bolt's respond() is a WebhookClient.send_dict to the command's response_url.
    webhook = WebhookClient(url=server.response_url("cmd-1"), timeout=5)
    sent = webhook.send(text="Added Maria to your team", response_type="ephemeral", replace_original=False)
    assert (sent.status_code, sent.body) == (200, "ok")
    assert fake.responses_for("cmd-1") == [
        {"text": "Added Maria to your team", "response_type": "ephemeral", "replace_original": False}
    ]
    refused = webhook.send(text="x", blocks=[{"type": "section"}])
    assert (refused.status_code, refused.body) == (400, "invalid_blocks")
    assert len(fake.responses) == 1


def test_unknown_paths_are_404(server: FakeSlackServer) -> None:
    with pytest.raises(HTTPError) as missing:
        urllib.request.urlopen(server.root_url + "/elsewhere", timeout=5)
    assert missing.value.code == 404
    missing.value.close()


def test_start_and_stop_are_idempotent(fake: FakeSlack) -> None:
    server = FakeSlackServer(fake)
    with pytest.raises(RuntimeError):
        _ = server.port
    assert server.start() is server.start()
    port = server.port
    server.stop()
    server.stop()
    with pytest.raises(URLError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/api/auth.test", timeout=1)
