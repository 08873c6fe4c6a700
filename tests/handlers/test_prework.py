"""1:1 pre-work through Slack: Lena (London) prepares her 1:1 with Maya (New York), who adds a question."""

from __future__ import annotations

import json

from domain.coaching.prework import item_key, question_key
from domain.ports import UnitOfWorkFactory
from handlers.edge import ids
from tests.handlers.conftest import Slack
from tests.handlers.homework_steps import button_value, dm_with, errors_of
from tests.handlers.prework_steps import (
    book,
    open_prework,
    open_question,
    prework_values,
    refusal_text,
    start_session,
    stored,
    submit_prework,
    submit_questions,
    team,
)
from tests.handlers.receipt_steps import replay, texts_to

HOSTILE = "<!channel> *Pricing* for <https://evil.example|Acme>"


def test_three_or_four_agenda_items_are_kept_and_the_manager_gets_the_agenda_escaped(
        slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    session_id = book(slack, uow_factory)
    modal, _ = open_prework(slack, session_id)
    assert modal is not None and modal["callback_id"] == ids.PREWORK_VIEW

    two = errors_of(submit_prework(slack, modal, prework_values("Hooli pricing", "My Q1 goals")))
    assert "3 or 4 agenda items (you have 2)" in two[item_key(1)]
    five = prework_values("a", "b", "c", "d", "e")  # a crafted fifth input is read, and refused
    assert "3 or 4 agenda items (you have 5)" in errors_of(submit_prework(slack, modal, five))[item_key(1)]
    assert stored(uow_factory, session_id) is None

    saved = submit_prework(slack, modal, prework_values(HOSTILE, "My Q1 goals", "Hiring plan",
                                                        questions="Can I lead the Hooli call?",
                                                        background="Pipeline is 2.1x target"))
    assert errors_of(saved) == {}
    kept = stored(uow_factory, session_id)
    assert kept is not None and kept.agenda == (HOSTILE, "My Q1 goals", "Hiring plan")
    told = dm_with(slack, "UMGR", "sent their pre-work")
    shown = json.dumps(told["blocks"])
    assert "&lt;!channel&gt;" in shown and "<!channel>" not in shown and "<https://evil" not in shown
    assert "Can I lead the Hooli call?" in shown and "Pipeline is 2.1x target" in shown
    assert button_value(told, ids.ADD_PREWORK_QUESTION) == str(session_id)
    assert "Pre-work saved" in dm_with(slack, "UL", "Pre-work saved")["text"]


def test_last_sessions_items_are_offered_to_carry_forward_and_the_pre_work_stays_editable(
        slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    first, second = book(slack, uow_factory, 1), book(slack, uow_factory, 8)
    modal, _ = open_prework(slack, first)
    assert modal is not None and "Carry forward" not in json.dumps(modal)  # nothing before the first 1:1
    submit_prework(slack, modal, prework_values("Hooli pricing", "My Q1 goals", "Hiring plan"))

    modal, _ = open_prework(slack, second)
    assert modal is not None
    # No takeaways were recorded for the first 1:1, so all of its items are offered (test_takeaways.py: only the
    # items not covered are offered once they are).
    offered = next(b for b in modal["blocks"] if b.get("block_id") == "carry")
    assert [o["text"]["text"] for o in offered["element"]["options"]] == ["Hooli pricing", "My Q1 goals",
                                                                          "Hiring plan"]
    # Two carried (ticked) and one typed make three.
    assert errors_of(submit_prework(slack, modal, prework_values("Territory split", carried=(0, 2)))) == {}
    kept = stored(uow_factory, second)
    assert kept is not None and kept.agenda == ("Hooli pricing", "Hiring plan", "Territory split")

    # The same button reopens it prefilled; the edit replaces it and the manager hears of it.
    modal, _ = open_prework(slack, second)
    assert modal is not None
    initial = [b["element"].get("initial_value") for b in modal["blocks"]
               if str(b.get("block_id", "")).startswith("agenda_")]
    assert initial[:3] == ["Hooli pricing", "Hiring plan", "Territory split"]
    assert errors_of(submit_prework(slack, modal, prework_values("Hooli pricing", "Territory split",
                                                                 "Promotion path", "Hiring plan"))) == {}
    kept = stored(uow_factory, second)
    assert kept is not None and len(kept.agenda) == 4 and "Promotion path" in kept.agenda
    assert "updated their pre-work" in dm_with(slack, "UMGR", "updated their pre-work")["text"]


def test_after_the_session_starts_the_pre_work_is_closed_kindly(slack: Slack,
                                                                 uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    session_id = book(slack, uow_factory)
    modal, _ = open_prework(slack, session_id)
    assert modal is not None
    start_session(uow_factory, session_id)

    # The modal left open: refused inline, nothing stored.
    late = errors_of(submit_prework(slack, modal, prework_values("a", "b", "c")))
    assert "has started" in late[item_key(1)] and stored(uow_factory, session_id) is None
    reopened, request = open_prework(slack, session_id)
    assert reopened is None and "has started" in refusal_text(slack, request, "UL")


def test_the_manager_adds_up_to_two_questions_which_the_rep_sees(slack: Slack,
                                                                  uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    session_id = book(slack, uow_factory)
    modal, _ = open_prework(slack, session_id)
    assert modal is not None
    submit_prework(slack, modal, prework_values("Hooli pricing", "My Q1 goals", "Hiring plan"))

    asking, _ = open_question(slack, session_id)
    assert asking is not None and asking["callback_id"] == ids.PREWORK_QUESTION_VIEW
    assert errors_of(submit_questions(slack, asking, "What keeps you up at night?")) == {}
    heard = dm_with(slack, "UL", "added a question")
    assert "What keeps you up at night?" in json.dumps(heard["blocks"])

    asking, _ = open_question(slack, session_id)
    assert asking is not None
    crafted = errors_of(submit_questions(slack, asking, "Two?", "Three?"))  # only one more fits
    assert "at most 2 questions" in crafted[question_key(1)]
    assert errors_of(submit_questions(slack, asking, "Where can I help on Hooli?")) == {}
    kept = stored(uow_factory, session_id)
    assert kept is not None and kept.manager_questions == ("What keeps you up at night?",
                                                           "Where can I help on Hooli?")
    third, request = open_question(slack, session_id)
    assert third is None and "added your 2 questions" in refusal_text(slack, request, "UMGR")


def nobody_else_touches_lenas_prework(slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    """Each pre-work button and form, crafted by Chen (another rep) or Omar (another manager) for Lena's 1:1."""
    team(slack)
    session_id = book(slack, uow_factory)
    modal, _ = open_prework(slack, session_id)
    assert modal is not None
    submit_prework(slack, modal, prework_values("Hooli pricing", "My Q1 goals", "Hiring plan"))

    opened, request = open_prework(slack, session_id, user_id="UC")
    assert opened is None and "not one of yours" in refusal_text(slack, request, "UC")
    crafted = errors_of(submit_prework(slack, modal, prework_values("x", "y", "z"), user_id="UC"))
    assert "not one of yours" in crafted[item_key(1)]
    opened, request = open_question(slack, session_id, user_id="UMGR2")
    assert opened is None and "manager" in refusal_text(slack, request, "UMGR2")
    asking, _ = open_question(slack, session_id)
    assert asking is not None
    crafted = errors_of(submit_questions(slack, asking, "Sneaky?", user_id="UMGR2"))
    assert "manager" in crafted[question_key(1)]
    opened, request = open_question(slack, session_id, user_id="UL")  # the rep cannot ask herself
    assert opened is None
    kept = stored(uow_factory, session_id)
    assert kept is not None and kept.agenda == ("Hooli pricing", "My Q1 goals", "Hiring plan")
    assert kept.manager_questions == ()
    assert texts_to(slack, "UC", "Hooli pricing") == 0 and texts_to(slack, "UMGR2", "Hooli pricing") == 0


def test_nobody_else_touches_lenas_prework(slack: Slack, uow_factory: UnitOfWorkFactory) -> None:
    nobody_else_touches_lenas_prework(slack, uow_factory)


def test_pre_work_and_questions_sent_twice_are_stored_once_and_told_once(slack: Slack,
                                                                        uow_factory: UnitOfWorkFactory) -> None:
    team(slack)
    session_id = book(slack, uow_factory)
    modal, _ = open_prework(slack, session_id)
    assert modal is not None
    request = slack.requests.view_submission("UL", ids.PREWORK_VIEW, prework_values("a1", "b2", "c3"),
                                             private_metadata=modal["private_metadata"], blocks=modal["blocks"])
    replies = [slack.dispatch(request) for _ in range(3)]
    assert all(r.status == 200 and r.body == "" for r in replies)
    dm_with(slack, "UMGR", "sent their pre-work")

    asking, _ = open_question(slack, session_id)
    assert asking is not None
    asked = slack.requests.view_submission("UMGR", ids.PREWORK_QUESTION_VIEW,
                                           {question_key(1): {"value": {"type": "plain_text_input",
                                                                        "value": "Once?"}}},
                                           private_metadata=asking["private_metadata"], blocks=asking["blocks"])
    assert all(r.status == 200 and r.body == "" for r in replay(slack, asked, asked))
    kept = stored(uow_factory, session_id)
    assert kept is not None and kept.manager_questions == ("Once?",)
    assert texts_to(slack, "UL", "Once?") == 1
    assert texts_to(slack, "UMGR", "sent their pre-work") == 1 and texts_to(slack, "UMGR", "updated their") == 0
