"""The footer buttons through Slack, on the debrief prompt the tick sent Alex: Stop these and Pause a week,
each with its Undo; a click from anyone else refused; a double click stored once.

The fixture is the micro-lessons world (`tests/handlers/lesson_steps.py`): the whole app on virtual
time, Maya coaching Alex (Los Angeles) and Bea (Berlin).
"""

from __future__ import annotations

import json
from datetime import date, time
from typing import Any

from bot.fake_slack import SignedRequest
from bot.fake_slack.state import dm_channel_id
from domain.model import WorkspaceRef
from handlers.edge import ids
from tests.handlers.lesson_steps import Lessons, la, lessons

__all__ = ["lessons"]  # the fixture

WS = WorkspaceRef("T1")
MONDAY = date(2026, 12, 14)


def _prompt(world: Lessons) -> dict[str, Any]:
    world.advance_to(la(MONDAY, time(17, 30)))
    [prompt] = [m for m in world.fake.messages_to("UA") if "/debrief_prompt/" in m["metadata"]["event_payload"]["key"]]
    return prompt


def _click(world: Lessons, message: dict[str, Any], action_id: str, *, as_user: str = "UA") -> SignedRequest:
    """`as_user` clicks `action_id` in the footer of `message` (in Alex's DM); Slack sends its copy of the message."""
    value = next(e["value"] for b in message["blocks"] for e in b.get("elements", [])
                 if e.get("action_id") == action_id)
    channel = dm_channel_id("UA")
    container = {"type": "message", "message_ts": message["ts"], "channel_id": channel, "is_ephemeral": False}
    request = world.slack.requests.block_actions(
        as_user, action_id, value=value, container=container, channel_id=channel,
        message={"ts": message["ts"], "text": message["text"], "blocks": message["blocks"]})
    assert world.slack.dispatch(request).status == 200
    return request


def _answer(world: Lessons, request: SignedRequest) -> dict[str, Any]:
    token = request.response_token or ""
    world.fake.wait_for(lambda: len(world.fake.responses_for(token)) >= 1)
    return world.fake.responses_for(token)[-1]


def _member(_world: Lessons, uow_factory: Any, user_id: str = "UA") -> Any:
    with uow_factory() as uow:
        return uow.members.get(WS, user_id)


def _text(message: dict[str, Any]) -> str:
    return json.dumps(message.get("blocks", []), ensure_ascii=False) + message.get("text", "")


def test_stop_these_mutes_the_kind_says_so_with_undo_and_undo_brings_it_back(lessons: Lessons, uow_factory) -> None:
    prompt = _prompt(lessons)
    assert "You get this because you are coached and have not debriefed a call today" in _text(prompt)

    stopped = _answer(lessons, _click(lessons, prompt, ids.NUDGE_STOP))

    assert stopped["replace_original"] is True
    assert "Stopped: no more *End-of-day debrief prompt" in _text(stopped) and ids.NUDGE_UNDO_STOP in _text(stopped)
    assert ids.OPEN_DEBRIEF in _text(stopped)  # the prompt itself stays
    assert _member(lessons, uow_factory).muted_kinds == {"debrief_prompt"}
    listed = lessons.slack.coach("UA", "notify").last_text
    assert "`debrief_prompt`), 17:00 your time: off for you" in listed

    undone = _answer(lessons, _click(lessons, {**prompt, **stopped}, ids.NUDGE_UNDO_STOP))

    assert "Undone: End-of-day debrief prompt on working days (reps) come again" in _text(undone)
    assert _member(lessons, uow_factory).muted_kinds == frozenset()
    # The restored buttons are new ones: stopping again works.
    again = _answer(lessons, _click(lessons, {**prompt, **undone}, ids.NUDGE_STOP))
    assert "Stopped" in _text(again) and _member(lessons, uow_factory).muted_kinds == {"debrief_prompt"}
    lessons.slack.coach("UA", "notify on debrief_prompt")  # reversible by command too
    assert _member(lessons, uow_factory).muted_kinds == frozenset()


