"""Slack's retries (`X-Slack-Retry-Num`, `X-Slack-Retry-Reason`, the same payload) never make a second record.

Slack sends an event again when the first delivery was not acknowledged in
3 seconds or failed (`http_timeout`, `http_error`, `connection_failed`, ...),
up to three times, with the same body and the same `event_id`. A proxy or a
load balancer can do the same to a click or a submission. Each request here
is delivered once and handled, then delivered again with the retry headers,
signed anew as Slack does, through `app.dispatch`; afterwards every table
holds the rows it held after the first delivery, nobody got another DM, and
the click's response_url got no second answer.

Every event kind the app registers must be in `EVENTS`
(`test_every_registered_event_kind_is_retried_here` fails otherwise); the
forms and buttons are a representative set (three forms, three buttons), the full replay table is
tests/handlers/views/test_replays.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from slack_bolt import App
from sqlalchemy import Engine

from bot.app import build_services, create_app
from bot.config import load_settings
from bot.fake_slack import FakeSlack, FakeSlackServer, RecordingSlackClient, SignedRequest, SlackRequests
from domain.ports import UnitOfWorkFactory
from handlers import events
from handlers.edge import ids
from storage.orm import Base
from tests.handlers.conftest import PEOPLE, SECRET, Slack
from tests.handlers.events.test_file_shared import GOOD
from tests.handlers.receipt_steps import column, contract_request, rows, score_request, team, texts_to
from tests.handlers.views.test_slow_database import _add_reps

# Slack's documented X-Slack-Retry-Reason values, one per retry (Slack retries three times at most).
RETRIES = [(1, "http_timeout"), (2, "http_error"), (3, "connection_failed")]


@pytest.fixture
def app(uow_factory: UnitOfWorkFactory, fake: FakeSlack, fake_server: FakeSlackServer) -> Iterator[App]:
    """The handler tests' app, its Web API at the fake server's address (shared files are downloaded there)."""
    settings = load_settings(None, SLACK_BOT_TOKEN=fake.bot_token, SLACK_SIGNING_SECRET=SECRET,
                             SLACK_API_URL=fake_server.base_url)
    app = create_app(settings, build_services(uow_factory, settings),
                     client=RecordingSlackClient(fake, base_url=fake_server.base_url))
    yield app
    app.listener_runner.listener_executor.shutdown(wait=True)


@pytest.fixture
def slack(app: App, fake: FakeSlack, slack_requests: SlackRequests) -> Slack:
    return Slack(app, fake, slack_requests)


def _records(slack: Slack, engine: Engine, request: SignedRequest) -> dict[str, int]:
    """Everything a retry could add: rows of every table, DMs to everyone, answers at this request's response_url."""
    counts = {table.name: rows(engine, table.name) for table in Base.metadata.sorted_tables}
    counts |= {f"messages to {user}": len(slack.fake.messages_to(user)) for user in PEOPLE}
    if request.response_token is not None:
        counts["answers at the response_url"] = len(slack.fake.responses_for(request.response_token))
    return counts


def retried_changes_nothing(slack: Slack, engine: Engine, request: SignedRequest,
                            handled: Callable[[], bool]) -> None:
    """Deliver `request`, wait until `handled()`, then Slack's three retries: no new record of any kind."""
    first = slack.dispatch(request)
    assert first.status == 200, first.body
    slack.fake.wait_for(handled)
    slack.listeners.wait_idle()
    after_first = _records(slack, engine, request)

    for attempt, reason in RETRIES:
        retry = slack.dispatch(slack.requests.retried(request, attempt, reason))
        assert retry.status == 200, retry.body
        assert "response_action" not in retry.json  # a retried form closes quietly: it was saved
    slack.finish_listeners()

    assert _records(slack, engine, request) == after_first


# -- every event kind ---------------------------------------------------------------------------


def _home_opened(slack: Slack, engine: Engine) -> tuple[SignedRequest, Callable[[], bool]]:
    team(slack)
    slack.listeners.wait_idle()
    published = len(slack.fake.calls_to("views.publish"))
    return slack.requests.app_home_opened("UA"), lambda: len(slack.fake.calls_to("views.publish")) > published


def _file_shared(slack: Slack, engine: Engine) -> tuple[SignedRequest, Callable[[], bool]]:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    slack.coach("UMGR2", "team add <@UC|chen>")
    file_id = slack.fake.share_file("UADMIN", "deals.csv", GOOD, None)
    return (slack.requests.file_shared("UADMIN", file_id),
            lambda: texts_to(slack, "UADMIN", "Imported 3 opportunities") == 1)


def _app_uninstalled(slack: Slack, engine: Engine) -> tuple[SignedRequest, Callable[[], bool]]:
    team(slack)
    return (slack.requests.event({"type": "app_uninstalled"}),
            lambda: column(engine, "SELECT uninstalled_at IS NOT NULL FROM workspaces") == [True])


