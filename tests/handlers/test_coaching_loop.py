"""The coaching conversation's full loop through Slack, on a clock the test moves (issue 12).

Maya manages from New York; Lena works in London; Bea (Berlin) is in the
workspace but not on Maya's team. A weekly 1:1 is booked; Lena's pre-work
comes 24 h before, Maya adds a question; the session card reaches Maya at
the session's time; she records the takeaways (two of the three agenda items
covered) and a three-action plan, one action delegated to Bea; Lena is
reminded the working day before her deadline and answers "partly" with an
obstacle on the day; the next week's pre-work offers only the item not
covered, and the next card opens with the review of the commitments, where
Maya carries the partly-done action over.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bot.conversation_values import (
    PlannedAction,
    obstacles_values,
    plan_values,
    prework_values,
    question_values,
    takeaways_values,
)
from bot.fake_slack.state_values import datepicker
from domain.coaching.commitments import DEADLINE, ChangeKind, CommitmentStatus, field_key
from handlers.blocks.inputs import VALUE
from handlers.edge import ids
from tests.handlers.homework_steps import click_to_open, errors_of, submit_view
from tests.handlers.jobs.steps import T1
from tests.handlers.loop_world import Loop, loop_fixture  # noqa: F401  (the `loop` fixture)

MONDAY = datetime(2026, 12, 7, 13, 0, tzinfo=UTC)  # 08:00 in New York, 13:00 in London
FIRST = datetime(2026, 12, 8, 15, 0, tzinfo=UTC)  # Tue 8 Dec 10:00 New York = 15:00 London
SECOND = FIRST + timedelta(weeks=1)
AGENDA = ("Hooli is stuck at legal: how do I get the CFO back?", "My discovery calls run long",
          "Forecast for Q1")


def _value(message: dict[str, Any], action_id: str) -> str:
    for block in message.get("blocks", []):
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if isinstance(element, dict) and element.get("action_id") == action_id:
                return str(element.get("value", ""))
    raise AssertionError(f"no {action_id} in {json.dumps(message)[:300]}")


def _open(loop: Loop, user_id: str, message: dict[str, Any], action_id: str) -> dict[str, Any]:
    modal, _request = click_to_open(loop.slack, user_id, action_id, _value(message, action_id))
    assert modal is not None, f"{action_id} opened no modal"
    return modal


def _book_weekly(loop: Loop) -> None:
    loop.at(MONDAY)
    loop.slack.coach("UADMIN", "help", replies=2)
    loop.slack.coach("UMGR", "team add <@UL|lena>")
    reply = loop.slack.coach("UMGR", "session <@UL|lena> 2026-12-08 10:00 weekly")
    assert "Tue 8 Dec 10:00 for you (New York) · 15:00 for Lena Lewis (London)" in reply.last_text


def _prework(loop: Loop) -> None:
    sent = loop.first_dm_at("UL", "Prepare for our 1:1", FIRST)
    assert sent == FIRST - timedelta(hours=24)
    [dm] = loop.dms("UL", "Prepare for our 1:1")
    assert "Tue 8 Dec 15:00" in dm["text"]  # Lena's own time
    modal = _open(loop, "UL", dm, ids.OPEN_PREWORK)
    too_few = errors_of(submit_view(loop.slack, "UL", ids.PREWORK_VIEW, modal, prework_values(AGENDA[:2])))
    assert "you have 2" in too_few["agenda_1"]
    assert errors_of(submit_view(loop.slack, "UL", ids.PREWORK_VIEW, modal, prework_values(
        AGENDA, questions="Can you join the Hooli call?"))) == {}

    [arrived] = loop.dms("UMGR", "Forecast for Q1")
    asking = _open(loop, "UMGR", arrived, ids.ADD_PREWORK_QUESTION)
    assert errors_of(submit_view(loop.slack, "UMGR", ids.PREWORK_QUESTION_VIEW, asking,
                                 question_values("What keeps you up at night that I can help with?"))) == {}
    assert loop.dms("UL", "What keeps you up at night that I can help with?")


def _first_card(loop: Loop) -> dict[str, Any]:
    assert loop.first_dm_at("UMGR", "Session card", FIRST + timedelta(minutes=5)) == FIRST - timedelta(minutes=5)
    assert not loop.dms("UL", ":hourglass_flowing_sand:")  # the pre-work was in: no reminder 2 h before
    [card] = loop.dms("UMGR", "Session card")
    shown = json.dumps(card["blocks"])
    assert "Tue 8 Dec 10:00 for you (New York)" in shown and "15:00 for Lena Lewis (London)" in shown
    assert shown.index(AGENDA[0]) < shown.index("Can you join the Hooli call?") < shown.index(
        "What keeps you up at night that I can help with?") < shown.index("Probing questions")
    assert "Results against commitments" not in shown  # their first 1:1: nothing to review yet
    return card


def _takeaways_and_plan(loop: Loop, card: dict[str, Any]) -> list[int]:
    loop.at(FIRST + timedelta(minutes=40))
    modal = _open(loop, "UMGR", card, ids.OPEN_TAKEAWAYS)
    assert errors_of(submit_view(loop.slack, "UMGR", ids.TAKEAWAYS_VIEW, modal, takeaways_values(
        "Lead every discovery call with the cost of delay; Maya joins the Hooli call.", covered=(0, 1)))) == {}
    [told] = loop.dms("UL", "cost of delay")
    assert "Forecast for Q1" in json.dumps(told)  # not covered: it carries forward

    plan = _open(loop, "UMGR", card, ids.SESSION_CARD_PLAN)
    actions = [PlannedAction("Open every discovery call with the cost-of-delay question", date(2026, 12, 10),
                             evidence="5+ questions in each debrief", confidence=4),
               PlannedAction("Book the Hooli CFO call", date(2026, 12, 14), evidence="On the calendar",
                             confidence=3, support="Maya joins"),
               PlannedAction("Send Lena the legal-review checklist", date(2026, 12, 9), owner="UB")]
    past = [actions[0], actions[1], PlannedAction(actions[2].action, date(2026, 12, 7), owner="UB")]
    assert "has passed" in errors_of(submit_view(loop.slack, "UMGR", ids.PLAN_VIEW, plan,
                                                 plan_values(past)))[field_key(DEADLINE, 3)]
    assert errors_of(submit_view(loop.slack, "UMGR", ids.PLAN_VIEW, plan, plan_values(actions))) == {}
    with loop.uow_factory(read_only=True) as uow:
        stored = uow.commitments.for_reps(T1, ["UL"])["UL"]
        first = uow.sessions.upcoming_for(T1, ["UL"], FIRST - timedelta(hours=1))["UL"][0]
    assert len(stored) == 3 and {c.session_id for c in stored} == {first.id}
    [bea] = loop.dms("UB", "legal-review checklist")  # the delegated owner sees only her own action
    assert "Hooli CFO" not in json.dumps(bea)
    return [c.id or 0 for c in sorted(stored, key=lambda c: c.deadline)]


def _follow_up(loop: Loop, own_id: int) -> None:
    # Lena's Thursday deadline: reminded at 09:00 London on Wednesday, asked at 16:00 London on Thursday.
    assert loop.first_dm_at("UL", "Reminder: your action is due", datetime(2026, 12, 10, 0, 0, tzinfo=UTC),
                            timedelta(minutes=30)) == datetime(2026, 12, 9, 9, 0, tzinfo=UTC)
    assert loop.first_dm_at("UL", "Today is the deadline", datetime(2026, 12, 11, 0, 0, tzinfo=UTC),
                            timedelta(minutes=30)) == datetime(2026, 12, 10, 16, 0, tzinfo=UTC)
    [check_in] = loop.dms("UL", "Today is the deadline")
    loop.at(datetime(2026, 12, 10, 16, 20, tzinfo=UTC))
    modal = _open(loop, "UL", check_in, ids.COMMITMENT_PARTLY)
    assert _value(check_in, ids.COMMITMENT_PARTLY) == str(own_id)
    assert errors_of(submit_view(loop.slack, "UL", ids.COMMITMENT_OBSTACLES_VIEW, modal, obstacles_values(
        "Two of my four calls were renewals: no discovery to open"))) == {}
    assert loop.dms("UMGR", "renewals: no discovery to open")


def _second_session(loop: Loop, own_id: int) -> None:
    assert loop.first_dm_at("UL", "Prepare for our 1:1", SECOND, timedelta(minutes=30)) == SECOND - timedelta(hours=24)
    dm = loop.dms("UL", "Prepare for our 1:1")[-1]
    modal = _open(loop, "UL", dm, ids.OPEN_PREWORK)
    offered = json.dumps([b for b in modal["blocks"] if b.get("block_id") == "carry"])
    assert "Forecast for Q1" in offered and AGENDA[1] not in offered  # only what was not covered
    assert errors_of(submit_view(loop.slack, "UL", ids.PREWORK_VIEW, modal, prework_values(
        ("Renewal calls: where does discovery fit?", "Hooli CFO call prep"), carried=(0,)))) == {}

    assert loop.first_dm_at("UMGR", "Session card", SECOND + timedelta(minutes=5)) == SECOND - timedelta(minutes=5)
    card = loop.dms("UMGR", "Session card")[-1]
    shown = json.dumps(card["blocks"])
    assert shown.index("Results against commitments") < shown.index("The rep's agenda")  # the review opens it
    assert "partly done" in shown and "renewals: no discovery to open" in shown
    assert "Last time's takeaways" in shown and "cost of delay" in shown
    assert shown.index("Forecast for Q1") > shown.index("The rep's agenda")

    # Maya carries the partly-done action over to Friday, from the card's own menu.
    loop.at(SECOND + timedelta(minutes=10))
    request = loop.slack.requests.block_actions("UMGR", ids.COMMITMENT_MENU, selected_option=f"move:{own_id}",
                                                action_type="overflow", channel_id="DUMGR")
    assert loop.slack.dispatch(request).status == 200
    loop.fake.wait_for(lambda: loop.fake.view_opened_by(request.payload["trigger_id"]) is not None)
    move = loop.fake.view_opened_by(request.payload["trigger_id"])
    assert move is not None
    assert errors_of(submit_view(loop.slack, "UMGR", ids.COMMITMENT_MOVE_VIEW, move,
                                 {DEADLINE: {VALUE: datepicker(date(2026, 12, 18))}})) == {}
    with loop.uow_factory(read_only=True) as uow:
        carried = uow.commitments.get(T1, own_id)
    assert carried is not None and carried.status is CommitmentStatus.OPEN and carried.deadline == date(2026, 12, 18)
    assert [c.kind for c in carried.history][-2:] == [ChangeKind.ANSWERED, ChangeKind.CARRIED_OVER]


def test_the_four_steps_twice_through_slack(loop: Loop) -> None:
    _book_weekly(loop)
    _prework(loop)
    card = _first_card(loop)
    own_id = _takeaways_and_plan(loop, card)[1]  # by deadline: Bea's, Lena's Thursday one, Hooli
    _follow_up(loop, own_id)
    _second_session(loop, own_id)
