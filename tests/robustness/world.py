"""One app on a seeded database for a whole fuzzing module, and what "answered clearly" means.

Seeding once (an admin, a manager with two reps, a cycle, a score and a
contract) lets random payloads reach the deep paths, not only "who are you?".
Examples share the app and the database, as requests share a deployment.

`ErrorCapture` holds what reached Bolt's error handler (`coachflow.errors`)
and anything Bolt itself logged as an error: both mean an exception nobody
turned into a message.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from bot.fake_slack import FakeSlack, FakeSlackServer, SignedRequest, SlackRequests
from handlers.edge.errors import APOLOGY
from storage.uow import make_uow_factory
from tests.conftest import TestDatabase, delete_all_rows
from tests.handlers.conftest import PEOPLE, SECRET, TEAM, Reply, Slack, make_app
from tests.handlers.receipt_steps import contract_request, score, team, texts_to

WATCHED = ("coachflow.errors", "slack_bolt")


class ErrorCapture(logging.Handler):
    """Records every ERROR (and worse) logged by Bolt or by our error handler."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def take(self) -> list[str]:
        taken = [f"{r.name}: {r.getMessage()} {r.exc_info[1]!r}" if r.exc_info else f"{r.name}: {r.getMessage()}"
                 for r in self.records]
        self.records.clear()
        return taken


@dataclass
class World:
    slack: Slack
    errors: ErrorCapture

    @property
    def fake(self) -> FakeSlack:
        return self.slack.fake

    def send(self, request: SignedRequest) -> Reply:
        """Dispatch and wait until every listener it started has returned."""
        self.errors.take()
        reply = self.slack.dispatch(request)
        self.slack.listeners.wait_idle()
        return reply

    def assert_no_unhandled_error(self, reply: Reply) -> None:
        assert self.errors.take() == []
        assert reply.status == 200, (reply.status, reply.body[:500])

    def answers_at(self, request: SignedRequest) -> list[dict[str, Any]]:
        answers = self.fake.responses_for(request.response_token) if request.response_token else []
        assert not any(APOLOGY in json.dumps(a, ensure_ascii=False) for a in answers), answers
        return answers

    def modal_opened_by(self, request: SignedRequest) -> bool:
        trigger = request.payload.get("trigger_id")
        return isinstance(trigger, str) and self.fake.view_opened_by(trigger) is not None


def new_fake() -> FakeSlack:
    fake = FakeSlack(team_id=TEAM)
    for user_id, (name, tz) in PEOPLE.items():
        fake.add_user(user_id, name, tz)
    fake.add_user("UHELPER", "Standup Helper", "UTC", is_bot=True)
    fake.add_user("UGONE", "Gone Person", "UTC", deleted=True)
    return fake


def seed(slack: Slack) -> None:
    team(slack, cycle=True)
    score(slack)
    slack.dispatch(contract_request(slack))
    slack.fake.wait_for(lambda: texts_to(slack, "UA", "wrote your coaching contract") == 1)
    slack.listeners.wait_idle()


@contextmanager
def seeded_world(database: TestDatabase) -> Iterator[World]:
    delete_all_rows(database.engine)
    fake = new_fake()
    capture = ErrorCapture()
    loggers = [logging.getLogger(name) for name in WATCHED]
    with FakeSlackServer(fake) as server:
        app = make_app(make_uow_factory(database.engine), fake, server)
        slack = Slack(app, fake, SlackRequests(SECRET, team_id=TEAM, response_url_base=server.response_url_base))
        try:
            seed(slack)
            for logger in loggers:
                logger.addHandler(capture)
            yield World(slack, capture)
        finally:
            for logger in loggers:
                logger.removeHandler(capture)
            app.listener_runner.listener_executor.shutdown(wait=True)
    delete_all_rows(database.engine)
