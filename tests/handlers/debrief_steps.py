"""Steps shared by the debrief scenario tests: a team in the Develop stage with imported deals,
the modal opened from each entry point, filled in as a rep would."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.modal_values import Values, debrief_values
from domain.model import WorkspaceRef
from domain.pipeline.model import DealStatus, Opportunity
from domain.ports import UnitOfWorkFactory
from handlers.edge import ids
from tests.handlers.conftest import TEAM, Reply, Slack

ANSWERS = ("Asked about budget early", "Let them talk longer", "Quantify the pain before the demo")
WS = WorkspaceRef(TEAM)


def today(tz: str = "America/Los_Angeles") -> date:
    return datetime.now(UTC).astimezone(ZoneInfo(tz)).date()


def team_in_develop(slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    """Maya coaches Alex (cycle in week 4, focus discovery and closing) and Bea (no cycle);
    Omar coaches Chen. Alex owns two open deals and a won one; Bea owns one."""
    slack.coach("UADMIN", "help", replies=2)
    slack.coach("UMGR", "team add <@UA|alex> <@UB|bea>")
    slack.coach("UMGR2", "team add <@UC|chen>")
    monday = today() - timedelta(days=today().weekday()) - timedelta(weeks=3)
    slack.coach("UMGR", f"start <@UA|alex> {monday.isoformat()}")
    slack.coach("UMGR", "focus <@UA|alex> discovery, closing")
    with uow_factory() as uow:
        uow.pipeline.upsert(WS, [
            Opportunity(WS, "OPP-1", "UA", "Acme renewal"),
            Opportunity(WS, "OPP-2", "UA", "Globex expansion"),
            Opportunity(WS, "OPP-3", "UA", "Initrode", status=DealStatus.WON),
            Opportunity(WS, "OPP-9", "UB", "Umbrella pilot"),
        ])
        uow.commit()


def opened_by(slack: Slack, trigger_id: str) -> dict[str, Any]:
    slack.fake.wait_for(lambda: slack.fake.view_opened_by(trigger_id) is not None)
    modal = slack.fake.view_opened_by(trigger_id)
    assert modal is not None
    return modal


def debrief_command(slack: Slack, user_id: str, text: str = "") -> dict[str, Any]:
    """Run `/debrief text` and return the modal it opened."""
    request = slack.requests.slash_command(user_id, ids.DEBRIEF_COMMAND, text)
    assert slack.dispatch(request).status == 200
    return opened_by(slack, request.payload["trigger_id"])


def blocks_of(modal: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {b["block_id"]: b for b in modal["blocks"] if "block_id" in b}


def values(account: str | None = "Acme", on: date | None = None, *, answers: tuple[str | None, ...] = ANSWERS,
           deal: tuple[str, str] | None = None, call_type: str | None = "discovery",
           indicators: dict[str, str | None] | None = None, link: str | None = None) -> Values:
    return debrief_values(account, on or today() - timedelta(days=1), answers, call_type, deal, indicators, link)


def submit(slack: Slack, user_id: str, modal: dict[str, Any], filled: Values, *,
           callback_id: str = ids.DEBRIEF_VIEW) -> Reply:
    request = slack.requests.view_submission(user_id, callback_id, filled, private_metadata=modal["private_metadata"])
    return slack.dispatch(request)


def errors(reply: Reply) -> dict[str, str]:
    return dict(json.loads(reply.body)["errors"]) if reply.body else {}


def copies_to(slack: Slack, user_id: str) -> list[dict[str, Any]]:
    """The debrief copies in the rep's DM (not thread replies)."""
    return [m for m in slack.fake.messages_to(user_id)
            if "Debrief saved" in m.get("text", "") or "Debrief edited" in m.get("text", "")]


def wait_for_copy(slack: Slack, user_id: str, count: int = 1) -> dict[str, Any]:
    slack.fake.wait_for(lambda: len(copies_to(slack, user_id)) >= count)
    return copies_to(slack, user_id)[-1]


def button_value(message: dict[str, Any], action_id: str) -> str | None:
    for block in message.get("blocks", []):
        for element in block.get("elements", []):
            if isinstance(element, dict) and element.get("action_id") == action_id:
                value = element.get("value")
                return value if isinstance(value, str) else ""
    return None


def click(slack: Slack, user_id: str, action_id: str, value: str, *, channel_id: str | None = None,
          view: dict[str, Any] | None = None) -> tuple[str, str | None]:
    """Click a button (in a message, or in `view`); (its trigger_id, its response token)."""
    request = (slack.requests.block_actions(user_id, action_id, value=value, view=view) if view is not None
               else slack.requests.block_actions(user_id, action_id, value=value,
                                                 channel_id=channel_id or f"D{user_id}"))
    assert slack.dispatch(request).status == 200
    return request.payload["trigger_id"], request.response_token
