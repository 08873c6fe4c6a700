"""When the database cannot answer in Slack's 3 seconds: an honest inline error, and no late save.

Reproduces the issue: a SQLite file another connection holds (BEGIN
IMMEDIATE), and on PostgreSQL a table lock and a row lock held by another
connection. The person is told inline "Could not save just now" with
everything they typed still in the modal, nothing is saved after that
answer, and their next submit of the same form saves once.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import text

from bot.fake_slack import FakeSlack, FakeSlackServer, SignedRequest, SlackRequests
from bot.modal_values import rating_values
from domain.services.prioritization import impact_field
from handlers.blocks.contract import skill_block
from handlers.blocks.diagnosis_modals import CALL_TITLE, question_block
from handlers.edge import ids
from tests.conftest import TestDatabase
from tests.handlers.conftest import Slack, make_app
from tests.handlers.contract_steps import contract_values
from tests.handlers.diagnosis_steps import CATALOG, assessment_values, open_modal
from tests.handlers.receipt_steps import GOOD_ROWS, column, contract_request, score, score_request, team, texts_to

COULD_NOT_SAVE = "Could not save just now — please try again."


@contextmanager
def held(database: TestDatabase, postgres_lock: str) -> Iterator[None]:
    """Another connection holds the database: the whole SQLite file, or `postgres_lock` on PostgreSQL."""
    if database.backend == "sqlite":
        holder = sqlite3.connect(database.engine.url.database or "", isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        return
    with database.engine.connect() as connection:
        connection.execute(text(postgres_lock))
        try:
            yield
        finally:
            connection.rollback()


def test_a_score_submitted_while_the_database_is_held_says_so_inline_and_is_not_saved_later(
    slack: Slack, database: TestDatabase
) -> None:
    team(slack)
    request = score_request(slack)
    with held(database, "LOCK TABLE call_scores IN EXCLUSIVE MODE"):
        started = time.monotonic()
        reply = slack.dispatch(request)
        answered_in = time.monotonic() - started
    # The database is free again: a save still pending would commit now.

    assert reply.status == 200 and answered_in < 3.0  # within Slack's 3 s, with the default deadline
    body = json.loads(reply.body)
    assert body["response_action"] == "errors" and body["errors"][CALL_TITLE] == COULD_NOT_SAVE

    again = slack.dispatch(request)  # the person submits the same form again
    assert again.body == ""
    slack.fake.wait_for(lambda: texts_to(slack, "UMGR", "Saved your scores") >= 1)
    slack.finish_listeners()
    assert column(database.engine, "SELECT call_title FROM call_scores") == ["Acme discovery"]
    assert texts_to(slack, "UMGR", "Saved your scores") == 1
    assert texts_to(slack, "UA", "scored your call") == 1


def test_a_contract_change_while_its_row_is_locked_says_so_inline_and_is_not_saved_later(
    slack: Slack, database: TestDatabase
) -> None:
    team(slack, cycle=True)
    slack.dispatch(contract_request(slack))
    slack.fake.wait_for(lambda: texts_to(slack, "UA", "wrote your coaching contract") == 1)
    modal = open_modal(slack, "UMGR", "contract <@UA|alex>")
    change = slack.requests.view_submission("UMGR", ids.CONTRACT_VIEW, contract_values(GOOD_ROWS, "3"),
                                            private_metadata=modal["private_metadata"])

    with held(database, "SELECT id FROM contracts FOR UPDATE"):  # a signature being written, say
        reply = slack.dispatch(change)
    slack.finish_listeners()

    assert json.loads(reply.body)["errors"] == {skill_block(0): COULD_NOT_SAVE}
    assert column(database.engine, "SELECT version FROM contracts") == [1]
    assert texts_to(slack, "UA", "changed your coaching contract") == 0


@pytest.fixture
def hasty(uow_factory: Any, fake: FakeSlack, fake_server: FakeSlackServer,
          slack_requests: SlackRequests) -> Iterator[Slack]:
    """The app with the shortest save deadline, so these tests wait half a second, not two."""
    app = make_app(uow_factory, fake, fake_server, COACHFLOW_SAVE_DEADLINE_SECONDS="0.5")
    yield Slack(app, fake, slack_requests)
    app.listener_runner.listener_executor.shutdown(wait=True)


def _self_assessment(slack: Slack) -> tuple[SignedRequest, str]:
    slack.coach("UA", "help", replies=2)
    first = CATALOG.questions()[0].question.id
    return (slack.requests.view_submission("UA", ids.SELF_ASSESSMENT_VIEW, assessment_values(4, 3)),
            question_block(first, "confidence"))


def _add_reps(slack: Slack) -> tuple[SignedRequest, str]:
    values = {ids.ADD_REPS_BLOCK: {ids.ADD_REPS_INPUT: slack.requests.multi_users(["UA"])}}
    return slack.requests.view_submission("UMGR", ids.ADD_REPS_VIEW, values), ids.ADD_REPS_BLOCK


def _ratings(slack: Slack) -> tuple[SignedRequest, str]:
    team(slack, cycle=True)
    score(slack)
    modal = open_modal(slack, "UMGR", "prioritize <@UA|alex>")
    return (slack.requests.view_submission("UMGR", ids.PRIORITIZE_VIEW, rating_values({"discovery": (5, 2)}),
                                           private_metadata=modal["private_metadata"]), impact_field("discovery"))


@pytest.mark.parametrize(("form", "postgres_lock", "stored"), [
    pytest.param(_self_assessment, "LOCK TABLE self_assessments IN EXCLUSIVE MODE", "self_assessments",
                 id="self-assessment"),
    # Its checks read the team before the modal may close; only ACCESS EXCLUSIVE blocks reads.
    pytest.param(_add_reps, "LOCK TABLE members IN ACCESS EXCLUSIVE MODE", "members WHERE manager_id IS NOT NULL",
                 id="add-reps"),
    pytest.param(_ratings, "LOCK TABLE gap_ratings IN EXCLUSIVE MODE", "gap_ratings", id="ratings"),
])
def test_every_form_says_could_not_save_inline_and_saves_nothing_later(
    hasty: Slack, database: TestDatabase, form: Callable[[Slack], tuple[SignedRequest, str]],
    postgres_lock: str, stored: str,
) -> None:
    request, field = form(hasty)
    before = column(database.engine, f"SELECT count(*) FROM {stored}")
    dms = {user: len(hasty.fake.messages_to(user)) for user in ("UA", "UMGR")}
    with held(database, postgres_lock):
        reply = hasty.dispatch(request)
    hasty.finish_listeners()  # the lock is gone: anything still pending would be saved and sent by now

    assert json.loads(reply.body) == {"response_action": "errors", "errors": {field: COULD_NOT_SAVE}}
    assert column(database.engine, f"SELECT count(*) FROM {stored}") == before
    assert {user: len(hasty.fake.messages_to(user)) for user in dms} == dms  # no "saved", no "added"
