"""Steps shared by the homework scenario tests: a focused rep with deals, the modals, the DMs' buttons."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from bot.modal_values import Values, feedback_values, hand_in_values, homework_values
from domain.model import WorkspaceRef
from domain.pipeline.model import DealStatus, Opportunity, Stage
from domain.ports import UnitOfWorkFactory
from handlers.edge import ids
from tests.handlers.conftest import TEAM, Reply, Slack
from tests.handlers.diagnosis_steps import DIMENSIONS, open_modal, score_values, submit_score

WS = WorkspaceRef(TEAM)
PROSPECTS = "top_prospects_value_propositions"


def local_today(tz: str) -> date:
    return datetime.now(UTC).astimezone(ZoneInfo(tz)).date()


def focused_team(slack: Slack) -> None:
    """Maya coaches Alex (focus: discovery and value articulation) and Bea (no cycle); Omar coaches Chen."""
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    slack.coach("UMGR2", "team add <@UC|chen>")
    slack.coach("UMGR", "start <@UA|alex>")
    modal = open_modal(slack, "UMGR", "score <@UA|alex>")
    yesterday = local_today("America/New_York") - timedelta(days=1)
    submit_score(slack, "UMGR", modal, score_values("Acme", yesterday, dict.fromkeys(DIMENSIONS, 3)))
    slack.coach("UMGR", "focus <@UA|alex> discovery value_articulation")


def import_deals(uow_factory: UnitOfWorkFactory, owner: str, deals: list[tuple[str, str | None, DealStatus]]) -> None:
    """(name, amount, status) per deal, owned by `owner`."""
    with uow_factory() as uow:
        uow.pipeline.upsert(WS, [
            Opportunity(WS, f"{owner}-{n}", owner, name, Decimal(amount) if amount else None, Stage.PRESENTING, status)
            for n, (name, amount, status) in enumerate(deals)
        ])
        uow.commit()


def submit_view(slack: Slack, user_id: str, callback_id: str, modal: dict[str, Any], values: Values) -> Reply:
    request = slack.requests.view_submission(user_id, callback_id, values, private_metadata=modal["private_metadata"],
                                             blocks=modal["blocks"])
    return slack.dispatch(request)


def shown_text_block(modal: dict[str, Any]) -> str:
    """The block the modal's assignment text is in (the template it shows decides it)."""
    return str(json.loads(modal["private_metadata"])["text"])


def assign(slack: Slack, modal: dict[str, Any], text: str | None, due: date | str | None, kind: str | None = "text",
           template: str | None = None, user_id: str = "UMGR") -> Reply:
    """Submit the modal as shown, its assignment box holding `text` (`template`: what the picker shows)."""
    values = homework_values(template, text, due, kind, shown_text_block(modal))
    return submit_view(slack, user_id, ids.HOMEWORK_VIEW, modal, values)


def dm_with(slack: Slack, user_id: str, text: str) -> dict[str, Any]:
    """The newest DM to `user_id` whose text holds `text`, once it arrives."""
    slack.fake.wait_for(lambda: any(text in m["text"] for m in slack.fake.messages_to(user_id)))
    return [m for m in slack.fake.messages_to(user_id) if text in m["text"]][-1]


def button_value(message: dict[str, Any], action_id: str) -> str:
    for block in message["blocks"]:
        for element in block.get("elements", []) if block["type"] == "actions" else []:
            if element.get("action_id") == action_id:
                return str(element["value"])
    raise AssertionError(f"no {action_id} button in {json.dumps(message)[:300]}")


def click_to_open(slack: Slack, user_id: str, action_id: str, value: str) -> tuple[dict[str, Any] | None, Any]:
    """Click a button in a DM; (the modal it opened, or None when it opened none, and the request)."""
    request = slack.requests.block_actions(user_id, action_id, value=value, channel_id=f"D{user_id}")
    assert slack.dispatch(request).status == 200
    trigger_id = request.payload["trigger_id"]
    token = request.response_token
    slack.fake.wait_for(lambda: slack.fake.view_opened_by(trigger_id) is not None
                        or bool(slack.fake.responses_for(token or "")))
    return slack.fake.view_opened_by(trigger_id), request


def hand_in(slack: Slack, user_id: str, modal: dict[str, Any], **values: Any) -> Reply:
    return submit_view(slack, user_id, ids.HAND_IN_VIEW, modal, hand_in_values(**values))


def answer(slack: Slack, user_id: str, modal: dict[str, Any], feedback: str | None) -> Reply:
    return submit_view(slack, user_id, ids.HOMEWORK_FEEDBACK_VIEW, modal, feedback_values(feedback))


def errors_of(reply: Reply) -> dict[str, str]:
    assert reply.status == 200, reply.body
    return dict(json.loads(reply.body)["errors"]) if reply.body else {}
