"""Steps shared by the 21-day challenge tests: a coached rep with focus skills, the start form, nudge clicks."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bot.fake_slack import SignedRequest
from domain.coaching.challenge import Answer
from domain.services.challenges import behaviour_key
from handlers.blocks.inputs import VALUE
from handlers.edge import ids
from tests.handlers.conftest import Reply, Slack
from tests.handlers.homework_steps import errors_of, submit_view
from tests.handlers.jobs.steps import T1
from tests.handlers.loop_world import Loop

NUDGE = "of your challenge: did you do it today?"
MONDAY = datetime(2027, 3, 15, 7, 0, tzinfo=UTC)  # 07:00 in London (GMT), 03:00 in New York (EDT)
HALF_HOUR = timedelta(minutes=30)


def challenge(slack: Slack, user_id: str, text: str = "") -> tuple[SignedRequest, Reply]:
    """Run `/challenge text`; (the request, the reply)."""
    request = slack.requests.slash_command(user_id, ids.CHALLENGE_COMMAND, text)
    reply = slack.dispatch(request)
    assert reply.status == 200, reply.body
    return request, reply


def answers_to(slack: Slack, request: SignedRequest, count: int = 1) -> list[dict[str, Any]]:
    """The ephemeral answers to a command or click (its response_url)."""
    token = request.response_token
    assert token is not None
    slack.fake.wait_for(lambda: len(slack.fake.responses_for(token)) >= count)
    return slack.fake.responses_for(token)


def open_start(slack: Slack, user_id: str, text: str = "") -> dict[str, Any]:
    request, _ = challenge(slack, user_id, text)
    trigger_id = request.payload["trigger_id"]
    slack.fake.wait_for(lambda: slack.fake.view_opened_by(trigger_id) is not None
                        or bool(slack.fake.responses_for(request.response_token or "")))
    modal = slack.fake.view_opened_by(trigger_id)
    assert modal is not None, slack.fake.responses_for(request.response_token or "")
    return modal


def submit_start(slack: Slack, user_id: str, modal: dict[str, Any], texts: dict[str, str] | None = None,
                 nudge_at: str | None = None) -> Reply:
    """Submit the start form as shown (the prefilled behaviours), or with `texts` by skill id; `nudge_at`
    the time picked (None: as shown)."""
    values: dict[str, dict[str, dict[str, Any]]] = {}
    for block in modal["blocks"]:
        if block.get("type") != "input":
            continue
        if block["element"]["type"] == "timepicker":
            picked = nudge_at or block["element"].get("initial_time")
            values[block["block_id"]] = {VALUE: {"type": "timepicker", "selected_time": picked}}
            continue
        skill = block["block_id"].removeprefix(behaviour_key(""))
        typed = (texts or {}).get(skill, block["element"].get("initial_value", ""))
        values[block["block_id"]] = {VALUE: {"type": "plain_text_input", "value": typed}}
    return submit_view(slack, user_id, ids.CHALLENGE_VIEW, modal, values)


def button_value(message: dict[str, Any], action_id: str) -> str:
    for block in message.get("blocks", []):
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if isinstance(element, dict) and element.get("action_id") == action_id:
                return str(element.get("value", ""))
    raise AssertionError(f"no {action_id} in {json.dumps(message)[:400]}")


def has_button(message: dict[str, Any], action_id: str) -> bool:
    return action_id in json.dumps(message.get("blocks", []))


def click(slack: Slack, user_id: str, message: dict[str, Any], action_id: str,
          value: str | None = None) -> SignedRequest:
    """`user_id` clicks `action_id` in `message` (a DM the app sent), as Slack sends it."""
    channel = message.get("channel") or f"D{user_id}"
    request = slack.requests.block_actions(
        user_id, action_id, value if value is not None else button_value(message, action_id),
        container={"type": "message", "message_ts": message["ts"], "channel_id": channel, "is_ephemeral": False},
        channel_id=channel)
    assert slack.dispatch(request).status == 200
    return request


def text_of(message: dict[str, Any]) -> str:
    return message.get("text", "") + json.dumps(message.get("blocks", []))


# -- Lena (London), coached by Maya (New York), on the loop's moved clock --------------------------------


def lena_coached(loop: Loop) -> None:
    loop.at(MONDAY)
    loop.slack.coach("UADMIN", "help", replies=2)
    loop.slack.coach("UMGR", "team add <@UL|lena>")
    loop.slack.coach("UMGR", "start <@UL|lena>")
    loop.slack.coach("UMGR", "focus <@UL|lena> discovery closing")


def start_lenas(loop: Loop) -> None:
    modal = open_start(loop.slack, "UMGR", "start <@UL|lena>")
    assert "Ask at least 5 probing questions in every discovery call" in text_of(modal)
    assert errors_of(submit_start(loop.slack, "UMGR", modal, {"discovery": "Ask 5 probing questions"})) == {}
    loop.slack.listeners.wait_idle()
    [started] = loop.dms("UL", "started your 21-day challenge")
    assert "Ask 5 probing questions" in text_of(started) and "Mon 12 Apr" in text_of(started)
    assert loop.dms("UMGR", "21-day challenge has started")


def nudge_of(loop: Loop, day: date) -> dict:
    """The nudge of `day` (waiting for it on the half-hour grid until the day's end)."""
    loop.first_dm_at("UL", NUDGE, datetime(day.year, day.month, day.day, 23, 0, tzinfo=UTC), HALF_HOUR)
    mine = loop.dms("UL", NUDGE)
    assert mine, f"no nudge by {day}"
    return mine[-1]


def as_it_reads_now(loop: Loop, message: dict) -> dict:
    """`message` as it reads now (chat.update replaces it in place)."""
    loop.slack.listeners.wait_idle()
    [now] = [m for m in loop.fake.messages_to("UL") if m["ts"] == message["ts"]]
    return now


def stored_days(loop: Loop) -> dict[date, Answer]:
    with loop.uow_factory(read_only=True) as uow:
        [active] = uow.challenges.active_for(T1, ["UL"]).values()
        days = uow.challenges.days(T1, [active.id or 0]).get(active.id or 0, {})
    return {day: stored.record.answer for day, stored in days.items()}
