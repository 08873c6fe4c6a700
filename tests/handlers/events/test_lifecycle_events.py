"""Uninstalled, bot token revoked, an account deactivated: Slack's signed events through `app.dispatch`.

Each test sets up a coached team (so people have schedules), queues a
message in the ledger, sends the event as Slack would and reads the
database: what is planned, what was skipped and why, which tokens went.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from slack_bolt import App

from bot.app import build_services, create_app
from bot.config import load_settings
from bot.fake_slack import FakeSlack, FakeSlackServer, RecordingSlackClient, SlackRequests
from domain.delivery import Delivery, DeliveryKey, DeliveryStatus
from domain.model import WorkspaceRef
from domain.ports import UnitOfWorkFactory
from domain.services.scheduling import UNINSTALLED_REASON
from domain.services.workspace_lifecycle import DEACTIVATED_REASON
from handlers.edge.services import Services
from tests.handlers.conftest import SECRET, TEAM, Slack

WS = WorkspaceRef(TEAM)
SOON = datetime.now(UTC) + timedelta(hours=1)


class RecordingTokens:
    """`InstalledTokens` that writes down what it was asked to remove."""

    def __init__(self) -> None:
        self.removed: list[tuple[str | None, str | None]] = []

    def remove(self, team_id: str | None, enterprise_id: str | None) -> None:
        self.removed.append((team_id, enterprise_id))


@pytest.fixture
def tokens() -> RecordingTokens:
    return RecordingTokens()


@pytest.fixture
def svc(uow_factory: UnitOfWorkFactory, fake_server: FakeSlackServer, fake: FakeSlack,
        tokens: RecordingTokens) -> Services:
    settings = load_settings(None, SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET=SECRET,
                             SLACK_API_URL=fake_server.base_url)
    return build_services(uow_factory, settings, installed_tokens=tokens)


@pytest.fixture
def app(svc: Services, fake: FakeSlack, fake_server: FakeSlackServer) -> Iterator[App]:
    settings = load_settings(None, SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET=SECRET,
                             SLACK_API_URL=fake_server.base_url)
    app = create_app(settings, svc, client=RecordingSlackClient(fake))
    yield app
    app.listener_runner.listener_executor.shutdown(wait=True)


def _team(slack: Slack) -> None:
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    slack.listeners.wait_idle()


def _queue(uow_factory: UnitOfWorkFactory, recipient: str, kind: str = "challenge_nudge") -> DeliveryKey:
    key = DeliveryKey(TEAM, recipient, kind, "2099-01-01")
    with uow_factory() as uow:
        uow.deliveries.add_if_absent(Delivery(key, DeliveryStatus.PENDING, due_at=SOON, stale_at=SOON + timedelta(1)))
        uow.commit()
    return key


def _scheduled(uow_factory: UnitOfWorkFactory, *people: str) -> dict[str, int]:
    with uow_factory(read_only=True) as uow:
        return {p: len(uow.schedules.for_member(WS, p)) for p in people}


def _row(uow_factory: UnitOfWorkFactory, key: DeliveryKey) -> Delivery:
    with uow_factory(read_only=True) as uow:
        found = uow.deliveries.get(key)
    assert found is not None
    return found


def _uninstalled_at(uow_factory: UnitOfWorkFactory) -> datetime | None:
    with uow_factory(read_only=True) as uow:
        workspace = uow.workspaces.get(WS)
    assert workspace is not None
    return workspace.uninstalled_at


def _send(slack: Slack, event: dict[str, Any], requests: SlackRequests | None = None) -> Any:
    request = (requests or slack.requests).event(event)
    assert slack.dispatch(request).status == 200
    slack.listeners.wait_idle()
    return request


def test_app_uninstalled_stops_every_scheduled_message_and_removes_the_tokens(
    slack: Slack, svc: Services, uow_factory: UnitOfWorkFactory, tokens: RecordingTokens,
) -> None:
    _team(slack)
    assert all(_scheduled(uow_factory, "UMGR", "UA", "UB").values())
    queued = _queue(uow_factory, "UA")

    _send(slack, {"type": "app_uninstalled"})

    assert _uninstalled_at(uow_factory) is not None
    assert _scheduled(uow_factory, "UMGR", "UA", "UB") == {"UMGR": 0, "UA": 0, "UB": 0}
    row = _row(uow_factory, queued)
    assert row.status is DeliveryStatus.SKIPPED and row.reason == UNINSTALLED_REASON
    assert tokens.removed == [(TEAM, None)]
    # The dispatcher has nothing left to plan or send there, a week on.
    report = svc.schedules.plan(datetime.now(UTC) + timedelta(days=7))
    assert (report.queued, report.checked) == (0, 0)


def test_slacks_retry_of_the_uninstall_after_a_reinstall_changes_nothing(
    slack: Slack, svc: Services, uow_factory: UnitOfWorkFactory, tokens: RecordingTokens,
) -> None:
    _team(slack)
    first = _send(slack, {"type": "app_uninstalled"})
    svc.lifecycle.installed(TEAM, None, "Acme", datetime.now(UTC))
    assert _uninstalled_at(uow_factory) is None

    assert slack.dispatch(slack.requests.retried(first)).status == 200
    slack.listeners.wait_idle()

    assert _uninstalled_at(uow_factory) is None
    assert all(_scheduled(uow_factory, "UMGR", "UA", "UB").values())
    assert tokens.removed == [(TEAM, None)]  # the new installation's tokens stay


def test_a_reinstall_resumes_scheduling(slack: Slack, svc: Services, uow_factory: UnitOfWorkFactory) -> None:
    _team(slack)
    before = _scheduled(uow_factory, "UMGR", "UA", "UB")
    _send(slack, {"type": "app_uninstalled"})
    now = datetime.now(UTC)

    svc.lifecycle.installed(TEAM, None, "Acme", now)

    assert _scheduled(uow_factory, "UMGR", "UA", "UB") == before
    assert svc.schedules.plan(now + timedelta(days=7)).queued > 0


def test_the_bot_token_revoked_is_an_uninstall_user_tokens_alone_are_not(
    slack: Slack, uow_factory: UnitOfWorkFactory, tokens: RecordingTokens,
) -> None:
    _team(slack)
    _send(slack, {"type": "tokens_revoked", "tokens": {"oauth": ["UMGR"]}})
    assert _uninstalled_at(uow_factory) is None and tokens.removed == []
    _send(slack, {"type": "tokens_revoked", "tokens": {"oauth": ["UMGR"], "bot": ["UBOT"]}})

    assert _uninstalled_at(uow_factory) is not None
    assert _scheduled(uow_factory, "UA") == {"UA": 0}
    assert tokens.removed == [(TEAM, None)]


def test_a_workspace_on_enterprise_grid_is_named_with_its_organisation(
    slack: Slack, fake_server: FakeSlackServer, uow_factory: UnitOfWorkFactory, tokens: RecordingTokens,
) -> None:
    _team(slack)
    grid = SlackRequests(SECRET, team_id=TEAM, enterprise_id="E1", response_url_base=fake_server.response_url_base)

    _send(slack, {"type": "app_uninstalled"}, grid)

    assert _uninstalled_at(uow_factory) is not None
    assert tokens.removed == [(TEAM, "E1")]


def test_a_deactivated_account_gets_nothing_more_and_reactivated_gets_it_back(
    slack: Slack, uow_factory: UnitOfWorkFactory,
) -> None:
    _team(slack)
    before = _scheduled(uow_factory, "UA", "UB")
    to_alex, to_bea = _queue(uow_factory, "UA"), _queue(uow_factory, "UB")

    deactivated = _send(slack, {"type": "user_change", "user": {"id": "UA", "team_id": TEAM, "deleted": True}})

    assert _scheduled(uow_factory, "UA", "UB") == {"UA": 0, "UB": before["UB"]}
    alex = _row(uow_factory, to_alex)
    assert alex.status is DeliveryStatus.SKIPPED and alex.reason == DEACTIVATED_REASON
    assert _row(uow_factory, to_bea).status is DeliveryStatus.PENDING

    _send(slack, {"type": "user_change", "user": {"id": "UA", "team_id": TEAM, "deleted": False}})
    assert _scheduled(uow_factory, "UA") == {"UA": before["UA"]}

    # Slack's late retry of the deactivation is stored once: Alex stays active.
    assert slack.dispatch(slack.requests.retried(deactivated)).status == 200
    slack.listeners.wait_idle()
    assert _scheduled(uow_factory, "UA") == {"UA": before["UA"]}


def test_a_profile_edit_of_someone_coachflow_does_not_know_writes_nothing(
    slack: Slack, uow_factory: UnitOfWorkFactory, tokens: RecordingTokens, caplog: pytest.LogCaptureFixture,
) -> None:
    _team(slack)
    caplog.set_level(logging.ERROR, logger="coachflow.errors")
    _send(slack, {"type": "user_change", "user": {"id": "UC", "team_id": TEAM, "deleted": True}})
    _send(slack, {"type": "user_change", "user": {"id": "UA", "team_id": TEAM, "deleted": False}})
    _send(slack, {"type": "user_change", "user": "not an object"})
    _send(slack, {"type": "tokens_revoked", "tokens": "not an object"})

    assert [r for r in caplog.records if r.name == "coachflow.errors"] == []
    assert _uninstalled_at(uow_factory) is None and tokens.removed == []

    with uow_factory(read_only=True) as uow:
        assert uow.members.get(WS, "UC") is None
        alex = uow.members.get(WS, "UA")
    assert alex is not None and not alex.deactivated


def test_an_uninstall_that_is_a_processs_first_request_is_handled_though_auth_test_is_refused(
    svc: Services, fake: FakeSlack, fake_server: FakeSlackServer, uow_factory: UnitOfWorkFactory,
    tokens: RecordingTokens,
) -> None:
    from domain.model import Member, Workspace

    with uow_factory() as uow:
        uow.workspaces.add(Workspace(WS))
        uow.members.add(Member(WS, "UA", "Alex", "UTC"))
        uow.commit()
    queued = _queue(uow_factory, "UA")
    # A process that started before the uninstall and has not answered a request yet: its guard asks
    # `auth.test` at the first request, and by then the uninstall has revoked the token.
    settings = load_settings(None, SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET=SECRET,
                             SLACK_API_URL=fake_server.base_url)
    fresh = create_app(settings, svc, client=RecordingSlackClient(fake))
    slack = Slack(fresh, fake, SlackRequests(SECRET, team_id=TEAM, response_url_base=fake_server.response_url_base))
    fake.bot_token = "xoxb-not-the-revoked-one"  # Slack refuses the old token from now on
    try:
        _send(slack, {"type": "app_uninstalled"})
    finally:
        fresh.listener_runner.listener_executor.shutdown(wait=True)

    assert _uninstalled_at(uow_factory) is not None
    assert _row(uow_factory, queued).status is DeliveryStatus.SKIPPED
    assert tokens.removed == [(TEAM, None)]
