"""Steps shared by the week-2 scenario tests: rate gaps, write the contract, click its buttons."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot import modal_values
from bot.modal_values import Values
from handlers.edge import ids
from tests.handlers.conftest import Reply, Slack


def submit_view(slack: Slack, user_id: str, callback_id: str, modal: dict[str, Any], values: dict[str, Any]) -> Reply:
    request = slack.requests.view_submission(user_id, callback_id, values, private_metadata=modal["private_metadata"])
    return slack.dispatch(request)


def contract_values(rows: Sequence[tuple[str | None, str | None, str | None]], hours: str | None,
                    rep_commits: str | None = "Score 3 calls a week", manager_commits: str | None = "Shadow Tuesdays"
                    ) -> Values:
    return modal_values.contract_values(rows, hours, rep_commits, manager_commits)


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
