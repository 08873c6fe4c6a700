"""While the database is unreachable a submitted form says so inline and keeps what was typed; then it recovers.

The test stops a private PostgreSQL (tests/robustness/private_postgres.py)
mid-run with `pg_ctl stop -m immediate`, as a crash or a network partition
would, and starts it again: the app is the same object throughout, with the
connections it pooled before the outage.

1. A score is submitted and saved: the database works.
2. The database stops. The next form submitted answers `response_action:
   errors` with "Could not save just now — please try again." under a field:
   Slack keeps the modal open with everything typed. No DM says "saved".
3. The database starts again. Nothing of the failed try is there (no score, no
   receipt, no ledger row), and the same submission, sent again as the person
   would, saves once without anyone restarting anything.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine

from bot.fake_slack import FakeSlack, FakeSlackServer, SignedRequest, SlackRequests
from handlers.blocks.contract import skill_block
from handlers.blocks.diagnosis_modals import CALL_TITLE
from handlers.edge import ids
from storage import migrate
from storage.uow import make_engine, make_uow_factory
from tests.conftest import delete_all_rows
from tests.handlers.conftest import Slack, make_app
from tests.handlers.diagnosis_steps import open_modal, score_values
from tests.handlers.receipt_steps import A_CALL, column, contract_request, rows, team, texts_to
from tests.handlers.views.test_slow_database import _add_reps, _ratings, _self_assessment
from tests.robustness.private_postgres import PrivatePostgres

COULD_NOT_SAVE = "Could not save just now — please try again."


@pytest.fixture
def outage_engine(private_postgres: PrivatePostgres) -> Iterator[Engine]:
    engine = make_engine(private_postgres.url)
    migrate.upgrade(engine)
    delete_all_rows(engine)  # the cluster is the module's; each test starts from an empty database
    yield engine
    engine.dispose()


@pytest.fixture
def outage_slack(outage_engine: Engine, fake: FakeSlack, fake_server: FakeSlackServer,
                 slack_requests: SlackRequests) -> Iterator[Slack]:
    app = make_app(make_uow_factory(outage_engine), fake, fake_server)
    yield Slack(app, fake, slack_requests)
    app.listener_runner.listener_executor.shutdown(wait=True)


def _score_form(slack: Slack, title: str, day: str) -> SignedRequest:
    modal = open_modal(slack, "UMGR", "score <@UA|alex>")
    return slack.requests.view_submission("UMGR", ids.SCORE_CALL_VIEW, score_values(title, day, A_CALL),
                                          private_metadata=modal["private_metadata"])


def test_a_form_submitted_while_the_database_is_down_answers_inline_and_saves_once_when_it_returns(
    outage_slack: Slack, outage_engine: Engine, private_postgres: PrivatePostgres
) -> None:
    slack = outage_slack
    team(slack)
    first = slack.dispatch(_score_form(slack, "Acme discovery", "2026-11-02"))
    assert first.status == 200 and first.body == ""
    slack.fake.wait_for(lambda: texts_to(slack, "UMGR", "Saved your scores") == 1)
    during = _score_form(slack, "Globex demo", "2026-11-03")  # the modal opened before the outage
    slack.listeners.wait_idle()
    receipts_before = rows(outage_engine, "slack_receipts")
    deliveries_before = rows(outage_engine, "deliveries")

    private_postgres.stop("immediate")
    try:
        reply = slack.dispatch(during)
    finally:
        private_postgres.start()

    assert reply.status == 200, reply.body
    assert json.loads(reply.body) == {"response_action": "errors", "errors": {CALL_TITLE: COULD_NOT_SAVE}}
    slack.listeners.wait_idle()
    # Nothing half-done: no score, no receipt (the next try is not a replay), no DM queued or sent.
    assert column(outage_engine, "SELECT call_title FROM call_scores") == ["Acme discovery"]
    assert rows(outage_engine, "slack_receipts") == receipts_before
    assert rows(outage_engine, "deliveries") == deliveries_before
    assert texts_to(slack, "UMGR", "Saved your scores") == 1

    again = slack.dispatch(during)  # the person presses Submit again: the modal kept everything

    assert again.status == 200 and again.body == ""
    slack.fake.wait_for(lambda: texts_to(slack, "UMGR", "Saved your scores") == 2)
    slack.finish_listeners()
    assert sorted(column(outage_engine, "SELECT call_title FROM call_scores")) == ["Acme discovery", "Globex demo"]
    assert texts_to(slack, "UMGR", "Saved your scores") == 2
    assert texts_to(slack, "UA", "scored your call") == 2


def _contract(slack: Slack) -> tuple[SignedRequest, str, str]:
    team(slack, cycle=True)
    return contract_request(slack), skill_block(0), "contracts"


def _other_form(build: Callable[[Slack], tuple[SignedRequest, str]], table: str
                ) -> Callable[[Slack], tuple[SignedRequest, str, str]]:
    def form(slack: Slack) -> tuple[SignedRequest, str, str]:
        request, field = build(slack)
        return request, field, table
    return form


OTHER_FORMS = [
    pytest.param(_other_form(_self_assessment, "self_assessments"), id="self-assessment"),
    pytest.param(_other_form(_add_reps, "members WHERE manager_id IS NOT NULL"), id="add-reps"),
    pytest.param(_other_form(_ratings, "gap_ratings"), id="ratings"),
    pytest.param(_contract, id="contract"),
]


@pytest.mark.parametrize("form", OTHER_FORMS)
def test_other_forms_answer_inline_during_the_outage_and_save_once_after(
    outage_slack: Slack, outage_engine: Engine, private_postgres: PrivatePostgres,
    form: Callable[[Slack], tuple[SignedRequest, str, str]],
) -> None:
    request, field, table = form(outage_slack)
    outage_slack.listeners.wait_idle()
    before = rows(outage_engine, table)

    private_postgres.stop("immediate")
    try:
        reply = outage_slack.dispatch(request)
    finally:
        private_postgres.start()

    assert json.loads(reply.body) == {"response_action": "errors", "errors": {field: COULD_NOT_SAVE}}
    outage_slack.listeners.wait_idle()
    assert rows(outage_engine, table) == before
    assert outage_slack.dispatch(request).body == ""  # submitted again once the database is back
    outage_slack.finish_listeners()
    assert rows(outage_engine, table) > before
