"""Steps shared by the action-plan tests: a team, the plan modal filled in as Slack submits it, `/commit`."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from bot import conversation_values
from bot.conversation_values import PlannedAction
from handlers.edge import ids
from tests.handlers.conftest import Reply, Slack
from tests.handlers.diagnosis_steps import open_modal
from tests.handlers.homework_steps import errors_of, local_today, submit_view

Values = dict[str, dict[str, dict[str, Any]]]


Typed = PlannedAction  # one action block as the manager left it


def soon(days: int = 7, tz: str = "America/Los_Angeles") -> date:
    return local_today(tz) + timedelta(days=days)


def plan_values(*actions: Typed, post: bool = False) -> Values:
    return conversation_values.plan_values(actions, post=post)


def team(slack: Slack) -> None:
    """Maya coaches Alex (Los Angeles); Omar coaches Chen. Bea (Berlin) is in the workspace, unknown to Coachflow."""
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex>")
    slack.coach("UMGR2", "team add <@UC|chen>")


def open_plan(slack: Slack, manager: str = "UMGR", rep: str = "UA") -> dict[str, Any]:
    return open_modal(slack, manager, f"plan <@{rep}>")


def submit_plan(slack: Slack, modal: dict[str, Any], *actions: Typed, post: bool = False,
                user_id: str = "UMGR") -> Reply:
    return submit_view(slack, user_id, ids.PLAN_VIEW, modal, plan_values(*actions, post=post))


def plan_errors(slack: Slack, modal: dict[str, Any], *actions: Typed) -> dict[str, str]:
    return errors_of(submit_plan(slack, modal, *actions))


def commit(slack: Slack, user_id: str, text: str) -> tuple[Reply, Any]:
    """Run `/commit text`; (the reply with its ephemeral answers, the request)."""
    request = slack.requests.slash_command(user_id, ids.COMMIT_COMMAND, text)
    reply = slack.dispatch(request)
    assert reply.status == 200, reply.body
    return reply, request


def dms_with(slack: Slack, user_id: str, text: str) -> list[dict[str, Any]]:
    return [m for m in slack.fake.messages_to(user_id) if text in json.dumps(m)]
