"""FakeSlack answers Web API calls as Slack does, records them, and fails on request."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.fake_slack import FakeResponse, FakeSlack

TOKEN = "xoxb-test"


def call(fake: FakeSlack, method: str, **params: Any) -> FakeResponse:
    return fake.handle(method, params, TOKEN)


class ManualClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def home(text: str = "Welcome") -> dict[str, Any]:
    return {"type": "home", "blocks": [section(text)]}


def modal(title: str = "Add reps", **extra: Any) -> dict[str, Any]:
    return {"type": "modal", "title": {"type": "plain_text", "text": title}, "blocks": [section("Pick")], **extra}


# ---------------------------------------------------------------- auth, users


def test_tokens_are_checked_before_anything_else(fake: FakeSlack) -> None:
    assert fake.handle("auth.test", {}, None).body == {"ok": False, "error": "not_authed"}
    assert fake.handle("auth.test", {}, "xoxb-wrong").error == "invalid_auth"
    assert fake.handle("files.upload", {}, TOKEN).error == "unknown_method"
    auth = call(fake, "auth.test").body
    assert (auth["ok"], auth["team_id"], auth["user_id"], auth["bot_id"]) == (True, "T0DEMO", "UBOT", "B0BOT")
    assert [(c.method, c.ok, c.error) for c in fake.calls] == [
        ("auth.test", False, "not_authed"),
        ("auth.test", False, "invalid_auth"),
        ("files.upload", False, "unknown_method"),
        ("auth.test", True, None),
    ]


def test_users_info_has_slack_shape_and_time_zone_fields(fake: FakeSlack) -> None:
    user = call(fake, "users.info", user="U1").body["user"]
    expected_offset = datetime.now(UTC).astimezone(ZoneInfo("Europe/Berlin")).utcoffset()
    assert expected_offset is not None
    assert user["id"] == "U1" and user["team_id"] == "T0DEMO"
    assert user["name"] == "maria.lopez" and user["real_name"] == "Maria López"
    assert user["tz"] == "Europe/Berlin" and user["tz_offset"] == int(expected_offset.total_seconds())
    assert user["tz_label"].startswith("Central European")
    assert user["profile"] == {
        "real_name": "Maria López",
        "real_name_normalized": "Maria López",
        "display_name": "Maria López",
        "display_name_normalized": "Maria López",
        "email": "maria@example.com",
    }
    assert call(fake, "users.info", user="UGONE").body["user"]["deleted"] is True
    assert call(fake, "users.info", user="UNOBODY").error == "user_not_found"


def test_an_unknown_time_zone_is_refused_when_adding_a_user(fake: FakeSlack) -> None:
    with pytest.raises(ValueError, match="Mars/Olympus"):
        fake.add_user("U9", "Someone", "Mars/Olympus")


# ------------------------------------------------------------------ messages


def test_posting_to_a_user_id_lands_in_their_dm(fake: FakeSlack) -> None:
    opened = call(fake, "conversations.open", users="U1").body
    posted = call(fake, "chat.postMessage", channel="U1", text="Hi Maria").body
    assert opened["channel"]["id"] == posted["channel"] == "DU1"
    assert call(fake, "conversations.open", users="U1").body["already_open"] is True
    assert [m["text"] for m in fake.messages_to("U1")] == ["Hi Maria"]
    assert fake.messages_to("DU1") == fake.messages_to("U1")
    assert posted["message"]["user"] == "UBOT" and posted["message"]["bot_id"] == "B0BOT"


def test_form_encoded_blocks_and_metadata_are_decoded(fake: FakeSlack) -> None:
    # Over HTTP a form post carries blocks as a JSON string; the fake treats both alike.
    response = call(
        fake,
        "chat.postMessage",
        channel="U1",
        text="t",
        blocks='[{"type": "divider"}]',
        metadata='{"event_type": "nudge", "event_payload": {"week": 3}}',
    )
    assert response.ok
    message = fake.messages_to("U1")[0]
    assert message["blocks"] == [{"type": "divider"}]
    assert message["metadata"] == {"event_type": "nudge", "event_payload": {"week": 3}}
    assert fake.calls_to("chat.postMessage")[0].params["blocks"] == [{"type": "divider"}]


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"channel": "UNOBODY", "text": "x"}, "channel_not_found"),
        ({"channel": "C0NOPE", "text": "x"}, "channel_not_found"),
        ({"channel": "UGONE", "text": "x"}, "account_inactive"),
        ({"channel": "DUGONE", "text": "x"}, "account_inactive"),
        ({"channel": "UOTHERBOT", "text": "x"}, "cannot_dm_bot"),
        ({"channel": "U1"}, "no_text"),
        ({"channel": "U1", "text": "x" * 40_001}, "msg_too_long"),
        ({"channel": "U1", "text": "x", "blocks": "not json"}, "invalid_blocks_format"),
        ({"channel": "U1", "text": "x", "metadata": {"event_type": "e"}}, "invalid_metadata_format"),
        ({"channel": "U1", "text": "x", "thread_ts": "1.000001"}, "message_not_found"),
    ],
)
def test_post_message_errors(fake: FakeSlack, params: dict[str, Any], error: str) -> None:
    assert fake.handle("chat.postMessage", params, TOKEN).error == error
    assert fake.messages_to("U1") == []


def test_invalid_blocks_are_rejected_with_slack_style_errors(fake: FakeSlack) -> None:
    response = call(fake, "chat.postMessage", channel="U1", text="t", blocks=[section("x" * 3001)])
    assert response.status == 200
    assert response.body["error"] == "invalid_blocks"
    assert response.body["errors"] == ["blocks[0].text.text: 3001 chars > 3000"]
    assert response.body["response_metadata"]["messages"] == ["[ERROR] blocks[0].text.text: 3001 chars > 3000"]


def test_ts_values_are_unique_and_increasing_even_within_one_microsecond() -> None:
    fake = FakeSlack(wall_clock=lambda: 1_700_000_000.0001)
    fake.add_user("U1", "Maria")
    stamps = [call(fake, "chat.postMessage", channel="U1", text=str(i)).body["ts"] for i in range(3)]
    assert stamps == ["1700000000.000100", "1700000000.000101", "1700000000.000102"]


def test_history_is_newest_first_with_limit_range_and_metadata(fake: FakeSlack) -> None:
    stamps = [
        call(fake, "chat.postMessage", channel="U1", text=f"m{i}",
             metadata={"event_type": "n", "event_payload": {"i": i}}).body["ts"]
        for i in range(5)
    ]
    history = call(fake, "conversations.history", channel="DU1", limit="2").body
    assert [m["text"] for m in history["messages"]] == ["m4", "m3"]
    assert history["has_more"] is True
    assert history["messages"][0]["metadata"]["event_payload"] == {"i": 4}
    ranged = call(fake, "conversations.history", channel="DU1", oldest=stamps[1], latest=stamps[3]).body
    assert [m["text"] for m in ranged["messages"]] == ["m2"]
    inclusive = call(fake, "conversations.history", channel="DU1", oldest=stamps[1], latest=stamps[3], inclusive=True)
    assert [m["text"] for m in inclusive.body["messages"]] == ["m3", "m2", "m1"]
    # A deactivated person's DM can no longer receive messages but can still be read.
    assert call(fake, "conversations.history", channel="DUGONE").body["messages"] == []
    assert call(fake, "conversations.history", channel="C0NOPE").error == "channel_not_found"


def test_update_and_ephemeral(fake: FakeSlack) -> None:
    posted = call(fake, "chat.postMessage", channel="U1", text="draft").body
    updated = call(fake, "chat.update", channel=posted["channel"], ts=posted["ts"], text="final")
    assert updated.ok and fake.messages_to("U1")[0]["text"] == "final"
    assert call(fake, "chat.update", channel="DU1", ts="1.000000", text="x").error == "message_not_found"
    assert call(fake, "chat.update", channel="U1", ts=posted["ts"], text="x").error == "channel_not_found"

    assert call(fake, "chat.postEphemeral", channel="C0GENERAL", user="U2", text="only you").ok
    assert call(fake, "chat.postEphemeral", channel="DU1", user="U2", text="x").error == "user_not_in_channel"
    assert [e["text"] for e in fake.ephemerals_to("U2")] == ["only you"]
    assert fake.messages_to("C0GENERAL") == []


# --------------------------------------------------------------------- views


def test_views_open_needs_a_fresh_trigger_and_a_valid_modal(fake: FakeSlack) -> None:
    assert call(fake, "views.open", view=modal()).error == "invalid_arguments"
    bad = call(fake, "views.open", trigger_id="t1", view=modal(title="A title far too long for Slack"))
    assert bad.error == "invalid_arguments"
    assert bad.body["response_metadata"]["messages"] == ["[ERROR] view.title.text: 30 chars > 24"]
    opened = call(fake, "views.open", trigger_id="t1", view=modal(callback_id="add"))
    assert opened.ok and opened.body["view"]["id"].startswith("V")
    assert call(fake, "views.open", trigger_id="t1", view=modal()).error == "exchanged_trigger_id"
    assert call(fake, "views.push", trigger_id="t2", view=modal(title="Step 2")).ok
    assert [v["title"]["text"] for v in fake.opened_views] == ["Add reps", "Step 2"]
    assert fake.opened_views[0]["callback_id"] == "add"


def test_views_update_by_id_or_external_id_with_hash_check(fake: FakeSlack) -> None:
    view = call(fake, "views.open", trigger_id="t", view=modal(external_id="ext-1")).body["view"]
    by_external = call(fake, "views.update", external_id="ext-1", view=modal(title="Saved", external_id="ext-1"))
    assert by_external.ok and by_external.body["view"]["id"] == view["id"]
    stale = call(fake, "views.update", view_id=view["id"], hash=view["hash"], view=modal())
    assert stale.error == "hash_conflict"
    assert call(fake, "views.update", view_id="VNOPE", view=modal()).error == "not_found"
    current = fake.view(view["id"])
    assert current is not None and current["title"]["text"] == "Saved"


def test_views_publish_keeps_one_home_per_person(fake: FakeSlack) -> None:
    first = call(fake, "views.publish", user_id="U1", view=home("v1")).body["view"]
    second = call(fake, "views.publish", user_id="U1", view=home("v2")).body["view"]
    assert first["id"] == second["id"]
    published = fake.home_of("U1")
    assert published is not None and published["blocks"][0]["text"]["text"] == "v2"
    assert fake.home_of("U2") is None
    assert call(fake, "views.publish", user_id="U1", view=modal()).error == "invalid_arguments"
    assert call(fake, "views.publish", user_id="UNOBODY", view=home()).error == "user_not_found"
    too_big = {"type": "home", "blocks": [{"type": "divider"}] * 101}
    assert call(fake, "views.publish", user_id="U1", view=too_big).error == "invalid_arguments"


# ----------------------------------------------------------- failure injection


def test_fail_next_fails_exactly_n_times(fake: FakeSlack) -> None:
    fake.fail_next("chat.postMessage", "channel_not_found", times=2)
    results = [call(fake, "chat.postMessage", channel="U1", text="x") for _ in range(3)]
    assert [r.error for r in results] == ["channel_not_found", "channel_not_found", None]
    assert {r.status for r in results} == {200}  # Slack reports API errors with HTTP 200
    assert call(fake, "users.info", user="U1").ok  # other methods are untouched


def test_injecting_into_an_unknown_method_is_a_mistake(fake: FakeSlack) -> None:
    with pytest.raises(ValueError, match="chat_postMessage"):
        fake.fail_next("chat_postMessage", "oops")


def test_rate_limit_and_server_error_next(fake: FakeSlack) -> None:
    fake.rate_limit_next("users.info", retry_after=7)
    fake.server_error_next("users.info", status=503)
    limited = call(fake, "users.info", user="U1")
    assert (limited.status, limited.headers["Retry-After"], limited.body) == (
        429, "7", {"ok": False, "error": "ratelimited"}
    )
    assert call(fake, "users.info", user="U1").status == 503
    assert call(fake, "users.info", user="U1").ok
    assert [c.status for c in fake.calls_to("users.info")] == [429, 503, 200]


def test_per_minute_limit_is_a_sliding_window_with_accurate_retry_after() -> None:
    clock = ManualClock()
    fake = FakeSlack(clock=clock)
    fake.add_user("U1", "Maria")
    fake.set_rate_limit("chat.postMessage", per_minute=3)
    for step in (0, 10, 20):
        clock.now = 1000 + step
        assert call(fake, "chat.postMessage", channel="U1", text="x").ok
    clock.now = 1025
    refused = call(fake, "chat.postMessage", channel="U1", text="x")
    assert refused.status == 429 and refused.headers["Retry-After"] == "35"  # the first call leaves at 1060
    clock.now = 1060
    assert call(fake, "chat.postMessage", channel="U1", text="x").ok
    assert call(fake, "users.info", user="U1").ok  # limits are per method
    fake.set_rate_limit("chat.postMessage", None)
    assert all(call(fake, "chat.postMessage", channel="U1", text="x").ok for _ in range(5))


def test_rate_limit_fraction_is_seeded_and_scoped(fake: FakeSlack) -> None:
    def pattern(seed: int) -> list[int]:
        slack = FakeSlack()
        slack.add_user("U1", "Maria")
        slack.rate_limit_fraction(0.3, retry_after=2, seed=seed, methods=["users.info"])
        return [slack.handle("users.info", {"user": "U1"}, TOKEN).status for _ in range(200)]

    first = pattern(seed=7)
    assert first == pattern(seed=7)
    assert 40 <= first.count(429) <= 80
    fake.rate_limit_fraction(1.0, methods=["users.info"])
    assert call(fake, "auth.test").ok
    assert call(fake, "users.info", user="U1").status == 429
    fake.rate_limit_fraction(0)
    assert call(fake, "users.info", user="U1").ok


# ------------------------------------------------------- assertions, threads


def test_wait_for_returns_once_true_and_explains_a_timeout(fake: FakeSlack) -> None:
    timer = threading.Timer(0.05, lambda: call(fake, "chat.postMessage", channel="U1", text="later"))
    timer.start()
    fake.wait_for(lambda: len(fake.messages_to("U1")) == 1, timeout=2)
    timer.join()

    call(fake, "users.info", user="UNOBODY")
    with pytest.raises(AssertionError) as failure:
        fake.wait_for(lambda: bool(fake.home_of("U1")), timeout=0.05)
    message = str(failure.value)
    assert "still false after 0.1s" in message
    assert "users.info ok=False error=user_not_found" in message


def test_recorded_state_is_a_copy(fake: FakeSlack) -> None:
    call(fake, "chat.postMessage", channel="U1", text="original")
    fake.messages_to("U1")[0]["text"] = "tampered"
    fake.calls.clear()
    assert fake.messages_to("U1")[0]["text"] == "original"
    assert len(fake.calls) == 1
    fake.reset_calls()
    assert fake.calls == []


def test_concurrent_posts_all_land_with_distinct_ts(fake: FakeSlack) -> None:
    def post(worker: int) -> None:
        for i in range(25):
            assert call(fake, "chat.postMessage", channel="U1", text=f"{worker}-{i}").ok

    threads = [threading.Thread(target=post, args=(w,)) for w in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stamps = [m["ts"] for m in fake.messages_to("U1")]
    assert len(stamps) == len(set(stamps)) == 200
    assert len(fake.calls_to("chat.postMessage")) == 200


def test_response_url_posts_are_checked_and_recorded(fake: FakeSlack) -> None:
    assert fake.record_response("tok", {"text": "done", "response_type": "ephemeral"}) == []
    assert fake.record_response("tok", {"blocks": [{"type": "nope"}]}) == [
        "blocks[0].type: unknown block type 'nope'"
    ]
    assert fake.responses == [{"text": "done", "response_type": "ephemeral"}]
    assert fake.responses_for("other") == []
    assert [(c.method, c.ok) for c in fake.calls] == [("response_url", True), ("response_url", False)]
