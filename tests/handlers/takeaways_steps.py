"""Steps shared by the takeaways tests: Maya (New York) records what she and Lena (London) took from their 1:1."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.fake_slack import SlackRequests
from bot.fake_slack.state_values import plain_text
from domain.coaching.takeaways import COVERED, TEXT, Takeaways
from domain.ports import UnitOfWorkFactory
from handlers.blocks.inputs import VALUE
from handlers.edge import ids
from tests.handlers.conftest import SECRET, Reply, Slack
from tests.handlers.homework_steps import click_to_open, errors_of, submit_view
from tests.handlers.prework_steps import T1, open_prework, prework_values, submit_prework

Values = dict[str, dict[str, dict[str, Any]]]
AGENDA = ("Hooli pricing", "My Q1 goals", "Hiring plan")


def takeaways_values(text: str | None, ticked: tuple[int, ...] = ()) -> Values:
    return {TEXT: {VALUE: plain_text(text)},
            COVERED: {VALUE: {"type": "checkboxes", "selected_options": [{"value": str(n)} for n in ticked]}}}


def open_takeaways(slack: Slack, session_id: int | str, user_id: str = "UMGR") -> tuple[dict[str, Any] | None, Any]:
    return click_to_open(slack, user_id, ids.OPEN_TAKEAWAYS, str(session_id))


def submit_takeaways(slack: Slack, modal: dict[str, Any], values: Values, user_id: str = "UMGR") -> Reply:
    return submit_view(slack, user_id, ids.TAKEAWAYS_VIEW, modal, values)


def recorded(uow_factory: UnitOfWorkFactory, session_id: int) -> Takeaways | None:
    with uow_factory(read_only=True) as uow:
        return uow.takeaways.get(T1, session_id)


def write_prework(slack: Slack, session_id: int, *items: str) -> None:
    """Lena writes her pre-work (before the session starts)."""
    modal, _ = open_prework(slack, session_id)
    assert modal is not None
    assert errors_of(submit_prework(slack, modal, prework_values(*(items or AGENDA)))) == {}


def starts_in(uow_factory: UnitOfWorkFactory, session_id: int, delta: timedelta) -> None:
    """Move the session so it starts `delta` from now (negative: it began that long ago)."""
    with uow_factory() as uow:
        session = uow.sessions.get(T1, session_id)
        assert session is not None
        uow.sessions.update(replace(session, starts_at=datetime.now(UTC) + delta))
        uow.commit()


def elsewhere(slack: Slack) -> SlackRequests:
    """Requests signed for someone in another workspace."""
    return SlackRequests(SECRET, team_id="T0TWO", response_url_base=slack.requests.response_url_base)


def accessory_values(reply: Reply, action_id: str) -> list[str]:
    """The values of the section buttons with `action_id` in the last reply."""
    blocks = reply.responses[-1].get("blocks", [])
    return [str(b["accessory"]["value"]) for b in blocks
            if b.get("accessory", {}).get("action_id") == action_id]
