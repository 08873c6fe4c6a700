"""Steps of the `/scorecard` tests: a team with Alex in a cycle and words of his and Maya's on record this week.

Maya (UMGR) coaches Alex (UA, cycle in week 4, Los Angeles) and Bea (UB, no
cycle); Omar (UMGR2) coaches Chen (UC); Ada (UADMIN) is the admin. Alex
debriefed a call today (his words carry `ALEX_WORDS`) and Maya shadowed one
(her feedback carries `MAYA_WORDS`), both dated in Alex's own week.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from domain.ports import UnitOfWorkFactory
from handlers.edge import ids
from tests.handlers.conftest import Reply, Slack
from tests.handlers.debrief_steps import debrief_command, submit, team_in_develop, today, values, wait_for_copy
from tests.handlers.shadow_steps import open_shadow, shadow_values, submit_shadow

ALEX_WORDS = "Nimbus-41 asked about budget early"
MAYA_WORDS = "Nimbus-77 pause after each question"


def alex_this_week(slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team_in_develop(slack, uow_factory)
    answers = (ALEX_WORDS, "Let them talk longer", "Quantify the pain")
    assert submit(slack, "UA", debrief_command(slack, "UA"), values("Acme", on=today(), answers=answers)).body == ""
    wait_for_copy(slack, "UA")
    modal = open_shadow(slack, "UMGR", "<@UA|alex>")
    assert submit_shadow(slack, "UMGR", modal, shadow_values(on=today(), account="Globex", feedback=MAYA_WORDS)
                         ).body == ""
    slack.listeners.wait_idle()


def scorecard(slack: Slack, user_id: str, text: str = "", replies: int = 1) -> Reply:
    """Run `/scorecard text` as `user_id` and wait for `replies` answers at its response_url."""
    request = slack.requests.slash_command(user_id, ids.SCORECARD_COMMAND, text)
    reply = slack.dispatch(request)
    assert reply.status == 200, reply.body
    token = request.response_token
    assert token is not None
    slack.fake.wait_for(lambda: len(slack.fake.responses_for(token)) >= replies)
    reply.responses = slack.fake.responses_for(token)
    return reply


def elements(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for b in message.get("blocks", []) if b.get("type") == "actions" for e in b["elements"]]


def week_label(day: date) -> str:
    year, number, _ = day.isocalendar()
    return f"{year}-W{number:02d}"


def shown(message: dict[str, Any] | list[dict[str, Any]]) -> str:
    return json.dumps(message, ensure_ascii=False)
