"""Steps shared by the shadow-coaching scenario tests: a team in week 3, the observer's modal filled in."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from bot import modal_values
from bot.fake_slack import SignedRequest
from bot.modal_values import Values
from domain.model import WorkspaceRef
from domain.pipeline.model import DealStatus, Opportunity
from domain.ports import UnitOfWorkFactory
from handlers.edge import ids
from tests.handlers.conftest import TEAM, Reply, Slack

FOCUS = ("discovery", "closing")
ANSWERS = ("Opened with the budget question.", "Let the buyer finish their sentences.",
           "Quantify the pain in money before the demo.")


def today_in(tz: str) -> date:
    return datetime.now(UTC).astimezone(ZoneInfo(tz)).date()


def week3_team(slack: Slack, *, focus: bool = True) -> None:
    """Maya coaches Alex (in week 3 of a cycle, focus discovery and closing) and Bea; Omar coaches Chen."""
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    slack.coach("UMGR2", "team add <@UC|chen>")
    today = today_in("America/New_York")
    monday = today - timedelta(days=today.weekday() + 14)
    slack.coach("UMGR", f"start <@UA|alex> {monday.isoformat()}")
    if focus:
        slack.coach("UMGR", "focus <@UA|alex> " + " ".join(FOCUS))


def import_deals(uow_factory: UnitOfWorkFactory) -> None:
    """Alex's pipeline, as an import would leave it (the import itself is tested elsewhere)."""
    ws = WorkspaceRef(TEAM)
    with uow_factory() as uow:
        uow.pipeline.upsert(ws, [
            Opportunity(ws, "D1", "UA", "Acme renewal", Decimal(5000)),
            Opportunity(ws, "D2", "UA", "Globex expansion", Decimal(9000)),
            Opportunity(ws, "D3", "UA", "Acme pilot", Decimal(1000), status=DealStatus.WON),
            Opportunity(ws, "D4", "UC", "Initech", Decimal(3000)),
        ])
        uow.commit()


def open_shadow(slack: Slack, user_id: str, text: str) -> dict[str, Any]:
    """Run `/coach shadow text` and return the modal it opened."""
    request = slack.requests.slash_command(user_id, "/coach", f"shadow {text}")
    assert slack.dispatch(request).status == 200
    trigger_id = request.payload["trigger_id"]
    slack.fake.wait_for(lambda: slack.fake.view_opened_by(trigger_id) is not None)
    modal = slack.fake.view_opened_by(trigger_id)
    assert modal is not None
    return modal


def shadow_values(*, on: date | None, deal: str | None = None, account: str | None = "Acme",
                  call_type: str | None = "discovery", answers: tuple[str | None, ...] = ANSWERS,
                  indicators: Mapping[str, str | None] | None = None,
                  scores: Mapping[str, int | str | None] | None = None,
                  feedback: str | None = "Great questions; pause after each one.",
                  link: str | None = None) -> Values:
    """The observer's modal as Slack submits it (bot/modal_values.py), with these tests' defaults."""
    return modal_values.shadow_values(
        on=on, deal=None if deal is None else (deal, deal), account=account, call_type=call_type, answers=answers,
        indicators=indicators or {"discovery_questions_asked": "7"},
        scores=scores if scores is not None else dict.fromkeys(FOCUS, 4), feedback=feedback, link=link)


def submit_shadow(slack: Slack, user_id: str, modal: dict[str, Any], values: Values) -> Reply:
    request = slack.requests.view_submission(user_id, ids.SHADOW_VIEW, values,
                                             private_metadata=modal["private_metadata"])
    return slack.dispatch(request)


def shadow_request(slack: Slack) -> SignedRequest:
    """Maya's notes on a call of Alex's yesterday, ready to submit (and to replay)."""
    modal = open_shadow(slack, "UMGR", "<@UA|alex>")
    values = shadow_values(on=today_in("America/New_York") - timedelta(days=1))
    return slack.requests.view_submission("UMGR", ids.SHADOW_VIEW, values, private_metadata=modal["private_metadata"])
