"""Steps shared by the pre-work tests: Maya (New York) coaches Lena (London); Omar coaches Chen."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot import conversation_values
from bot.fake_slack.state_values import plain_text
from domain.coaching.prework import Prework, question_key
from domain.model import WorkspaceRef
from domain.ports import UnitOfWorkFactory
from handlers.blocks.inputs import VALUE
from handlers.edge import ids
from tests.handlers.conftest import Reply, Slack
from tests.handlers.homework_steps import click_to_open, submit_view

T1 = WorkspaceRef("T1")
NY = ZoneInfo("America/New_York")
Values = dict[str, dict[str, dict[str, Any]]]


def team(slack: Slack) -> None:
    slack.fake.add_user("UL", "Lena Lewis", "Europe/London")
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UL|lena>")
    slack.coach("UMGR2", "team add <@UC|chen>")


def book(slack: Slack, uow_factory: UnitOfWorkFactory, days_ahead: int = 1) -> int:
    """Maya books Lena at 15:00 New York time `days_ahead` days from today; the session's id."""
    day = datetime.now(UTC).astimezone(NY).date() + timedelta(days=days_ahead)
    slack.coach("UMGR", f"session <@UL|lena> {day.isoformat()} 15:00")
    with uow_factory(read_only=True) as uow:
        ahead = uow.sessions.upcoming_for(T1, ["UL"], datetime.now(UTC)).get("UL", [])
    return max(s.id or 0 for s in ahead if s.starts_at.astimezone(NY).date() == day)


def prework_values(*items: str | None, carried: tuple[int, ...] = (), questions: str | None = None,
                   background: str | None = None) -> Values:
    return conversation_values.prework_values(items, carried=carried, questions=questions, background=background)


def open_prework(slack: Slack, session_id: int, user_id: str = "UL") -> tuple[dict[str, Any] | None, Any]:
    return click_to_open(slack, user_id, ids.OPEN_PREWORK, str(session_id))


def submit_prework(slack: Slack, modal: dict[str, Any], values: Values, user_id: str = "UL") -> Reply:
    return submit_view(slack, user_id, ids.PREWORK_VIEW, modal, values)


def open_question(slack: Slack, session_id: int, user_id: str = "UMGR") -> tuple[dict[str, Any] | None, Any]:
    return click_to_open(slack, user_id, ids.ADD_PREWORK_QUESTION, str(session_id))


def submit_questions(slack: Slack, modal: dict[str, Any], *questions: str | None, user_id: str = "UMGR") -> Reply:
    values: Values = {question_key(n): {VALUE: plain_text(q)} for n, q in enumerate(questions, start=1)}
    return submit_view(slack, user_id, ids.PREWORK_QUESTION_VIEW, modal, values)


def stored(uow_factory: UnitOfWorkFactory, session_id: int) -> Prework | None:
    with uow_factory(read_only=True) as uow:
        return uow.prework.get(T1, session_id)


def start_session(uow_factory: UnitOfWorkFactory, session_id: int) -> None:
    """The session began a minute ago (as if the clock had reached it)."""
    with uow_factory() as uow:
        session = uow.sessions.get(T1, session_id)
        assert session is not None
        uow.sessions.update(replace(session, starts_at=datetime.now(UTC) - timedelta(minutes=1)))
        uow.commit()


def refusal_text(slack: Slack, request: Any, user_id: str) -> str:
    """What a refused click answered: the ephemeral reply to its response_url."""
    slack.fake.wait_for(lambda: bool(slack.fake.responses_for(request.response_token or "")))
    return json.dumps(slack.fake.responses_for(request.response_token or ""), ensure_ascii=False)
