"""SlackRequests builds requests that Slack's verifier accepts and Bolt routes like Slack's own."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from slack_bolt import Ack, App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk.signature import SignatureVerifier

from bot.fake_slack import FakeSlack, RecordingSlackClient, SignedRequest, SlackRequests, file_input, uploaded_file
from tests.fake_slack.helpers import SIGNING_SECRET


@pytest.fixture
def requests() -> SlackRequests:
    return SlackRequests(SIGNING_SECRET)


def verified(request: SignedRequest, secret: str = SIGNING_SECRET) -> bool:
    return SignatureVerifier(secret).is_valid(request.body, request.timestamp, request.signature)


def _form(request: SignedRequest) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(request.body, keep_blank_values=True).items()}


def test_signatures_verify_and_tampering_or_age_breaks_them(requests: SlackRequests) -> None:
    built = [
        requests.slash_command("U1", "/coach", "add <@U2>"),
        requests.block_actions("U1", "remove_rep", value="U2"),
        requests.view_submission("U1", "add_reps", {}),
        requests.app_home_opened("U1"),
    ]
    for request in built:
        assert verified(request)
        assert SignatureVerifier(SIGNING_SECRET).is_valid_request(request.body, request.headers)
        assert not verified(request, secret="another-secret")
        assert not verified(SlackRequests.tampered(request))
        assert not verified(requests.stale(request))


def test_slash_commands_are_form_encoded_like_slack(requests: SlackRequests) -> None:
    first = requests.slash_command("U1", "/coach", "add <@U2|sam>", user_name="maria")
    second = requests.slash_command("U1", "/coach")
    fields = _form(first)
    assert first.headers["content-type"] == "application/x-www-form-urlencoded"
    assert fields == first.payload
    assert (fields["command"], fields["text"], fields["user_id"], fields["user_name"]) == (
        "/coach", "add <@U2|sam>", "U1", "maria"
    )
    assert (fields["team_id"], fields["api_app_id"], fields["channel_id"]) == ("T0DEMO", "A0COACH", "C0GENERAL")
    assert fields["trigger_id"] != _form(second)["trigger_id"]
    # Without a response_url base the URL cannot reach anything real.
    assert fields["response_url"].startswith("https://hooks.slack.invalid/commands/T0DEMO/")
    assert fields["response_url"].endswith(str(first.response_token))

    routed = SlackRequests(SIGNING_SECRET, response_url_base="http://127.0.0.1:1/response/")
    command = routed.slash_command("U1", "/coach")
    assert command.payload["response_url"] == f"http://127.0.0.1:1/response/{command.response_token}"


def test_enterprise_ids_appear_where_slack_puts_them() -> None:
    grid = SlackRequests(SIGNING_SECRET, team_id="T1", enterprise_id="E1")
    assert _form(grid.slash_command("U1", "/coach"))["enterprise_id"] == "E1"
    assert grid.block_actions("U1", "a").payload["enterprise"] == {"id": "E1", "name": "Enterprise"}
    envelope = grid.app_home_opened("U1").payload
    assert envelope["enterprise_id"] == "E1" and envelope["authorizations"][0]["enterprise_id"] == "E1"


@pytest.fixture
def app(fake: FakeSlack) -> App:
    client = RecordingSlackClient(fake)
    bolt = App(token=fake.bot_token, signing_secret=SIGNING_SECRET, client=client, process_before_response=True)
    client.attach(bolt)
    return bolt


def test_block_actions_reach_the_action_listener(app: App, requests: SlackRequests) -> None:
    seen: list[dict[str, Any]] = []

    @app.action("remove_rep")
    def remove(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        ack()
        seen.append({"action": action, "container": body["container"], "view": body.get("view")})

    home = {"type": "home", "id": "VHOME", "blocks": []}
    assert app.dispatch(requests.block_actions("U1", "remove_rep", value="U2", view=home).bolt()).status == 200
    assert app.dispatch(requests.block_actions("U1", "remove_rep", selected_users=["U2", "U3"]).bolt()).status == 200

    from_home, from_message = seen
    assert from_home["action"]["value"] == "U2" and from_home["action"]["type"] == "button"
    assert from_home["container"] == {"type": "view", "view_id": "VHOME"}
    assert from_home["view"]["type"] == "home"
    assert from_message["action"]["selected_users"] == ["U2", "U3"]
    assert from_message["container"]["type"] == "message"


def test_a_select_that_dispatches_its_action_sends_the_picked_option_and_the_view(
    app: App, requests: SlackRequests
) -> None:
    seen: list[dict[str, Any]] = []

    @app.action("template")
    def picked(ack: Ack, body: dict[str, Any], action: dict[str, Any]) -> None:
        ack()
        seen.append({"action": action, "view": body["view"]})

    modal = {"type": "modal", "id": "VMODAL", "hash": "1.abc", "blocks": [], "private_metadata": '{"rep": "UA"}'}
    request = requests.block_actions("U1", "template", view=modal, selected_option="value_map")
    assert app.dispatch(request.bolt()).status == 200

    [found] = seen
    assert found["action"]["type"] == "static_select" and found["action"]["selected_option"]["value"] == "value_map"
    assert (found["view"]["id"], found["view"]["hash"]) == ("VMODAL", "1.abc")  # what views.update needs


def test_an_uploaded_file_is_described_as_slack_describes_it_in_a_view_state() -> None:
    found = uploaded_file("F0PITCH", "My Pitch (v2).m4a", user_id="UA")
    assert found["id"] == "F0PITCH" and found["name"] == "My Pitch (v2).m4a" and found["filetype"] == "m4a"
    assert found["permalink"] == "https://demo-co.slack.com/files/UA/F0PITCH/my_pitch_v2_.m4a"
    assert file_input(found) == {"type": "file_input", "files": [found]}


def test_view_submission_values_and_inline_errors(app: App, requests: SlackRequests) -> None:
    @app.view("add_reps")
    def submit(ack: Ack, view: dict[str, Any]) -> None:
        values = view["state"]["values"]
        assert view["private_metadata"] == "team=1"
        if not values["reps"]["pick"]["selected_users"]:
            ack(response_action="errors", errors={"reps": "Pick at least one person."})
            return
        ack()

    values = {
        "reps": {"pick": SlackRequests.multi_users([])},
        "note": {"text": SlackRequests.plain_text("hello")},
        "start": {"day": SlackRequests.datepicker("2026-11-30")},
        "stage": {"choice": SlackRequests.static_select("discovery", "Discovery")},
    }
    answer = app.dispatch(requests.view_submission("U1", "add_reps", values, private_metadata="team=1").bolt())
    assert answer.status == 200
    assert json.loads(answer.body) == {"response_action": "errors", "errors": {"reps": "Pick at least one person."}}

    values["reps"] = {"pick": SlackRequests.multi_users(["U2"])}
    answer = app.dispatch(requests.view_submission("U1", "add_reps", values, private_metadata="team=1").bolt())
    assert (answer.status, answer.body) == (200, "")


def test_events_are_event_callbacks_bolt_routes(app: App, fake: FakeSlack, requests: SlackRequests) -> None:
    @app.event("app_home_opened")
    def opened(event: dict[str, Any], client: RecordingSlackClient) -> None:
        client.views_publish(user_id=event["user"], view={"type": "home", "blocks": []})

    request = requests.app_home_opened("U1")
    assert request.payload["type"] == "event_callback"
    assert request.payload["event"]["channel"] == "DU1"
    assert requests.app_home_opened("U1").payload["event_id"] != request.payload["event_id"]
    assert app.dispatch(request.bolt()).status == 200
    fake.wait_for(lambda: fake.home_of("U1") is not None)


def test_url_verification_is_answered_by_bolt(app: App, requests: SlackRequests) -> None:
    answer = app.dispatch(requests.url_verification("xyz").bolt())
    assert (answer.status, json.loads(answer.body)) == (200, {"challenge": "xyz"})


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class names it so
        pass


@pytest.fixture
def app_url(app: App) -> Iterator[str]:
    """The Bolt app behind a stdlib WSGI server, as Slack would reach it."""
    server: WSGIServer = make_server("127.0.0.1", 0, SlackRequestHandler(app), handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/slack/events"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_requests_can_be_posted_over_http(app: App, app_url: str, requests: SlackRequests) -> None:
    @app.command("/ping")
    def ping(ack: Ack) -> None:
        ack("pong")

    ok = requests.slash_command("U1", "/ping").post(app_url)
    assert (ok.status, ok.body) == (200, "pong")
    refused = SlackRequests.tampered(requests.slash_command("U1", "/ping")).post(app_url)
    assert refused.status == 401
