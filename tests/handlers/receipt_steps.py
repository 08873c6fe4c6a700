"""Steps shared by the replay and slow-database tests: a team, a score form, a contract form, counts."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, text

from bot.fake_slack import SignedRequest
from handlers.edge import ids
from tests.handlers.conftest import Reply, Slack
from tests.handlers.contract_steps import contract_values
from tests.handlers.diagnosis_steps import DIMENSIONS, open_modal, score_values

GOOD_ROWS = [("discovery", "discovery_questions_asked", "8 per call"), ("closing", "next_step_defined", "yes")]
A_CALL = dict.fromkeys(DIMENSIONS, 4) | {"discovery_quality": 2}


def rows(engine: Engine, table: str) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def texts_to(slack: Slack, user_id: str, words: str) -> int:
    return sum(words in json.dumps(m, ensure_ascii=False) for m in slack.fake.messages_to(user_id))


def replay(slack: Slack, *requests: SignedRequest) -> list[Reply]:
    """Send the requests in turn; then the app finishes what they started and takes no more."""
    replies = [slack.dispatch(request) for request in requests]
    slack.finish_listeners()  # whatever the replays would do after their ack has been done
    return replies


def column(engine: Engine, sql: str) -> list[Any]:
    with engine.connect() as connection:
        return list(connection.execute(text(sql)).scalars())


def team(slack: Slack, *, cycle: bool = False) -> None:
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    if cycle:
        slack.coach("UMGR", "start <@UA|alex>")


def score_request(slack: Slack) -> SignedRequest:
    modal = open_modal(slack, "UMGR", "score <@UA|alex>")
    day = datetime.now(UTC).date() - timedelta(days=2)
    return slack.requests.view_submission("UMGR", ids.SCORE_CALL_VIEW, score_values("Acme discovery", day, A_CALL),
                                          private_metadata=modal["private_metadata"])


def score(slack: Slack) -> None:
    slack.dispatch(score_request(slack))
    slack.fake.wait_for(lambda: texts_to(slack, "UMGR", "Saved your scores") == 1)


def contract_request(slack: Slack) -> SignedRequest:
    slack.coach("UMGR", "focus <@UA|alex> discovery closing")
    modal = open_modal(slack, "UMGR", "contract <@UA|alex>")
    return slack.requests.view_submission("UMGR", ids.CONTRACT_VIEW, contract_values(GOOD_ROWS, "2.5"),
                                          private_metadata=modal["private_metadata"])
