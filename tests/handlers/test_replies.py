"""Replies from listeners go through the delivery path: 429s and 5xx are waited out, failures are on record.

The app runs on the test database against the fake Slack, with a sleep that
only records how long the code asked to wait (no test waits for real).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest

from bot.app import build_services, create_app
from bot.config import load_settings
from bot.fake_slack import RESPONSE_URL, FakeSlack, FakeSlackServer, RecordingSlackClient, SlackRequests
from domain.delivery import REPLY_KIND, Delivery, DeliveryStatus
from domain.model import WorkspaceRef
from handlers.blocks.kit import message, section
from handlers.edge.dm import send_dm
from handlers.edge.services import Services
from tests.handlers.conftest import SECRET, TEAM, Slack, home_text


class Naps:
    """The sleep the app is given: records each wait, returns at once."""

    def __init__(self) -> None:
        self.taken: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.taken.append(seconds)


@pytest.fixture
def naps() -> Naps:
    return Naps()


@pytest.fixture
def svc(uow_factory: Any, fake: FakeSlack, fake_server: FakeSlackServer, naps: Naps) -> Services:
    settings = load_settings(
        None, SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake_server.base_url
    )
    return build_services(uow_factory, settings, sleep=naps)


@pytest.fixture
def slack(
    svc: Services, fake: FakeSlack, fake_server: FakeSlackServer, slack_requests: SlackRequests,
) -> Iterator[Slack]:
    # SLACK_API_URL: the response_urls point at the fake Slack, and only Slack's hosts are answered.
    settings = load_settings(
        None, SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake_server.base_url
    )
    app = create_app(settings, svc, client=RecordingSlackClient(fake))
    yield Slack(app, fake, slack_requests)
    app.listener_runner.listener_executor.shutdown(wait=True)


def replies_in_ledger(uow_factory: Any, status: DeliveryStatus | None = None) -> list[Delivery]:
    """What `coachflow deliveries [--failed]` reads: the ledger's rows, here only the replies."""
    with uow_factory() as uow:
        return [d for d in uow.deliveries.search(status=status) if d.key.kind == REPLY_KIND]


def dm_attempts_to(fake: FakeSlack, user_id: str) -> int:
    return len([c for c in fake.calls_to("chat.postMessage") if c.params.get("channel") == user_id])


def add_alex(slack: Slack) -> None:
    """UMGR adds UA: the command answers UMGR and, after the save, DMs UA."""
    slack.coach("UMGR", "team add <@UA|alex>")


@pytest.fixture
def workspace_ready(slack: Slack, fake: FakeSlack) -> None:
    slack.coach("UADMIN", "help", replies=2)  # the first user becomes admin: the workspace exists
    fake.reset_calls()


def test_a_dm_answered_429_then_503_arrives_once_after_waiting(
    slack: Slack, fake: FakeSlack, naps: Naps, uow_factory: Any, workspace_ready: None
) -> None:
    fake.rate_limit_next("chat.postMessage", retry_after=1)
    fake.server_error_next("chat.postMessage", 503)

    add_alex(slack)

    [dm] = fake.messages_to("UA")
    assert "<@UMGR>" in dm["text"]
    assert dm_attempts_to(fake, "UA") == 3
    assert naps.taken == [1.0, 1.0]  # Retry-After, then the first backoff step
    [row] = replies_in_ledger(uow_factory)
    assert (row.key.recipient_id, row.status, row.ts) == ("UA", DeliveryStatus.SENT, dm["ts"])
    assert row.attempts == 2  # the 429 does not count as an attempt


def test_a_dm_slack_refuses_is_recorded_failed_at_once_and_the_command_still_answers(
    slack: Slack, fake: FakeSlack, naps: Naps, uow_factory: Any, workspace_ready: None
) -> None:
    fake.fail_next("chat.postMessage", "account_inactive")

    add_alex(slack)

    assert fake.messages_to("UA") == []
    assert "<@UA>" in slack.coach("UMGR", "team").last_text  # the roster change stands
    assert naps.taken == []
    [failed] = replies_in_ledger(uow_factory, DeliveryStatus.FAILED)
    assert (failed.key.recipient_id, failed.error, failed.reason) == ("UA", "account_inactive", "Slack refused it")


