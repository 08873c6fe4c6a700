"""Steps shared by the week-2 scenario tests: rate gaps, write the contract, click its buttons."""

from __future__ import annotations

from typing import Any

from bot.fake_slack.state_values import plain_text, static_select
from domain.services.prioritization import difficulty_field, impact_field
from handlers import ids
from handlers.blocks.contract import (
    MANAGER_COMMITMENTS,
    REP_COMMITMENTS,
    WEEKLY_HOURS,
    indicator_block,
    skill_block,
    target_block,
)
from handlers.blocks.inputs import VALUE
from tests.handlers.conftest import Reply, Slack


def rating_values(ratings: dict[str, tuple[int | None, int | None]]) -> dict[str, Any]:
    values = {}
    for competency, (impact, difficulty) in ratings.items():
        values[impact_field(competency)] = {VALUE: static_select(None if impact is None else str(impact))}
        values[difficulty_field(competency)] = {VALUE: static_select(None if difficulty is None else str(difficulty))}
    return values


def submit_view(slack: Slack, user_id: str, callback_id: str, modal: dict[str, Any], values: dict[str, Any]) -> Reply:
    request = slack.requests.view_submission(user_id, callback_id, values, private_metadata=modal["private_metadata"])
    return slack.dispatch(request)


def contract_values(rows: list[tuple[str | None, str | None, str | None]], hours: str | None,
                    rep_commits: str | None = "Score 3 calls a week", manager_commits: str | None = "Shadow Tuesdays"
                    ) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for n, (skill, indicator, target) in enumerate(rows):
        values[skill_block(n)] = {VALUE: static_select(skill)}
        values[indicator_block(n)] = {VALUE: static_select(indicator)}
        values[target_block(n)] = {VALUE: plain_text(target)}
    values[WEEKLY_HOURS] = {VALUE: {"type": "number_input", "value": hours}}
    values[REP_COMMITMENTS] = {VALUE: plain_text(rep_commits)}
    values[MANAGER_COMMITMENTS] = {VALUE: plain_text(manager_commits)}
    return values


def click(slack: Slack, user_id: str, action_id: str, value: str) -> list[dict[str, Any]]:
    """Click a button in a message; returns what reached its response_url."""
    request = slack.requests.block_actions(user_id, action_id, value=value)
    assert slack.dispatch(request).status == 200
    token = request.response_token
    assert token is not None
    slack.fake.wait_for(lambda: len(slack.fake.responses_for(token)) >= 1)
    return slack.fake.responses_for(token)


def sign(slack: Slack, user_id: str, rep_id: str, version: int) -> list[dict[str, Any]]:
    return click(slack, user_id, ids.SIGN_CONTRACT, f"{rep_id}:{version}")