def test_pause_a_week_pauses_everything_for_seven_days_and_undo_resumes(lessons: Lessons, uow_factory) -> None:
    prompt = _prompt(lessons)

    paused = _answer(lessons, _click(lessons, prompt, ids.NUDGE_PAUSE_WEEK))

    assert _member(lessons, uow_factory).paused_until == date(2026, 12, 21)  # Alex's Monday plus seven days
    assert "Paused: Coachflow sends you nothing scheduled until Monday 21 December" in _text(paused)
    assert "/coach resume" in _text(paused) and ids.NUDGE_UNDO_PAUSE in _text(paused)
    lessons.advance_to(la(date(2026, 12, 15), time(18, 0)))
    assert not [m for m in lessons.fake.messages_to("UA") if "/2026-12-15" in m["metadata"]["event_payload"]["key"]]

    undone = _answer(lessons, _click(lessons, {**prompt, **paused}, ids.NUDGE_UNDO_PAUSE))

    assert "Undone: scheduled messages come again" in _text(undone)
    assert _member(lessons, uow_factory).paused_until is None


def test_a_click_from_anyone_but_the_recipient_is_refused_and_changes_nothing(lessons: Lessons, uow_factory) -> None:
    prompt = _prompt(lessons)

    for action in (ids.NUDGE_STOP, ids.NUDGE_PAUSE_WEEK):
        refused = _answer(lessons, _click(lessons, prompt, action, as_user="UB"))
        assert refused.get("response_type") == "ephemeral" and "belong to the person" in _text(refused)

    alex, bea = _member(lessons, uow_factory), _member(lessons, uow_factory, "UB")
    assert alex.muted_kinds == frozenset() and alex.paused_until is None
    assert bea.muted_kinds == frozenset() and bea.paused_until is None
    # The Undo buttons too: Alex stops and pauses, Bea cannot undo either.
    stopped = _answer(lessons, _click(lessons, prompt, ids.NUDGE_STOP))
    assert "belong to the person" in _text(_answer(lessons, _click(lessons, {**prompt, **stopped}, ids.NUDGE_UNDO_STOP,
                                                                   as_user="UB")))
    assert _member(lessons, uow_factory).muted_kinds == {"debrief_prompt"}
    undone = _answer(lessons, _click(lessons, {**prompt, **stopped}, ids.NUDGE_UNDO_STOP))
    paused = _answer(lessons, _click(lessons, {**prompt, **undone}, ids.NUDGE_PAUSE_WEEK))
    assert "belong to the person" in _text(_answer(lessons, _click(lessons, {**prompt, **paused}, ids.NUDGE_UNDO_PAUSE,
                                                                   as_user="UB")))
    assert _member(lessons, uow_factory).paused_until == date(2026, 12, 21)


def test_a_double_click_is_stored_once_and_answered_once(lessons: Lessons, uow_factory) -> None:
    prompt = _prompt(lessons)

    first = _click(lessons, prompt, ids.NUDGE_STOP)
    second = _click(lessons, prompt, ids.NUDGE_STOP)
    lessons.slack.finish_listeners()

    assert len(lessons.fake.responses_for(first.response_token or "")) == 1
    assert lessons.fake.responses_for(second.response_token or "") == []
    assert _member(lessons, uow_factory).muted_kinds == {"debrief_prompt"}


def test_a_crafted_value_is_refused_with_what_to_type_instead(lessons: Lessons) -> None:
    prompt = _prompt(lessons)
    crafted = {**prompt, "blocks": [{"type": "actions", "elements": [
        {"type": "button", "action_id": ids.NUDGE_STOP, "value": "0|no_such_kind|UA"}]}]}
    refused = _answer(lessons, _click(lessons, crafted, ids.NUDGE_STOP))
    assert "could not be read" in _text(refused) and "/coach notify" in _text(refused)


def test_each_footer_button_replayed_changes_once_and_answers_once(lessons: Lessons, uow_factory) -> None:
    """A Slack retry (the same signed request again) of each footer button: one change, one answer."""
    prompt = _prompt(lessons)
    shown = prompt
    for action, check in ((ids.NUDGE_PAUSE_WEEK, lambda m: m.paused_until == date(2026, 12, 21)),
                          (ids.NUDGE_UNDO_PAUSE, lambda m: m.paused_until is None),
                          (ids.NUDGE_STOP, lambda m: m.muted_kinds == {"debrief_prompt"}),
                          (ids.NUDGE_UNDO_STOP, lambda m: m.muted_kinds == frozenset())):
        request = _click(lessons, shown, action)
        assert lessons.slack.dispatch(request).status == 200  # the retry
        answer = _answer(lessons, request)
        lessons.slack.listeners.wait_idle()
        assert len(lessons.fake.responses_for(request.response_token or "")) == 1, action
        assert check(_member(lessons, uow_factory)), action
        shown = {**prompt, **answer}
