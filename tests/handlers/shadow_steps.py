"""Steps shared by the shadow-coaching scenario tests: a team in week 3, the observer's modal filled in."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from bot.fake_slack import SignedRequest, datepicker, plain_text, static_select
from domain.model import WorkspaceRef
from domain.pipeline.model import DealStatus, Opportunity
from domain.ports import UnitOfWorkFactory
from handlers.blocks.call_fields import (
    ACCOUNT,
    CALL_ON,
    CALL_TYPE,
    DEAL,
    DO_DIFFERENTLY,
    PRACTICE_NEXT,
    RECORDING_LINK,
    WENT_WELL,
    indicator_block,
)
from handlers.blocks.inputs import VALUE
from handlers.blocks.shadow_modal import FEEDBACK_BLOCK, score_block
from handlers.edge import ids
from tests.handlers.conftest import TEAM, Reply, Slack

Values = dict[str, dict[str, dict[str, Any]]]
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


def _option(value: str | None) -> dict[str, Any] | None:
    return None if value is None else {"text": {"type": "plain_text", "text": value}, "value": value}


def shadow_values(*, on: date | None, deal: str | None = None, account: str | None = "Acme",
                  call_type: str | None = "discovery", answers: tuple[str | None, ...] = ANSWERS,
                  indicators: Mapping[str, str | None] | None = None,
                  scores: Mapping[str, int | str | None] | None = None,
                  feedback: str | None = "Great questions; pause after each one.",
                  link: str | None = None) -> Values:
    """The observer's modal as Slack submits it; fields not given are left empty."""
    values: Values = {
        DEAL: {ids.DEBRIEF_DEAL_SELECT: {"type": "external_select", "selected_option": _option(deal)}},
        ACCOUNT: {VALUE: plain_text(account)},
        CALL_TYPE: {VALUE: static_select(call_type)},
        CALL_ON: {VALUE: datepicker(on)},
        RECORDING_LINK: {VALUE: {"type": "url_text_input", "value": link}},
        FEEDBACK_BLOCK: {VALUE: plain_text(feedback)},
    }
    for block, text in zip((WENT_WELL, DO_DIFFERENTLY, PRACTICE_NEXT), answers, strict=True):
        values[block] = {VALUE: plain_text(text)}
    for indicator, raw in (indicators or {"discovery_questions_asked": "7"}).items():
        if raw in ("yes", "no"):
            values[indicator_block(indicator)] = {VALUE: {"type": "radio_buttons", "selected_option": _option(raw)}}
        else:
            values[indicator_block(indicator)] = {VALUE: {"type": "number_input", "value": raw}}
    for skill, score in (scores if scores is not None else dict.fromkeys(FOCUS, 4)).items():
        values[score_block(skill)] = {VALUE: static_select(None if score is None else str(score))}
    return values


def submit_shadow(slack: Slack, user_id: str, modal: dict[str, Any], values: Values) -> Reply:
    request = slack.requests.view_submission(user_id, ids.SHADOW_VIEW, values,
                                             private_metadata=modal["private_metadata"])
    return slack.dispatch(request)


def shadow_request(slack: Slack) -> SignedRequest:
    """Maya's notes on a call of Alex's yesterday, ready to submit (and to replay)."""
    modal = open_shadow(slack, "UMGR", "<@UA|alex>")
    values = shadow_values(on=today_in("America/New_York") - timedelta(days=1))
    return slack.requests.view_submission("UMGR", ids.SHADOW_VIEW, values, private_metadata=modal["private_metadata"])
