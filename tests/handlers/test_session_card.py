"""The session card through Slack: Maya (New York) coaches Lena (London); Omar coaches Chen.

`/coach session card` for the manager, the rep and an admin; "Record action plan" stores the plan as the
session's; a crafted session id naming another pair's 1:1, another manager and another workspace are refused.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from bot.fake_slack import FakeSlackServer
from domain.coaching.commitments import ACTION, field_key
from domain.coaching.session_card import PROBING_QUESTIONS
from domain.ports import UnitOfWorkFactory
from handlers.edge import ids
from tests.handlers.commitment_steps import Typed, soon, submit_plan
from tests.handlers.conftest import Slack
from tests.handlers.homework_steps import WS, button_value, click_to_open, errors_of
from tests.handlers.prework_steps import NY, book, open_prework, prework_values, refusal_text, submit_prework, team
from tests.handlers.privacy_steps import OUTSIDER, attempt, requests_for

HOSTILE = "<!channel> *Pricing* for <https://evil.example|Acme>"
FIRST = field_key(ACTION, 1)


def _card_reply(slack: Slack, user_id: str, text: str) -> dict[str, Any]:
    return slack.coach(user_id, text).responses[-1]


def _plan_rows(uow_factory: UnitOfWorkFactory, rep_id: str) -> list[tuple[str, int | None, str | None]]:
    with uow_factory(read_only=True) as uow:
        found = uow.commitments.for_reps(WS, [rep_id]).get(rep_id, [])
    return sorted((c.action, c.session_id, c.manager_id) for c in found)


def _record_plan_modal(slack: Slack, user_id: str, session_id: int) -> tuple[dict[str, Any] | None, Any]:
    return click_to_open(slack, user_id, ids.SESSION_CARD_PLAN, str(session_id))


def test_the_manager_the_rep_and_an_admin_read_the_card_and_others_are_refused(
        slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    assert "no 1:1 under way, coming up" in slack.coach("UMGR", "session card <@UL|lena>").last_text
    session_id = book(slack, uow_factory)
    modal, _ = open_prework(slack, session_id)
    assert modal is not None
    submit_prework(slack, modal, prework_values(HOSTILE, "My Q1 goals", "Hiring plan",
                                                questions="Can I lead the Hooli call?"))

    card = _card_reply(slack, "UMGR", "session card <@UL|lena>")
    shown = json.dumps(card["blocks"])
    assert card.get("response_type", "ephemeral") == "ephemeral"
    assert "&lt;!channel&gt;" in shown and "<!channel>" not in shown and "<https://evil" not in shown
    assert shown.index("My Q1 goals") < shown.index("Can I lead the Hooli call?") < shown.index(
        "Probing questions")
    assert "Results against commitments" not in shown  # their first 1:1, and nothing open: nothing to review
    assert all(q.replace("'", "'") in shown for q in PROBING_QUESTIONS[:1])
    assert button_value(card, ids.SESSION_CARD_PLAN) == str(session_id)

    own = json.dumps(_card_reply(slack, "UL", "session card")["blocks"])
    assert "My Q1 goals" in own and ids.SESSION_CARD_PLAN not in own  # the rep reads; the manager records
    assert "My Q1 goals" in json.dumps(_card_reply(slack, "UADMIN", "session card <@UL|lena>")["blocks"])
    for person in ("UMGR2", "UC"):
        refused = slack.coach(person, "session card <@UL|lena>").last_text
        assert "not on your team" in refused and "My Q1 goals" not in refused
    assert "no 1:1 under way" in slack.coach("UC", "session card").last_text
    assert "Name one rep" in slack.coach("UMGR", "session card <@UL|lena> <@UC|chen>").last_text


def test_record_action_plan_from_the_card_stores_the_sessions_plan_once(
        slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    session_id = book(slack, uow_factory)
    modal, _ = _record_plan_modal(slack, "UMGR", session_id)
    assert modal is not None and modal["callback_id"] == ids.PLAN_VIEW
    assert json.loads(modal["private_metadata"]) == {"rep": "UL", "session": session_id}

    saved = submit_plan(slack, modal, Typed("Send Hooli the ROI sheet", soon(tz="Europe/London")),
                        Typed("Shadow a discovery call", soon(10, tz="Europe/London")))
    assert saved.body == ""
    assert _plan_rows(uow_factory, "UL") == [("Send Hooli the ROI sheet", session_id, "UMGR"),
                                             ("Shadow a discovery call", session_id, "UMGR")]

    card = json.dumps(_card_reply(slack, "UMGR", "session card <@UL|lena>")["blocks"])
    assert "Action plan recorded for this session" in card and ids.SESSION_CARD_PLAN not in card
    again, request = _record_plan_modal(slack, "UMGR", session_id)
    assert again is None and "recorded already" in refusal_text(slack, request, "UMGR")
    assert "recorded already" in errors_of(submit_plan(slack, modal, Typed("A fourth", soon())))[FIRST]
    assert len(_plan_rows(uow_factory, "UL")) == 2


def nobody_else_records_a_plan_on_lenas_session(slack: Slack, uow_factory: UnitOfWorkFactory,
                                                engine: Engine | None = None,
                                                fake_server: FakeSlackServer | None = None) -> None:
    """The card's button and the plan form, crafted for Lena's 1:1 by Omar, Chen, Lena, and for another pair."""
    team(slack)
    lena = book(slack, uow_factory)
    day = datetime.now(UTC).astimezone(NY).date() + timedelta(days=2)
    slack.coach("UMGR2", f"session <@UC|chen> {day.isoformat()} 15:00")
    with uow_factory(read_only=True) as uow:
        chen = uow.sessions.upcoming_for(WS, ["UC"], datetime.now(UTC))["UC"][0].id or 0

    for person in ("UMGR2", "UC", "UL"):
        opened, request = _record_plan_modal(slack, person, lena)
        assert opened is None and "not one of yours" in refusal_text(slack, request, person), person
    crafted = (("UMGR2", {"rep": "UC", "session": lena}), ("UMGR2", {"rep": "UL", "session": lena}),
               ("UMGR", {"rep": "UL", "session": chen}), ("UMGR", {"rep": "UC", "session": chen}),
               ("UMGR", {"rep": "UL", "session": "s1"}))
    for person, metadata in crafted:
        form = {"private_metadata": json.dumps(metadata), "blocks": []}
        problems = errors_of(submit_plan(slack, form, Typed("Crafted", soon()), user_id=person))
        assert FIRST in problems and "Crafted" not in problems[FIRST], (person, metadata)
    if engine is not None and fake_server is not None:
        request = requests_for(slack, OUTSIDER, fake_server.base_url).block_actions(
            OUTSIDER, ids.SESSION_CARD_PLAN, value=str(lena), channel_id=f"D{OUTSIDER}")
        outcome = attempt(slack, engine, OUTSIDER, request)
        assert outcome.modal is None and "Lena" not in outcome.seen
    assert _plan_rows(uow_factory, "UL") == [] and _plan_rows(uow_factory, "UC") == []


def test_nobody_else_records_a_plan_on_lenas_session(slack: Slack, uow_factory: UnitOfWorkFactory, engine: Engine,
                                                     fake_server: FakeSlackServer) -> None:
    nobody_else_records_a_plan_on_lenas_session(slack, uow_factory, engine, fake_server)


def _overflow_values(card: dict[str, Any]) -> list[str]:
    return [o["value"] for b in card["blocks"] if (b.get("accessory") or {}).get("action_id") == ids.COMMITMENT_MENU
            for o in b["accessory"]["options"]]


def test_the_next_sessions_card_reviews_the_plan_and_its_menu_changes_an_action_with_history(
        slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    first, second = book(slack, uow_factory, 1), book(slack, uow_factory, 8)
    modal, _ = _record_plan_modal(slack, "UMGR", first)
    assert modal is not None
    assert submit_plan(slack, modal, Typed("Send Hooli the ROI sheet", soon(4, tz="Europe/London")),
                       Typed("Shadow a discovery call", soon(5, tz="Europe/London"))).body == ""
    with uow_factory(read_only=True) as uow:
        send, shadow = sorted(uow.commitments.for_reps(WS, ["UL"])["UL"], key=lambda c: c.deadline)

    with uow_factory() as uow:  # the first 1:1 is over: the card shows the next one, reviewing its plan
        session = uow.sessions.get(WS, first)
        assert session is not None
        uow.sessions.update(replace(session, starts_at=datetime.now(UTC) - timedelta(days=2)))
        uow.commit()
    shown = _card_reply(slack, "UMGR", "session card <@UL|lena>")
    assert button_value(shown, ids.SESSION_CARD_PLAN) == str(second)
    assert _overflow_values(shown) == [f"move:{send.id}", f"drop:{send.id}", f"move:{shadow.id}",
                                       f"drop:{shadow.id}"]
    assert "Results against commitments" in json.dumps(shown["blocks"]) and "Send Hooli the ROI sheet" in json.dumps(
        shown["blocks"])

    drop = slack.requests.block_actions("UMGR", ids.COMMITMENT_MENU, action_type="overflow",
                                        selected_option=f"drop:{shadow.id}")
    assert slack.dispatch(drop).status == 200
    slack.listeners.wait_idle()
    move = slack.requests.block_actions("UMGR", ids.COMMITMENT_MENU, action_type="overflow",
                                        selected_option=f"move:{send.id}")
    assert slack.dispatch(move).status == 200
    slack.fake.wait_for(lambda: slack.fake.view_opened_by(move.payload["trigger_id"]) is not None)
    opened = slack.fake.view_opened_by(move.payload["trigger_id"])
    assert opened is not None and opened["callback_id"] == ids.COMMITMENT_MOVE_VIEW
    with uow_factory(read_only=True) as uow:
        dropped = uow.commitments.get(WS, shadow.id or 0)
    assert dropped is not None and [h.kind.value for h in dropped.history] == ["created", "dropped"]
    after = _card_reply(slack, "UMGR", "session card <@UL|lena>")
    assert "Shadow a discovery call" not in json.dumps(after["blocks"])  # dropped: owed by nobody any more
    assert "session card" in slack.coach("UMGR", "notify").last_text.lower()


def test_an_admin_who_is_a_rep_does_not_record_the_plan_of_their_own_1_1(slack: Slack,
                                                                         uow_factory: UnitOfWorkFactory) -> None:
    team(slack)  # Ada is the workspace's admin; here she is also coached by Maya
    slack.coach("UMGR", "team add <@UADMIN|ada>")
    day = datetime.now(UTC).astimezone(NY).date() + timedelta(days=1)
    slack.coach("UMGR", f"session <@UADMIN|ada> {day.isoformat()} 15:00")
    with uow_factory(read_only=True) as uow:
        own = uow.sessions.upcoming_for(WS, ["UADMIN"], datetime.now(UTC))["UADMIN"][0].id or 0

    opened, request = _record_plan_modal(slack, "UADMIN", own)
    assert opened is None and "not one of yours" in refusal_text(slack, request, "UADMIN")
    card = json.dumps(_card_reply(slack, "UADMIN", "session card")["blocks"])
    assert ids.SESSION_CARD_PLAN not in card and ids.COMMITMENT_MENU not in card and ids.OPEN_TAKEAWAYS not in card
    assert _plan_rows(uow_factory, "UADMIN") == []
