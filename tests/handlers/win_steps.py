"""Steps of the success-story tests: a team with a coaching channel, "Share a win" clicked or `/coach win` typed,
the modal filled in and submitted, and what reached each person and the channel."""

from __future__ import annotations

import json
from typing import Any

from bot.fake_slack import SignedRequest, plain_text
from bot.fake_slack.state import GENERAL_CHANNEL_ID
from bot.fake_slack.state_values import static_select
from domain.services.wins import APPROACH_FIELD, CONSENT_FIELD, OUTCOME_FIELD, SKILL_FIELD, WHAT_FIELD
from handlers.blocks.inputs import VALUE
from handlers.edge import ids
from tests.handlers.conftest import Slack
from tests.handlers.debrief_steps import opened_by
from tests.handlers.receipt_steps import team

CHANNEL = GENERAL_CHANNEL_ID  # the fake's public channel the app is in: the workspace's coaching channel
TO_MAYA = "shared a win in"
IN_CHANNEL = "shares a win in"
SAVED = "Saved your win"


def wins_team(slack: Slack, *, channel: bool = True) -> None:
    """Ada the admin; Maya coaches Alex (a cycle, focus pipeline management and closing) and Bea; Omar coaches Chen."""
    team(slack, cycle=True)
    slack.coach("UMGR", "focus <@UA|alex> pipeline_management closing")
    slack.coach("UMGR2", "team add <@UC|chen>")
    if channel:
        slack.coach("UADMIN", f"admin channel <#{CHANNEL}|sales-coaching>")


def win_values(what: str | None = "Hooli's CFO agreed to a pilot", skill: str | None = "discovery",
               approach: str | None = "Asked “what happens if you do nothing?”",
               outcome: str | None = "average deal size +35%", share: bool = False) -> dict[str, Any]:
    ticked = [{"text": {"type": "plain_text", "text": "Share with my team"}, "value": "1"}] if share else []
    return {WHAT_FIELD: {VALUE: plain_text(what)}, SKILL_FIELD: {VALUE: static_select(skill)},
            APPROACH_FIELD: {VALUE: plain_text(approach)}, OUTCOME_FIELD: {VALUE: plain_text(outcome)},
            CONSENT_FIELD: {VALUE: {"type": "checkboxes", "selected_options": ticked}}}


def click_share(slack: Slack, user_id: str, value: str | None = "home", *,
                view: dict[str, Any] | None = None) -> tuple[str, str | None]:
    """Click "Share a win" (in App Home with `view`, else in a DM); (its trigger_id, its response token)."""
    request = (slack.requests.block_actions(user_id, ids.SHARE_WIN, value=value, view=view) if view is not None
               else slack.requests.block_actions(user_id, ids.SHARE_WIN, value=value, channel_id=f"D{user_id}"))
    assert slack.dispatch(request).status == 200
    return request.payload["trigger_id"], request.response_token


def open_win_from_home(slack: Slack, user_id: str) -> dict[str, Any]:
    home = slack.open_home(user_id)
    trigger, _ = click_share(slack, user_id, share_value(home), view=home)
    return opened_by(slack, trigger)


def open_win_by_command(slack: Slack, user_id: str, text: str = "") -> dict[str, Any]:
    request = slack.requests.slash_command(user_id, "/coach", f"win {text}".strip())
    assert slack.dispatch(request).status == 200
    return opened_by(slack, request.payload["trigger_id"])


def win_request(slack: Slack, user_id: str, modal: dict[str, Any], values: dict[str, Any]) -> SignedRequest:
    return slack.requests.view_submission(user_id, ids.WIN_VIEW, values, private_metadata=modal["private_metadata"],
                                          blocks=modal["blocks"])


def share_value(view: dict[str, Any]) -> str | None:
    """The value of the "Share a win" button in a Home or message, or None when there is none."""
    for block in view.get("blocks", []):
        for element in block.get("elements", []):
            if isinstance(element, dict) and element.get("action_id") == ids.SHARE_WIN:
                return str(element.get("value"))
    return None


def saying(slack: Slack, where: str, words: str) -> list[dict[str, Any]]:
    """Messages in someone's DM (a user id) or a channel that contain `words`."""
    return [m for m in slack.fake.messages_to(where) if words in json.dumps(m, ensure_ascii=False)]


def listed(slack: Slack, user_id: str, text: str = "") -> str:
    """What `/coach wins <text>` answered the person."""
    return slack.coach(user_id, f"wins {text}".strip()).last_text
