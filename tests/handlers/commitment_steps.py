"""Steps shared by the action-plan tests: a team, the plan modal filled in as Slack submits it, `/commit`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from bot.fake_slack import datepicker, plain_text, static_select
from bot.fake_slack.state_values import users_select
from domain.coaching.commitments import ACTION, CONFIDENCE_FIELD, DEADLINE, EVIDENCE, OWNER, SUPPORT, field_key
from handlers.blocks.commitment_modals import POST
from handlers.blocks.inputs import VALUE
from handlers.edge import ids
from tests.handlers.conftest import Reply, Slack
from tests.handlers.diagnosis_steps import open_modal
from tests.handlers.homework_steps import errors_of, local_today, submit_view

Values = dict[str, dict[str, dict[str, Any]]]


@dataclass(frozen=True)
class Typed:
    """One action block as the manager left it."""

    action: str | None
    deadline: date | str | None
    owner: str | None = None
    evidence: str | None = None
    confidence: int | None = None
    support: str | None = None


def soon(days: int = 7, tz: str = "America/Los_Angeles") -> date:
    return local_today(tz) + timedelta(days=days)


def plan_values(*actions: Typed, post: bool = False) -> Values:
    values: Values = {}
    for n, typed in enumerate(actions, start=1):
        values[field_key(ACTION, n)] = {VALUE: plain_text(typed.action)}
        values[field_key(OWNER, n)] = {VALUE: users_select(typed.owner)}
        values[field_key(DEADLINE, n)] = {VALUE: datepicker(typed.deadline)}
        values[field_key(EVIDENCE, n)] = {VALUE: plain_text(typed.evidence)}
        values[field_key(CONFIDENCE_FIELD, n)] = {VALUE: static_select(
            None if typed.confidence is None else str(typed.confidence))}
        values[field_key(SUPPORT, n)] = {VALUE: plain_text(typed.support)}
    values[POST] = {VALUE: {"type": "checkboxes", "selected_options": [{"value": POST}] if post else []}}
    return values


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