def test_a_dm_still_failing_after_every_retry_is_recorded_failed(
    slack: Slack, fake: FakeSlack, naps: Naps, uow_factory: Any, workspace_ready: None
) -> None:
    fake.server_error_next("chat.postMessage", 503, times=6)

    add_alex(slack)

    assert fake.messages_to("UA") == []
    assert dm_attempts_to(fake, "UA") == 6
    assert naps.taken == [1.0, 2.0, 4.0, 8.0, 8.0]
    [failed] = replies_in_ledger(uow_factory, DeliveryStatus.FAILED)
    assert (failed.error, failed.reason, failed.attempts) == ("service_unavailable", "gave up after 6 attempts", 6)


def test_a_long_retry_after_fails_the_reply_instead_of_holding_the_listener(
    slack: Slack, fake: FakeSlack, naps: Naps, uow_factory: Any, workspace_ready: None
) -> None:
    fake.rate_limit_next("chat.postMessage", retry_after=45)

    add_alex(slack)

    assert naps.taken == []  # 45 s is past the 30 s a listener may wait
    [failed] = replies_in_ledger(uow_factory, DeliveryStatus.FAILED)
    assert (failed.error, failed.reason) == ("ratelimited", "gave up: Slack would take 45 s of waiting in all")


def test_the_same_reply_key_dms_once(
    svc: Services, fake: FakeSlack, uow_factory: Any, workspace_ready: None
) -> None:
    client, ws = RecordingSlackClient(fake), WorkspaceRef(TEAM)
    saved = message("Saved.", [section("Saved.")])

    first = send_dm(client, svc, ws, "UA", saved, key="V1:h1:saved")
    again = send_dm(client, svc, ws, "UA", saved, key="V1:h1:saved")
    other = send_dm(client, svc, ws, "UA", saved, key="V2:h1:saved")

    assert first is not None and again == first and other not in (None, first)
    assert len(fake.messages_to("UA")) == 2
    assert len(replies_in_ledger(uow_factory, DeliveryStatus.SENT)) == 2


def test_a_response_url_answered_429_then_503_is_retried_and_logged_without_its_token(
    slack: Slack, fake: FakeSlack, naps: Naps, caplog: pytest.LogCaptureFixture, workspace_ready: None
) -> None:
    fake.rate_limit_next(RESPONSE_URL, retry_after=1)
    fake.server_error_next(RESPONSE_URL, 503)
    request = slack.requests.slash_command("UMGR", "/coach", "team")

    with caplog.at_level(logging.INFO):
        assert slack.dispatch(request).status == 200
        assert request.response_token is not None
        fake.wait_for(lambda: len(fake.responses_for(request.response_token or "")) == 1)
        slack.finish_listeners()

    assert "do not coach anyone" in str(fake.responses_for(request.response_token))
    assert len(fake.calls_to(RESPONSE_URL)) == 3
    assert naps.taken == [1.0, 1.0]
    failures = [r.getMessage() for r in caplog.records if "response_url post failed" in r.getMessage()]
    assert failures == [
        "response_url post failed: http_429, retry after 1 s (attempt 1)",
        "response_url post failed: http_503 (attempt 2)",
    ]
    assert request.response_token not in caplog.text


def test_a_response_url_that_keeps_failing_is_logged_once_as_given_up(
    slack: Slack, fake: FakeSlack, caplog: pytest.LogCaptureFixture, workspace_ready: None
) -> None:
    fake.server_error_next(RESPONSE_URL, 500, times=6)
    request = slack.requests.slash_command("UMGR", "/coach", "team")

    with caplog.at_level(logging.WARNING):
        assert slack.dispatch(request).status == 200
        fake.wait_for(lambda: len(fake.calls_to(RESPONSE_URL)) == 6)
        slack.finish_listeners()

    given_up = [r.getMessage() for r in caplog.records if "gave up on a response_url post" in r.getMessage()]
    assert given_up == ["gave up on a response_url post: http_500 (gave up after 6 attempts)"]


def test_app_home_publish_waits_out_a_429_and_a_503(
    slack: Slack, fake: FakeSlack, naps: Naps, workspace_ready: None
) -> None:
    fake.rate_limit_next("views.publish", retry_after=2)
    fake.server_error_next("views.publish", 502)

    assert slack.dispatch(slack.requests.app_home_opened("UMGR")).status == 200
    fake.wait_for(lambda: fake.home_of("UMGR") is not None)

    assert "Add reps to my team" in home_text(fake.home_of("UMGR") or {"blocks": []})
    assert len(fake.calls_to("views.publish")) == 3
    assert naps.taken == [2.0, 1.0]