def _tokens_revoked(slack: Slack, engine: Engine) -> tuple[SignedRequest, Callable[[], bool]]:
    team(slack)
    return (slack.requests.event({"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["UBOT"]}}),
            lambda: column(engine, "SELECT uninstalled_at IS NOT NULL FROM workspaces") == [True])


def _user_change(slack: Slack, engine: Engine) -> tuple[SignedRequest, Callable[[], bool]]:
    team(slack)
    return (slack.requests.event({"type": "user_change", "user": {"id": "UA", "deleted": True, "team_id": "T1"}}),
            lambda: column(engine, "SELECT deactivated FROM members WHERE user_id = 'UA'") == [True])


EVENTS: dict[str, Callable[[Slack, Engine], tuple[SignedRequest, Callable[[], bool]]]] = {
    ids.APP_HOME_OPENED: _home_opened,
    ids.FILE_SHARED: _file_shared,
    ids.APP_UNINSTALLED: _app_uninstalled,
    ids.TOKENS_REVOKED: _tokens_revoked,
    ids.USER_CHANGE: _user_change,
}


@pytest.mark.parametrize("kind", sorted(EVENTS))
def test_each_event_kind_retried_by_slack_makes_no_second_record(slack: Slack, engine: Engine, kind: str) -> None:
    request, handled = EVENTS[kind](slack, engine)
    retried_changes_nothing(slack, engine, request, handled)


class _EventKinds:
    """Stands in for the Bolt app to see which events the handlers register."""

    def __init__(self) -> None:
        self.kinds: set[str] = set()

    def event(self, kind: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        self.kinds.add(kind)
        return lambda listener: listener


def test_every_registered_event_kind_is_retried_here() -> None:
    registered = _EventKinds()
    events.register(registered)  # type: ignore[arg-type]
    missing = registered.kinds - set(EVENTS)
    assert not missing, (f"{sorted(missing)}: add a scenario to EVENTS in {__name__} (the event, and how to "
                         "see that its first delivery was handled)")


# -- a representative set of forms and buttons -------------------------------------------------


def _score_form(slack: Slack, engine: Engine) -> tuple[SignedRequest, Callable[[], bool]]:
    team(slack)
    return score_request(slack), lambda: texts_to(slack, "UMGR", "Saved your scores") == 1


def _contract_form(slack: Slack, engine: Engine) -> tuple[SignedRequest, Callable[[], bool]]:
    team(slack, cycle=True)
    return contract_request(slack), lambda: texts_to(slack, "UA", "wrote your coaching contract") == 1


def _add_reps_form(slack: Slack, engine: Engine) -> tuple[SignedRequest, Callable[[], bool]]:
    request, _ = _add_reps(slack)
    return request, lambda: column(engine, "SELECT manager_id FROM members WHERE user_id = 'UA'") == ["UMGR"]


def _in_dm(user_id: str) -> dict[str, Any]:
    return {"type": "message", "message_ts": "1764547200.000100", "channel_id": f"D{user_id}", "is_ephemeral": False}


def _sign_click(slack: Slack, engine: Engine) -> tuple[SignedRequest, Callable[[], bool]]:
    team(slack, cycle=True)
    slack.dispatch(contract_request(slack))
    slack.fake.wait_for(lambda: texts_to(slack, "UA", "wrote your coaching contract") == 1)
    click = slack.requests.block_actions("UA", ids.SIGN_CONTRACT, value="UA:1", container=_in_dm("UA"))
    return click, lambda: texts_to(slack, "UMGR", "<@UA> signed the coaching contract") == 1


def _lesson_click(slack: Slack, engine: Engine) -> tuple[SignedRequest, Callable[[], bool]]:
    team(slack, cycle=True)
    slack.coach("UMGR", "focus <@UA|alex> discovery closing")
    [cycle_id] = column(engine, "SELECT id FROM cycles")
    click = slack.requests.block_actions("UA", ids.LESSON_DONE, value=f"{cycle_id}:pain_framework",
                                         container=_in_dm("UA"))
    return click, lambda: column(engine, "SELECT status FROM lesson_progress") == ["done"]


def _remove_click(slack: Slack, engine: Engine) -> tuple[SignedRequest, Callable[[], bool]]:
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>", replies=2)
    home = slack.open_home("UMGR")
    click = slack.requests.block_actions("UMGR", ids.REMOVE_REP, value="UA", view=home)
    return click, lambda: column(engine, "SELECT manager_id FROM members WHERE user_id = 'UA'") == [None]


INTERACTIONS = {
    "score form": _score_form,
    "contract form": _contract_form,
    "add-reps form": _add_reps_form,
    "Sign button": _sign_click,
    "lesson Done button": _lesson_click,
    "App Home Remove button": _remove_click,
}


@pytest.mark.parametrize("name", INTERACTIONS)
def test_forms_and_clicks_delivered_again_with_retry_headers_make_no_second_record(
    slack: Slack, engine: Engine, name: str
) -> None:
    request, handled = INTERACTIONS[name](slack, engine)
    retried_changes_nothing(slack, engine, request, handled)
